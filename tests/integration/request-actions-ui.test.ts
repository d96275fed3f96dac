/**
 * "Aanvragen" where the offer is found (#12): on-request offerings on the catalog, the
 * offering page and the provider page open the request form prefilled; "Weet u niet wie?"
 * goes to the operator, who passes it on; phone numbers are tel: links.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Offering, type Organisation, organisations as organisationsTable, outbox, requests } from "../../db/schema";
import { createRequest } from "~/modules/requests/requests.server";
import { toZonedIso, wallToInstant } from "~/modules/time/brussels";
import { db } from "~/utils/db.server";
import { auditRows, createUser } from "../support/factories/accounts";
import { createMunicipality, createOffering, createProvider } from "../support/factories/catalog";
import { HttpClient, signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

type User = Awaited<ReturnType<typeof createUser>>;
let server: TestServer;
let provider: Organisation;
let trajectory: Offering;
let helpdesk: Offering;
let coordinator: User;
let planner: User;
let admin: User;
const as: Record<string, HttpClient> = {};

beforeAll(async () => {
  server = await startTestServer();
  provider = await createProvider({
    slug: "aanvraag-ui",
    name: "Aanvraag UI-test",
    contact: { email: "info@aanvraag.example", phone: "03 349 34 70", note: "Ook bereikbaar op 0489 33 58 36." },
  });
  trajectory = await createOffering({ provider, format: "trajectory", bookingMode: "on_request", title: "Traject op aanvraag UI" });
  helpdesk = await createOffering({
    provider,
    format: "consultation",
    deliveryMode: "online",
    bookingMode: "on_request",
    requestKind: "helpdesk",
    title: "Helpdesk UI-test",
  });
  planner = await createUser("provider", provider);
  coordinator = await createUser("coordinator", await createMunicipality({ name: "Stad Aanvraagdorp" }));
  admin = await createUser("admin");
  as.coordinator = await signIn(server.url, coordinator.email);
  as.planner = await signIn(server.url, planner.email);
  as.admin = await signIn(server.url, admin.email);
  as.anonymous = new HttpClient(server.url);
});
afterAll(async () => {
  await server?.close();
});

const prefilled = (o: Offering, kind: string) => `/requests/new?provider=aanvraag-ui&amp;offering=${o.id}&amp;kind=${kind}`;

describe("the Aanvragen action", () => {
  it("is on the offering page, the provider page and the catalog for visitors and coordinators, not for planners", async () => {
    for (const who of ["coordinator", "anonymous"]) {
      const offering = await (await as[who]!.get(`/offerings/${trajectory.id}`)).text();
      expect(offering, who).toContain(`href="${prefilled(trajectory, "trajectory")}"`);
      const providerPage = await (await as[who]!.get("/providers/aanvraag-ui")).text();
      expect(providerPage, who).toContain(`href="${prefilled(trajectory, "trajectory")}"`);
      expect(providerPage, who).toContain(`href="${prefilled(helpdesk, "helpdesk")}"`);
      const catalog = await (await as[who]!.get("/?provider=aanvraag-ui")).text();
      expect(catalog, who).toContain(`href="${prefilled(trajectory, "trajectory")}"`);
      expect(catalog, who).toContain('href="/requests/new?triage=1"');
    }
    const asPlanner = await (await as.planner!.get(`/offerings/${trajectory.id}`)).text();
    expect(asPlanner).not.toContain("/requests/new?provider=");
  });

  it("opens the form with provider, offering and kind chosen", async () => {
    const html = await (await as.coordinator!.get(`/requests/new?provider=aanvraag-ui&offering=${trajectory.id}&kind=trajectory`)).text();
    expect(html).toMatch(/<input[^>]*value="trajectory"[^>]*checked=""|<input[^>]*checked=""[^>]*value="trajectory"/);
    expect(html).toMatch(new RegExp(`<option value="${trajectory.id}" selected=""`));
    // Urgent help: the provider's phone, as a tel: link.
    expect(html).toContain('href="tel:033493470"');
    // A kind or offering that doesn't fit is simply not prefilled.
    const odd = await (await as.coordinator!.get("/requests/new?provider=aanvraag-ui&offering=nope&kind=bogus")).text();
    expect(odd).not.toMatch(/name="kind"[^>]*checked=""/);
    expect(odd).not.toMatch(/<option value="[0-9a-f-]{36}" selected=""/);
  });

  it("sends a visitor to the login and back to the prefilled form", async () => {
    const res = await as.anonymous!.get(`/requests/new?provider=aanvraag-ui&offering=${trajectory.id}&kind=trajectory`);
    expect(res.status).toBe(302);
    const back = new URLSearchParams(res.headers.get("location")!.split("?")[1]).get("redirectTo");
    expect(back).toBe(`/requests/new?provider=aanvraag-ui&offering=${trajectory.id}&kind=trajectory`);
  });
});

describe("choosing whom to ask", () => {
  it("shows what each provider does, its phone as a tel: link, and the pool's triage route", async () => {
    const html = await (await as.coordinator!.get("/requests/new")).text();
    expect(html).toContain("Aanbod: Helpdesk UI-test, Traject op aanvraag UI");
    expect(html).toContain('<a href="tel:033493470">03 349 34 70</a>');
    expect(html).toContain("Weet u niet wie? Vraag het de expertenpool");
    const providerPage = await (await as.anonymous!.get("/providers/aanvraag-ui")).text();
    expect(providerPage).toContain('<a href="tel:0489335836">0489 33 58 36</a>');
  });

  it("names whom to call for urgent help on the pool's triage form, every number a tel: link", async () => {
    const html = await (await as.coordinator!.get("/requests/new?triage=1")).text();
    expect(html).toContain("Bij acute nood wacht u niet op de expertenpool: bel meteen een aanbieder.");
    expect(html).toMatch(/Aanvraag UI-test(?:<!-- -->)?: <a href="tel:033493470">03 349 34 70<\/a>/);
    const form = await (await as.coordinator!.get("/requests/new?provider=aanvraag-ui")).text();
    expect(form).toContain('<a href="tel:033493470">03 349 34 70</a>');
    expect(form).not.toContain("bel meteen een aanbieder.");
  });

  it("sends a triage request to the operator, who passes it on to a provider", async () => {
    const res = await as.coordinator!.post("/requests/new?triage=1", {
      kind: "urgent",
      subject: "Zorgwekkende situatie",
      participants: "2",
      deliveryMode: "online",
      location: "",
      message: "Wij weten niet wie ons hier het best kan helpen.",
    });
    expect(res.status).toBe(302);
    const id = /\/requests\/([0-9a-f-]{36})/.exec(res.headers.get("location")!)![1]!;
    const [row] = await db().select().from(requests).where(eq(requests.id, id));
    expect(row!.providerId).not.toBe(provider.id);
    // The provider sees nothing yet; the operator sees the pass-on form.
    expect((await as.planner!.get(`/requests/${id}`)).status).toBe(404);
    const page = await (await as.admin!.get(`/requests/${id}`)).text();
    expect(page).toContain("Doorgeven aan een aanbieder");
    // A coordinator can't pass it on.
    expect((await as.coordinator!.post(`/requests/${id}`, { intent: "forward", providerId: provider.id })).status).toBe(403);
    const empty = await as.admin!.post(`/requests/${id}`, { intent: "forward", providerId: "" });
    expect(empty.status).toBe(422);

    const forwarded = await as.admin!.post(`/requests/${id}`, { intent: "forward", providerId: provider.id });
    expect(forwarded.status).toBe(302);
    expect(forwarded.headers.get("location")).toBe(`/requests/${id}?notice=forwarded`);
    expect((await as.planner!.get(`/requests/${id}`)).status).toBe(200);
    const mails = await db().select().from(outbox).where(eq(outbox.recipientEmail, planner.email));
    expect(mails.some((m) => m.topic === "request.submitted")).toBe(true);
    expect((await auditRows("request.forwarded")).some((a) => a.subjectId === id)).toBe(true);
    // Passed on once: the form is gone and a second attempt is refused.
    expect(await (await as.admin!.get(`/requests/${id}`)).text()).not.toContain("Doorgeven aan een aanbieder");
    expect((await as.admin!.post(`/requests/${id}`, { intent: "forward", providerId: provider.id })).status).toBe(404);
  });
});

describe("the API's triage route (contract addition)", () => {
  it("accepts a request without providerId and addresses it to the operator", async () => {
    const tokenRes = await fetch(`${server.url}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ email: coordinator.email, password: coordinator.password }),
    });
    const { token } = (await tokenRes.json()) as { token: string };
    const res = await fetch(`${server.url}/api/v1/requests`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ kind: "consultation", subject: "Wie helpt ons?", message: "Een vraag zonder gekozen aanbieder.", participants: 1, deliveryMode: "online" }),
    });
    expect(res.status).toBe(201);
    const { request } = (await res.json()) as { request: { provider: { id: string }; kind: string } };
    const [org] = await db().select().from(organisationsTable).where(eq(organisationsTable.id, request.provider.id));
    expect(org!.kind).toBe("operator");
    // An offering can't be named without a provider.
    const bad = await fetch(`${server.url}/api/v1/requests`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify({ offeringId: trajectory.id, kind: "consultation", subject: "Wie helpt ons?", message: "Een vraag zonder gekozen aanbieder.", participants: 1, deliveryMode: "online" }),
    });
    expect(bad.status).toBe(422);
  });
});

describe("the helpdesk as a confidential intake (#12)", () => {
  it("is asked through the form with its promise, and its clock counts only weekday hours 9–13", async () => {
    const form = await (await as.coordinator!.get(`/requests/new?provider=aanvraag-ui&offering=${helpdesk.id}&kind=helpdesk`)).text();
    expect(form).toContain("Antwoord op de volgende werkdag tussen 9 en 13 uur.");
    expect(form).toMatch(/<input[^>]*value="helpdesk"[^>]*checked=""|<input[^>]*checked=""[^>]*value="helpdesk"/);
    // Monday 15:00 → Tuesday 13:00 (Brussels).
    const monday = wallToInstant("2031-03-03T15:00");
    const { requestId } = await createRequest({
      actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id },
      input: { providerId: provider.id, offeringId: helpdesk.id, kind: "helpdesk", subject: "Casus", message: "Een casus om te bespreken.", participants: 1, deliveryMode: "online" },
      now: monday,
    });
    const [row] = await db().select().from(requests).where(eq(requests.id, requestId));
    expect(toZonedIso(row!.responseDueAt)).toBe("2031-03-04T13:00:00+01:00");
  });
});
