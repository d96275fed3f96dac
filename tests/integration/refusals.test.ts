/**
 * Inputs that used to answer 500 (issue #9), each now a 4xx in the contract's shape that
 * changes nothing.
 */
import { describe, expect, it } from "vitest";
import { fingerprint, fuzzWorldForThisFile, fuzzServer as server, type World, fuzzWorld as world } from "../support/fuzz-world";

fuzzWorldForThisFile();

const cursor = (t: string) => Buffer.from(JSON.stringify({ d: "after", t, i: "00000000-0000-4000-8000-000000000000" })).toString("base64url");

async function api(method: string, path: string, body: unknown, role: keyof World["tokens"] = "coordinator") {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (world.tokens[role]) headers.Authorization = `Bearer ${world.tokens[role]}`;
  return fetch(`${server.url}/api/v1${path}`, { method, headers, body: JSON.stringify(body) });
}

describe("refused with a 4xx, never a 500", () => {
  it("a cursor whose number overflows bigint, on / and /api/v1/sessions, anonymously", async () => {
    for (const t of ["9223372036854775808", "-9223372036854775809", "9999999999999999999"]) {
      const res = await fetch(`${server.url}/api/v1/sessions?cursor=${cursor(t)}`);
      expect(res.status).toBe(422);
      expect((await res.json()).error).toMatchObject({ code: "VALIDATION_FAILED", fields: { cursor: expect.any(String) } });
      const page = await fetch(`${server.url}/?cursor=${cursor(t)}`);
      expect(page.status).toBeLessThan(500);
      expect(page.status).not.toBe(500);
    }
  });

  it("accept with slotIds of 36 hyphens (page and API)", async () => {
    const before = await fingerprint();
    const { requestId } = world.ids;
    const page = await world.browsers.coordinator.post(`/requests/${requestId}`, { intent: "accept", slotIds: "-".repeat(36) });
    expect(page.status).toBe(422);
    const res = await api("POST", `/requests/${requestId}/accept`, { slotIds: ["-".repeat(36)] });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("VALIDATION_FAILED");
    expect(await fingerprint()).toEqual(before);
  });

  it("a NUL byte (or another control character) in a request's subject, message or thread message", async () => {
    const before = await fingerprint();
    const base = {
      providerId: world.ids.providerId,
      kind: "consultation",
      subject: "Een vraag",
      message: "Een vraag over een situatie in onze gemeente.",
      participants: 2,
      deliveryMode: "online",
    };
    for (const bad of [{ subject: "Een\u0000vraag" }, { message: "Een vraag over\u0000 een situatie." }, { subject: "Escape \u001b[31m" }]) {
      const res = await api("POST", "/requests", { ...base, ...bad });
      expect(res.status).toBe(422);
      const { error } = await res.json();
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(error.fields)).toEqual(Object.keys(bad));
    }
    const thread = await api("POST", `/requests/${world.ids.requestId}/messages`, { body: "Hallo\u0000" });
    expect(thread.status).toBe(422);
    const page = await world.browsers.coordinator.post(`/requests/${world.ids.requestId}`, { intent: "message", body: "Hallo\u0000daar" });
    expect(page.status).toBe(422);
    const form = await world.browsers.coordinator.post("/requests/new", { ...base, participants: "2", subject: "Nul\u0000byte", providerId: world.ids.providerId ?? "" });
    expect(form.status).toBeLessThan(500);
    expect(await fingerprint()).toEqual(before);
  });

  it("tab, newline and CR stay allowed in long text", async () => {
    const res = await api("POST", `/requests/${world.ids.requestId}/messages`, { body: "Regel 1\r\nRegel 2\n\tingesprongen" });
    expect(res.status).toBe(201);
  });

  it("malformed ids in paths answer 404", async () => {
    for (const path of [`/sessions/${"-".repeat(36)}`, "/sessions/00000000-0000-0000-0000-00000000000g", `/bookings/${"-".repeat(36)}`]) {
      const res = await fetch(`${server.url}/api/v1${path}`, { headers: { Authorization: `Bearer ${world.tokens.coordinator}` } });
      expect(res.status).toBe(404);
    }
    for (const path of [`/sessions/${"-".repeat(36)}`, `/bookings/${"-".repeat(36)}`, `/requests/${"-".repeat(36)}`]) {
      const res = await world.browsers.coordinator.get(path);
      expect(res.status).toBe(404);
    }
  });
});
