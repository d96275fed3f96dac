import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("the privacy page", () => {
  it("is public, in Dutch, linked from the footer of every page, and in English on request", async () => {
    const home = await (await fetch(`${server.url}/`)).text();
    expect(home).toMatch(/<footer[\s\S]*href="\/privacy"/);
    const nl = await fetch(`${server.url}/privacy`);
    expect(nl.status).toBe(200);
    const html = await nl.text();
    for (const heading of ["Wat we bewaren en waarom", "Hoe lang", "Wie het ziet", "Inzage en wissing"]) expect(html).toContain(heading);
    expect(html).toContain("12 maanden na de sessie");
    const en = await (await fetch(`${server.url}/privacy`, { headers: { Cookie: "lang=en" } })).text();
    expect(en).toContain("For how long");
    expect(en).toContain('lang="en"');
  });
});
