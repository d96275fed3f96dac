/**
 * Where the client address comes from (TRUST_PROXY) and who may see the development
 * mailbox (loopback clients only, never through a proxy).
 */
import type { Server } from "node:http";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpApp, requestContext } from "../../app/server/http";
import { parseTrustProxy, type TrustProxy } from "../../app/utils/env.server";

const root = path.resolve(import.meta.dirname, "../..");

function listen(app: express.Express, host: string): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = app.listen(0, host, () => {
      const address = server.address();
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 });
    });
  });
}

/** The client address the app's loaders would see, behind the given TRUST_PROXY. */
async function clientIpSeen(trust: TrustProxy, headers: Record<string, string>): Promise<string> {
  const app = express();
  app.set("trust proxy", trust);
  app.get("/ip", (req, res) => {
    res.json({ ip: requestContext(req, res, { devMail: false }).clientIp });
  });
  const { server, port } = await listen(app, "127.0.0.1");
  try {
    const res = await fetch(`http://127.0.0.1:${port}/ip`, { headers });
    return ((await res.json()) as { ip: string }).ip;
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
}

describe("TRUST_PROXY decides where the client address comes from", () => {
  const spoofed = { "X-Forwarded-For": "203.0.113.9" };

  it("ignores a spoofed X-Forwarded-For by default (trust nobody)", async () => {
    expect(await clientIpSeen(parseTrustProxy("false")!, spoofed)).toMatch(/127\.0\.0\.1$/);
  });

  it("ignores it from a peer that is not in the trusted list, even on a private network", async () => {
    expect(await clientIpSeen(parseTrustProxy("10.0.0.0/8,192.168.0.0/16,fd00::/8")!, spoofed)).toMatch(/127\.0\.0\.1$/);
  });

  it("honours it from a trusted proxy (by address list or hop count)", async () => {
    expect(await clientIpSeen(parseTrustProxy("loopback")!, spoofed)).toBe("203.0.113.9");
    expect(await clientIpSeen(parseTrustProxy("127.0.0.1/32")!, spoofed)).toBe("203.0.113.9");
    expect(await clientIpSeen(parseTrustProxy("1")!, { "X-Forwarded-For": "198.51.100.1, 203.0.113.9" })).toBe("203.0.113.9");
  });

  it("behind a trusted proxy, a client can't push a forged address in front of its own", async () => {
    // The proxy appends the real client (203.0.113.9) to what the client sent.
    expect(await clientIpSeen(parseTrustProxy("loopback")!, { "X-Forwarded-For": "1.2.3.4, 203.0.113.9" })).toBe("203.0.113.9");
  });
});

describe("the development mailbox answers only loopback clients", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const build = (await import(/* @vite-ignore */ pathToFileURL(path.join(root, "build", "server", "index.js")).href)) as ServerBuild;
    // Every interface, as a careless `HOST=0.0.0.0` would.
    ({ server, port } = await listen(createHttpApp({ build, clientDir: path.join(root, "build", "client") }), "0.0.0.0"));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const paths = ["/dev/mail", "/dev/mail/1", "/dev/mail/1.ics"];

  it("is there for this machine", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/dev/mail`)).status).toBe(200);
  });

  it("is 404 for a request that came through a proxy", async () => {
    for (const p of paths) {
      const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers: { "X-Forwarded-For": "203.0.113.9" } });
      expect(res.status).toBe(404);
    }
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it.skipIf(!external)(`is 404 for a client on the network (${external ?? "no external interface"})`, async () => {
    for (const p of paths) {
      const res = await fetch(`http://${external}:${port}${p}`);
      expect(res.status).toBe(404);
    }
  });
});

describe("a proxy that rewrites Host, untrusted", () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    const build = (await import(/* @vite-ignore */ pathToFileURL(path.join(root, "build", "server", "index.js")).href)) as ServerBuild;
    const app = createHttpApp({ build, clientDir: path.join(root, "build", "client"), appUrl: "https://expertenpool.example" });
    ({ server, port } = await listen(app, "127.0.0.1"));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const login = (origin: string) =>
    fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      body: new URLSearchParams({ email: "nobody@gemeente.be", password: "wrong-password" }),
      headers: { Origin: origin },
      redirect: "manual",
    });

  it("accepts a form posted from APP_URL's origin (Host says 127.0.0.1)", async () => {
    expect((await login("https://expertenpool.example")).status).toBe(401);
  });

  it("still refuses any other origin", async () => {
    expect((await login("https://evil.example")).status).toBe(403);
    expect((await login("http://expertenpool.example")).status).toBe(403);
  });
});
