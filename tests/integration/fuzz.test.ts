/**
 * Property-based: malformed requests to every endpoint of tests/support/endpoints.ts, as
 * an anonymous visitor and as each role, through the production build. None may answer
 * 5xx, and none may change any table (fingerprint of every row before and after each).
 * To cover a new endpoint, add it to tests/support/endpoints.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Endpoint, endpoints, type Poison, type Role } from "../support/endpoints";
import { fingerprint, fuzzWorldForThisFile, fuzzServer as server, fuzzWorld as world } from "../support/fuzz-world";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

fuzzWorldForThisFile();

const roles: Role[] = ["anonymous", "coordinator", "provider", "admin"];

// ------------------------------------------------------------------ values

const controlChars = ["\u0000", "\u0001", "\u0008", "\u000b", "\u001b", "\u007f", "\u0085", "\u009f", "\ud800", "\udfff"];

/** A string that no text field accepts: it holds a control character. */
const nastyString = fc.oneof(
  fc.tuple(fc.string({ maxLength: 20 }), fc.constantFrom(...controlChars), fc.string({ maxLength: 20 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.constantFrom("\u0000", "a@b.be\u0000", "-".repeat(36), `${"x".repeat(3000)}\u0000`, "2027-03-30T14:00\u0000", "\u0000".repeat(100)),
);

/** Anything that is not a string. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.constantFrom(1e308, -0, 2 ** 53 + 2, 0.5),
  fc.boolean(),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** A path or query value that names nothing real (never empty). */
const junk = fc.oneof(
  fc.constantFrom(
    "-".repeat(36),
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "00000000-0000-4000-8000-00000000000g",
    "0",
    "-1",
    "99999999999999999999999",
    "null",
    "undefined",
    "..",
    "%00",
    "' or 1=1 --",
    "😀",
    "a".repeat(2000),
    "eyJkIjoiYWZ0ZXIiLCJ0IjoiOTk5OTk5OTk5OTk5OTk5OTk5OSIsImkiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAifQ",
  ),
  fc.string({ minLength: 1, maxLength: 40 }),
  nastyString,
);

/** A cursor whose number overflows bigint, and other well-formed-looking cursors. */
const evilCursor = fc
  .tuple(fc.constantFrom("after", "before", "x"), fc.constantFrom("9223372036854775808", "-9223372036854775809", "9999999999999999999", "0", "1"), fc.uuid())
  .map(([d, t, i]) => Buffer.from(JSON.stringify({ d, t, i })).toString("base64url"));

// ------------------------------------------------------------------ requests

type Generated = { endpoint: Endpoint; role: Role; poison: Poison | null; params: Record<string, string>; query: [string, string][]; body: unknown; raw?: string; formFields?: [string, string][]; intent?: string; contentType?: string };

function paramNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
}

function requestFor(endpoint: Endpoint): fc.Arbitrary<Generated> {
  const allowed = endpoint.roles ?? roles;
  const names = paramNames(endpoint.path);
  const poisons: (Poison | null)[] = endpoint.poisons ?? [null];
  return fc
    .record({
      role: fc.constantFrom(...allowed),
      poison: fc.constantFrom(...poisons),
      realParams: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
      junkParams: fc.array(junk, { minLength: names.length, maxLength: names.length }),
      query: fc.array(fc.tuple(fc.constantFrom(...(endpoint.query ?? ["x"])), fc.oneof(junk, evilCursor)), { maxLength: 3 }),
      fieldValues: fc.array(fc.oneof(nastyString, wrongType), { minLength: (endpoint.fields ?? []).length, maxLength: (endpoint.fields ?? []).length }),
      formValues: fc.array(nastyString, { minLength: (endpoint.fields ?? []).length, maxLength: (endpoint.fields ?? []).length }),
      extraKey: fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.oneof(nastyString, wrongType)), { nil: undefined }),
      rawBody: fc.constantFrom("", "{", "[]", "null", "123", '"x"', '{"a":', "1e99999", "[".repeat(5000), "\u0000", '{"__proto__":{"x":1}}'),
      intent: fc.oneof(fc.constantFrom(...(endpoint.intents ?? ["x"])), junk),
      junkIntent: junk.filter((j) => !(endpoint.intents ?? []).includes(j)),
      poisonedParam: fc.nat(),
      contentType: fc.constantFrom("application/json", "application/json", "application/json", "text/plain", "application/x-www-form-urlencoded"),
    })
    .map((g) => {
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = g.realParams[i] ? (world.ids[name] ?? "x") : g.junkParams[i]!;
      });
      if (g.poison === "path" && names.length > 0) {
        const i = g.poisonedParam % names.length;
        params[names[i]!] = g.junkParams[i]!;
      }
      const fields = endpoint.fields ?? [];
      const query = [...g.query];
      if (g.poison === "query" && endpoint.query?.[0]) query.push([endpoint.query[0], g.junkParams[0] ?? "-"]);
      const out: Generated = { endpoint, role: g.role, poison: g.poison, params, query, body: undefined };
      if (endpoint.kind === "api") {
        if (g.poison === "body") out.raw = g.rawBody;
        else if (endpoint.method !== "GET" && endpoint.method !== "DELETE") {
          const body: Record<string, unknown> = {};
          fields.forEach((f, i) => {
            body[f] = g.fieldValues[i];
          });
          if (g.extraKey) body[g.extraKey[0]] = g.extraKey[1];
          out.body = body;
        }
        out.contentType = g.poison === "body" ? "application/json" : g.contentType;
      } else if (endpoint.method === "POST") {
        const form: [string, string][] = fields.map((f, i) => [f, g.formValues[i]!]);
        const intent = g.poison === "intent" ? g.junkIntent : g.intent;
        if (endpoint.intents) form.push(["intent", intent]);
        out.formFields = form;
        out.intent = intent;
      }
      return out;
    });
}

/** Percent-encoding; a lone surrogate (not encodable) is sent as the invalid UTF-8 bytes ED A0 80. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\s\S]/gu, (ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return "%ED%A0%80";
      }
    });
  }
}

function urlOf(g: Generated): string {
  const path = g.endpoint.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeSegment(g.params[name] ?? ""));
  const search = new URLSearchParams(g.query).toString();
  return `${server.url}${path}${search ? `?${search}` : ""}`;
}

async function send(g: Generated): Promise<Response> {
  const headers: Record<string, string> = { "X-Forwarded-For": "198.18.250.1" };
  if (g.endpoint.kind === "api") {
    if (world.tokens[g.role]) headers.Authorization = `Bearer ${world.tokens[g.role]}`;
    else if (g.endpoint.path === "/api/v1/auth/token") headers.Authorization = "Bearer ep_not-a-token";
    let body: string | undefined;
    if (g.raw !== undefined) body = g.raw;
    else if (g.body !== undefined) body = JSON.stringify(g.body);
    if (body !== undefined) headers["Content-Type"] = g.contentType ?? "application/json";
    return fetch(urlOf(g), { method: g.endpoint.method, headers, body, redirect: "manual" });
  }
  const cookie = world.browsers[g.role].cookie;
  if (cookie) headers.Cookie = cookie;
  if (g.endpoint.method === "GET") return fetch(urlOf(g), { headers, redirect: "manual" });
  const form = new URLSearchParams();
  for (const [k, v] of g.formFields ?? []) form.append(k, v);
  return fetch(urlOf(g), { method: "POST", headers, body: form, redirect: "manual" });
}

/** The request in one short line (long values cut), for failure messages. */
function describeRequest(g: Generated): string {
  const cut = (_: string, v: unknown) => (typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v);
  const url = urlOf(g).replace(server.url, "");
  return JSON.stringify({ method: g.endpoint.method, url: url.length > 200 ? `${url.slice(0, 200)}…` : url, role: g.role, poison: g.poison, body: g.body ?? g.raw, form: g.formFields }, cut).slice(0, 1500);
}

describe("malformed requests", () => {
  it(`${RUNS} malformed requests across every endpoint and role: never a 5xx, never a change`, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    const covered = new Set<string>();
    const plainErrors = new Set<string>();
    let last = await fingerprint();
    let pending: Generated[] = [];
    const details = await fc.check(
      fc.asyncProperty(fc.oneof(...endpoints.map(requestFor)), async (g) => {
        const res = await send(g);
        const bodyText = await res.text();
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        covered.add(`${g.endpoint.method} ${g.endpoint.path}`);
        expect(res.status, `${describeRequest(g)} → ${bodyText.slice(0, 300)}`).toBeLessThan(500);
        // A refusal by a limit always says when to come back, on a page as in the API (ADR 0063).
        if (res.status === 429) expect(Number(res.headers.get("retry-after")), describeRequest(g)).toBeGreaterThan(0);
        if (g.endpoint.kind === "api" && res.status >= 400 && res.status !== 405) {
          if ((res.headers.get("content-type") ?? "").startsWith("application/json")) {
            // The contract's error shape.
            expect(JSON.parse(bodyText), describeRequest(g)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          } else {
            // Also a URL Express itself can't decode (e.g. %ED%A0%80) gets the contract's JSON.
            plainErrors.add(`${res.status} ${g.endpoint.method} ${g.endpoint.path}: ${describeRequest(g).slice(0, 200)}`);
          }
        }
        // The tables are compared after every write request, and after at most 8 reads, so a
        // change is always caught and pinned to a handful of requests.
        pending.push(g);
        if (g.endpoint.method === "GET" && pending.length < 8) return;
        const after = await fingerprint();
        const changed = Object.keys(after).filter((t) => after[t] !== last[t]);
        const culprits = pending.map(describeRequest).join("\n");
        pending = [];
        last = after;
        expect(changed, `${culprits}\nchanged ${changed.join(", ")}`).toEqual([]);
      }),
      { numRuns: RUNS, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined, endOnFailure: true },
    );
    // Report the failing request in one short line, not fast-check's full counterexample.
    if (details.failed) throw new Error(`seed ${details.seed}: ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).slice(0, 3000)}`);
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // Every endpoint of the list was tried.
    expect(endpoints.filter((e) => !covered.has(`${e.method} ${e.path}`)).map((e) => `${e.method} ${e.path}`)).toEqual([]);
    console.log(`fuzz: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect([...plainErrors], "API answers without the contract's JSON error shape").toEqual([]);
  }, 240_000);
});
