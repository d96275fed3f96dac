import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  errorSchema,
  offeringsResponseSchema,
  providersResponseSchema,
  sessionResponseSchema,
  sessionsResponseSchema,
} from "~/modules/catalog/schemas";
import { createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
const get = (path: string, init?: RequestInit) => fetch(server.url + path, init);

// Far enough ahead to be "upcoming" whenever the suite runs.
const year = new Date().getUTCFullYear() + 2;
// The last Sunday of March that year: 02:00–03:00 does not exist in Brussels.
const springForward = [31, 30, 29, 28, 27, 26, 25].find((d) => new Date(Date.UTC(year, 2, d)).getUTCDay() === 0)!;

let provider: Awaited<ReturnType<typeof createProvider>>;
let webinarId: string;
let winter: Awaited<ReturnType<typeof createSession>>;
let summer: Awaited<ReturnType<typeof createSession>>;
const hidden: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({
    slug: "api-prov",
    name: "API aanbieder",
    description: "Wij helpen lokale besturen.",
    contact: { email: "info@api-prov.example", phone: "+32 2 123 45 67" },
  });
  const training = await createOffering({ provider, format: "full_day", deliveryMode: "on_site", title: "Basisvorming", durationMinutes: 420 });
  const webinar = await createOffering({ provider, format: "webinar", deliveryMode: "online", title: "Webinar online haat", durationMinutes: 90 });
  webinarId = webinar.id;
  winter = await createSession({
    offering: training,
    startsAt: new Date(`${year}-01-12T08:00:00Z`), // 09:00 Brussels (UTC+1)
    endsAt: new Date(`${year}-01-12T15:00:00Z`),
    bookingDeadline: new Date(`${year}-01-05T22:59:00Z`),
    capacity: 12,
    seatsTaken: 4,
    waitlistCount: 0,
    onlineUrl: null,
  });
  summer = await createSession({
    offering: webinar,
    startsAt: new Date(`${year}-07-06T12:00:00Z`), // 14:00 Brussels (UTC+2)
    locationName: null,
    locationAddress: null,
    onlineUrl: "https://meet.example/secret-room",
    capacity: 3,
    seatsTaken: 3,
    waitlistCount: 5,
    sequence: 4,
  });
  const town = await createMunicipality();
  hidden.push((await createSession({ offering: training, startsAt: new Date(`${year}-02-01T08:00:00Z`), status: "draft" })).id);
  hidden.push(
    (await createSession({ offering: training, startsAt: new Date(`${year}-02-02T08:00:00Z`), visibility: "private", municipalityId: town.id })).id,
  );
  hidden.push((await createSession({ offering: training, startsAt: new Date(`${year}-02-03T08:00:00Z`), status: "cancelled" })).id);
  // More public sessions of another provider, for paging.
  const other = await createProvider({ slug: "api-other" });
  const lecture = await createOffering({ provider: other, format: "lecture" });
  for (let i = 0; i < 5; i++) await createSession({ offering: lecture, startsAt: new Date(`${year}-03-0${i + 1}T12:00:00Z`) });
});

afterAll(async () => {
  await server.close();
});

describe("GET /api/v1/providers", () => {
  it("lists providers with id, slug, name, description, contact", async () => {
    const res = await get("/api/v1/providers");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = providersResponseSchema.strict().parse(await res.json());
    const p = body.providers.find((x) => x.slug === "api-prov");
    expect(p).toEqual({
      id: provider.id,
      slug: "api-prov",
      name: "API aanbieder",
      description: "Wij helpen lokale besturen.",
      contact: { email: "info@api-prov.example", phone: "+32 2 123 45 67" },
    });
    expect(Object.keys(p!).sort()).toEqual(["contact", "description", "id", "name", "slug"]);
  });

  it("answers 405 JSON to other methods", async () => {
    const res = await get("/api/v1/providers", { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET");
    expect(errorSchema.parse(await res.json()).error.code).toBeTruthy();
  });
});

describe("GET /api/v1/offerings", () => {
  it("filters by provider slug and format, with the contract's fields", async () => {
    const res = await get("/api/v1/offerings?provider=api-prov&format=webinar");
    expect(res.status).toBe(200);
    const body = offeringsResponseSchema.parse(await res.json());
    expect(body.offerings).toEqual([
      {
        id: webinarId,
        providerId: provider.id,
        title: "Webinar online haat",
        format: "webinar",
        deliveryMode: "online",
        durationMinutes: 90,
        bookingMode: "open",
        description: "Een vorming over radicalisering.",
        // Added by #12 (optional in the contract): programme, audience and the multi-session shape.
        programme: null,
        audience: null,
        sessionCount: null,
        intake: false,
        spanMonths: null,
      },
    ]);
    const all = offeringsResponseSchema.parse(await (await get("/api/v1/offerings?provider=api-prov")).json());
    expect(all.offerings).toHaveLength(2);
  });

  it("422 with fields for an unknown format", async () => {
    const res = await get("/api/v1/offerings?format=picnic");
    expect(res.status).toBe(422);
    const body = errorSchema.parse(await res.json());
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.fields).toHaveProperty("format");
  });
});

describe("GET /api/v1/sessions", () => {
  it("returns Session objects exactly per contract, Brussels offsets, no online link", async () => {
    const res = await get("/api/v1/sessions?provider=api-prov");
    expect(res.status).toBe(200);
    const body = sessionsResponseSchema.parse(await res.json());
    expect(body.nextCursor).toBeNull();
    expect(body.sessions.map((s) => s.id)).toEqual([winter.id, summer.id]);
    const [w, s] = body.sessions;
    expect(w).toEqual({
      id: winter.id,
      offeringId: winter.offeringId,
      provider: { id: provider.id, slug: "api-prov", name: "API aanbieder" },
      title: "Basisvorming",
      format: "full_day",
      deliveryMode: "on_site",
      startsAt: `${year}-01-12T09:00:00+01:00`,
      endsAt: `${year}-01-12T16:00:00+01:00`,
      timeZone: "Europe/Brussels",
      location: { name: "Zaal De Brug", address: "Kerkstraat 1, 2000 Antwerpen" },
      capacity: 12,
      seatsTaken: 4,
      seatsAvailable: 8,
      waitlistCount: 0,
      bookingDeadline: `${year}-01-05T23:59:00+01:00`,
      status: "published",
      visibility: "public",
      seriesId: null,
      sequence: 0,
    });
    expect(s).toMatchObject({ startsAt: `${year}-07-06T14:00:00+02:00`, location: null, seatsAvailable: 0, waitlistCount: 5, sequence: 4 });
    expect(s).not.toHaveProperty("onlineUrl");
  });

  it("never lists drafts, private sessions (anonymous) or cancelled sessions", async () => {
    const body = sessionsResponseSchema.parse(await (await get("/api/v1/sessions?limit=100")).json());
    const ids = body.sessions.map((s) => s.id);
    for (const id of hidden) expect(ids).not.toContain(id);
    expect(ids).toContain(winter.id);
  });

  it("filters by format and by from/to (Brussels wall-clock time without offset)", async () => {
    const byFormat = sessionsResponseSchema.parse(await (await get("/api/v1/sessions?format=webinar&provider=api-prov")).json());
    expect(byFormat.sessions.map((s) => s.id)).toEqual([summer.id]);
    // winter starts 09:00 Brussels: from 09:00 includes it, from 09:01 does not.
    const incl = sessionsResponseSchema.parse(
      await (await get(`/api/v1/sessions?provider=api-prov&from=${year}-01-12T09:00&to=${year}-01-13T00:00`)).json(),
    );
    expect(incl.sessions.map((s) => s.id)).toEqual([winter.id]);
    const excl = sessionsResponseSchema.parse(
      await (await get(`/api/v1/sessions?provider=api-prov&from=${year}-01-12T09:01&to=${year}-01-13T00:00`)).json(),
    );
    expect(excl.sessions).toEqual([]);
    const withOffset = sessionsResponseSchema.parse(
      await (await get(`/api/v1/sessions?provider=api-prov&from=${encodeURIComponent(`${year}-01-12T08:00:00Z`)}&to=${year}-02-01T00:00`)).json(),
    );
    expect(withOffset.sessions.map((s) => s.id)).toEqual([winter.id]);
  });

  it("pages with limit and an opaque nextCursor until null, each session once", async () => {
    const seen: string[] = [];
    let url: string | null = "/api/v1/sessions?limit=2";
    let pages = 0;
    while (url) {
      const body = sessionsResponseSchema.parse(await (await get(url)).json());
      expect(body.sessions.length).toBeLessThanOrEqual(2);
      seen.push(...body.sessions.map((s) => s.id));
      url = body.nextCursor ? `/api/v1/sessions?limit=2&cursor=${encodeURIComponent(body.nextCursor)}` : null;
      if (body.nextCursor) expect(body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      pages++;
      expect(pages).toBeLessThan(50);
    }
    const all = sessionsResponseSchema.parse(await (await get("/api/v1/sessions?limit=100")).json());
    expect(seen).toEqual(all.sessions.map((s) => s.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(7);
    expect(pages).toBe(4);
  });

  it("defaults to 20 and accepts 1..100", async () => {
    expect((await get("/api/v1/sessions?limit=1")).status).toBe(200);
    expect((await get("/api/v1/sessions?limit=100")).status).toBe(200);
  });

  for (const [query, field] of [
    ["limit=0", "limit"],
    ["limit=101", "limit"],
    ["limit=abc", "limit"],
    ["limit=2.5", "limit"],
    ["from=yesterday", "from"],
    ["from=2027-13-01T10:00", "from"],
    [`from=${year}-03-${springForward}T02:30`, "from"], // inside the spring-forward gap
    [`from=${year}-02-01T00:00&to=${year}-01-01T00:00`, "to"],
    ["cursor=definitely-not-a-cursor", "cursor"],
    ["format=banana", "format"],
  ] as const) {
    it(`422 VALIDATION_FAILED with fields.${field} for ?${query}`, async () => {
      const res = await get(`/api/v1/sessions?${query}`);
      expect(res.status).toBe(422);
      const body = errorSchema.parse(await res.json());
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(body.error.fields ?? {})).toContain(field);
    });
  }
});

describe("GET /api/v1/sessions/:id", () => {
  it("returns {session} with the contract's shape", async () => {
    const res = await get(`/api/v1/sessions/${summer.id}`);
    expect(res.status).toBe(200);
    const body = sessionResponseSchema.strict().parse(await res.json());
    expect(body.session.id).toBe(summer.id);
    expect(body.session.deliveryMode).toBe("online");
    expect(body.session).not.toHaveProperty("onlineUrl");
  });

  it("shows a cancelled session with status cancelled", async () => {
    const res = await get(`/api/v1/sessions/${hidden[2]}`);
    expect(res.status).toBe(200);
    expect(sessionResponseSchema.parse(await res.json()).session.status).toBe("cancelled");
  });

  for (const [label, id] of [
    ["unknown", "00000000-0000-4000-8000-000000000000"],
    ["malformed", "not-a-uuid"],
    ["sql-ish", "1%27%20or%20%271%27%3D%271"],
  ] as const) {
    it(`404 NOT_FOUND JSON for an ${label} id`, async () => {
      const res = await get(`/api/v1/sessions/${id}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(errorSchema.parse(await res.json()).error.code).toBe("NOT_FOUND");
    });
  }

  it("404 for a draft and for someone else's private session", async () => {
    for (const id of hidden.slice(0, 2)) expect((await get(`/api/v1/sessions/${id}`)).status).toBe(404);
  });

  it("405 JSON for methods it does not support", async () => {
    const res = await get(`/api/v1/sessions/${summer.id}`, { method: "DELETE" });
    expect(res.status).toBe(405);
    expect(errorSchema.parse(await res.json()).error).toBeTruthy();
  });
});

describe("GET /api/v1/sessions/:id/calendar.ics", () => {
  it("serves text/calendar as an attachment with METHOD:PUBLISH and Brussels times", async () => {
    const res = await get(`/api/v1/sessions/${winter.id}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="[\w.-]+\.ics"$/);
    const ics = await res.text();
    expect(ics).toContain("METHOD:PUBLISH\r\n");
    expect(ics).toContain(`UID:${winter.icalUid}\r\n`);
    expect(ics).toContain(`DTSTART;TZID=Europe/Brussels:${year}0112T090000\r\n`);
    expect(ics).toContain("BEGIN:VTIMEZONE\r\n");
    expect(ics).not.toMatch(/ATTENDEE/);
  });

  it("never puts the online link in the public file", async () => {
    const ics = await (await get(`/api/v1/sessions/${summer.id}/calendar.ics`)).text();
    expect(ics).not.toContain("secret-room");
    expect(ics).toContain("LOCATION:Online");
  });

  it("404 JSON for unknown, malformed and hidden sessions", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "xyz", hidden[0]!, hidden[1]!]) {
      const res = await get(`/api/v1/sessions/${id}/calendar.ics`);
      expect(res.status).toBe(404);
      expect(errorSchema.parse(await res.json()).error.code).toBe("NOT_FOUND");
    }
  });
});

describe("unknown /api/v1 paths", () => {
  for (const [method, path] of [
    ["GET", "/api/v1/nope"],
    ["GET", "/api/v1"],
    ["GET", "/api/v1/sessions/00000000-0000-4000-8000-000000000000/whatever"],
    ["POST", "/api/v1/nope/deeper"],
    ["DELETE", "/api/v1/nope"],
    ["PUT", "/api/v1/providers/x"],
  ] as const) {
    it(`${method} ${path} → JSON 404`, async () => {
      const res = await get(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(errorSchema.parse(await res.json()).error.code).toBe("NOT_FOUND");
    });
  }
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document with every read endpoint and the Session/Error components", async () => {
    const res = await get("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string; schema: Record<string, unknown> }[] }>>;
      components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown>; required?: string[] }> };
    };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    for (const path of ["/providers", "/offerings", "/sessions", "/sessions/{id}", "/sessions/{id}/calendar.ics"]) {
      expect(doc.paths[path]?.get?.responses).toHaveProperty("200");
    }
    const session = doc.components.schemas.Session!;
    expect(session.type).toBe("object");
    expect(Object.keys(session.properties ?? {})).toEqual(
      expect.arrayContaining(["id", "offeringId", "provider", "startsAt", "endsAt", "timeZone", "location", "seatsAvailable", "waitlistCount", "bookingDeadline", "status", "visibility", "seriesId", "sequence"]),
    );
    expect(session.required).not.toContain("onlineUrl");
    expect(doc.components.schemas.Error?.properties).toHaveProperty("error");
    const limit = doc.paths["/sessions"]!.get!.parameters!.find((p) => p.name === "limit")!;
    expect(limit).toMatchObject({ in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 20 } });
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(doc.components.schemas).toHaveProperty(name);
  });
});
