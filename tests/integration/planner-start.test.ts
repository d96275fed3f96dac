/**
 * The planner's start page (#12, found item 11; ADR 0057): late and waiting requests, full
 * sessions with a waitlist, upcoming sessions without a trainer and public sessions soon
 * with few bookings, each counted and linked to where it is handled; an empty state;
 * another provider's items never show.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Organisation } from "#db/schema";
import { FEW_SEATS_WITHIN_DAYS, plannerTodo, TODO_SHOWN } from "~/modules/planner/todo.server";
import { createRequest } from "~/modules/requests/requests.server";
import { createUser } from "../support/factories/accounts";
import { book, colleagues } from "../support/factories/bookings";
import { assignTrainer, createMunicipality, createOffering, createProvider, createSession } from "../support/factories/catalog";
import { signIn } from "../support/http-client";
import { startTestServer, type TestServer } from "../support/server";

const decode = (html: string) =>
  html.replace(/<!-- -->/g, "").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);
/** The start page's "what needs your attention" part (the list of upcoming sessions follows it). */
const todoPart = (html: string) => html.slice(html.indexOf('<section class="planner-todo"'), html.indexOf('<h2 id="upcoming-title"'));
const weekday = "(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)";

let server: TestServer;
let coordinator: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await createUser("coordinator", await createMunicipality({ name: "Stad Lier" }));
});
afterAll(async () => {
  await server?.close();
});

async function request(provider: Organisation, subject: string, at: Date) {
  const { requestId } = await createRequest({
    actor: { userId: coordinator.id, municipalityId: coordinator.organisation.id },
    input: { providerId: provider.id, kind: "consultation", subject, message: "Een vraag met genoeg tekst om geldig te zijn.", participants: 3, deliveryMode: "online" },
    now: at,
  });
  return requestId;
}

/** A provider with one item of every kind and some that need nothing, titles prefixed so that leaks show. */
async function busyProvider(prefix: string) {
  const provider = await createProvider();
  const planner = await createUser("provider", provider);
  const offering = await createOffering({ provider, title: `${prefix} vorming` });
  const late = await request(provider, `${prefix} te laat`, new Date(Date.now() - 20 * DAY));
  const waiting = await request(provider, `${prefix} wacht`, new Date());
  // Full, with two on the waitlist, and no trainer: in two groups.
  const full = await createSession({ offering, providerId: provider.id, title: `${prefix} volzet`, capacity: 1, startsAt: inDays(20) });
  await book(coordinator, full.id, colleagues("Wachter", 3));
  // Soon, public, nobody booked, with a trainer: few seats only.
  const empty = await createSession({ offering, providerId: provider.id, title: `${prefix} leeg`, capacity: 20, startsAt: inDays(5) });
  await assignTrainer(empty, planner.id);
  // Need nothing: a quarter booked, private, later than the window, past, cancelled.
  const quarter = await createSession({ offering, providerId: provider.id, title: `${prefix} kwart`, capacity: 20, startsAt: inDays(6) });
  await assignTrainer(quarter, planner.id);
  await book(coordinator, quarter.id, colleagues("Kwart", 5));
  const closed = await createSession({
    offering,
    providerId: provider.id,
    title: `${prefix} besloten`,
    visibility: "private",
    municipalityId: coordinator.organisation.id,
    startsAt: inDays(4),
  });
  await assignTrainer(closed, planner.id);
  const later = await createSession({ offering, providerId: provider.id, title: `${prefix} met trainer`, startsAt: inDays(FEW_SEATS_WITHIN_DAYS + 7) });
  await assignTrainer(later, planner.id);
  await createSession({ offering, providerId: provider.id, title: `${prefix} voorbij`, startsAt: inDays(-3) });
  await createSession({ offering, providerId: provider.id, title: `${prefix} geannuleerd`, status: "cancelled", startsAt: inDays(3) });
  return { provider, planner, late, waiting, full, empty };
}

describe("the planner's start page", () => {
  it("counts and links what needs action, with its clock and dates in words, and nothing of another provider", async () => {
    const mine = await busyProvider("Eigen");
    const theirs = await busyProvider("Vreemd");

    const todo = await plannerTodo({ providerId: mine.provider.id, now: new Date() });
    expect({
      late: todo.late.items.map((r) => r.id),
      waiting: todo.waiting.items.map((r) => r.id),
      waitlist: todo.waitlist.items.map((s) => s.id),
      noTrainer: todo.noTrainer.items.map((s) => s.id),
      fewSeats: todo.fewSeats.items.map((s) => s.id),
    }).toEqual({ late: [mine.late], waiting: [mine.waiting], waitlist: [mine.full.id], noTrainer: [mine.full.id], fewSeats: [mine.empty.id] });

    const client = await signIn(server.url, mine.planner.email);
    const res = await client.get("/provider");
    expect(res.status).toBe(200);
    const html = decode(await res.text());

    expect(html).toContain("Wat vraagt uw aandacht");
    expect(html).toMatch(/<h3 id="todo-late"><a [^>]*href="\/provider\/requests"[^>]*>1 aanvraag had al beantwoord moeten zijn<\/a><\/h3>/);
    expect(html).toMatch(/<h3 id="todo-waiting"><a [^>]*href="\/provider\/requests"[^>]*>1 aanvraag wacht op uw antwoord<\/a><\/h3>/);
    expect(html).toContain("1 volle sessie heeft een wachtlijst");
    expect(html).toContain("1 komende sessie heeft nog geen trainer");
    expect(html).toContain(`1 sessie in de komende ${FEW_SEATS_WITHIN_DAYS} dagen heeft weinig inschrijvingen`);

    expect(html).toMatch(new RegExp(`href="/requests/${mine.late}">Eigen te laat</a><span class="meta">Stad Lier · \\d+ dagen te laat · antwoord was verwacht op ${weekday} \\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2}</span>`));
    expect(html).toMatch(new RegExp(`href="/requests/${mine.waiting}">Eigen wacht</a><span class="meta">Stad Lier · Nog \\d+ dagen · antwoord verwacht op ${weekday} \\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2}</span>`));
    expect(html).toMatch(new RegExp(`href="/provider/sessions/${mine.full.id}/attendees">Eigen volzet</a><span class="meta">${weekday} [^<]* · 1 van 1 bezet, 2 op de wachtlijst</span>`));
    expect(html).toMatch(new RegExp(`href="/provider/sessions/${mine.full.id}">Eigen volzet</a>`)); // no trainer either
    expect(html).toMatch(new RegExp(`href="/provider/sessions/${mine.empty.id}">Eigen leeg</a><span class="meta">${weekday} [^<]* · 0 van 20 bezet</span>`));
    const todoHtml = todoPart(html);
    expect(todoHtml).toContain("Eigen leeg");
    for (const quiet of ["Eigen kwart", "Eigen besloten", "Eigen met trainer", "Eigen voorbij", "Eigen geannuleerd"]) expect(todoHtml).not.toContain(quiet);
    expect(html).not.toContain("Niets dringends");
    expect(html).not.toContain("Vreemd");
    for (const id of [theirs.late, theirs.waiting, theirs.full.id, theirs.empty.id]) expect(html).not.toContain(id);
  });

  it("counts past the listed items, in Dutch plurals, oldest due first, with a link to the rest", async () => {
    const provider = await createProvider();
    for (let i = 0; i < 7; i++) await request(provider, `Oud ${i}`, new Date(Date.now() - (30 + i) * DAY));
    const todo = await plannerTodo({ providerId: provider.id, now: new Date() });
    expect(todo.late.total).toBe(7);
    expect(todo.late.items.map((r) => r.subject)).toEqual(["Oud 6", "Oud 5", "Oud 4", "Oud 3", "Oud 2"]);
    expect(todo.waiting.total + todo.waitlist.total + todo.noTrainer.total + todo.fewSeats.total).toBe(0);

    const planner = await createUser("provider", provider);
    const html = decode(await (await (await signIn(server.url, planner.email)).get("/provider")).text());
    expect(html).toContain("7 aanvragen hadden al beantwoord moeten zijn");
    expect(html).toMatch(/<li class="todo-more"><a [^>]*href="\/provider\/requests"[^>]*>en nog 2<\/a><\/li>/);
    expect(html.match(/href="\/requests\/[0-9a-f-]{36}"/g)).toHaveLength(TODO_SHOWN);
  });

  it("says that nothing is urgent when that is so", async () => {
    const provider = await createProvider();
    const planner = await createUser("provider", provider);
    const offering = await createOffering({ provider });
    // A session with a trainer, well booked later on, needs nothing.
    const fine = await createSession({ offering, providerId: provider.id, startsAt: inDays(FEW_SEATS_WITHIN_DAYS + 2) });
    await assignTrainer(fine, planner.id);
    const html = decode(await (await (await signIn(server.url, planner.email)).get("/provider")).text());
    expect(html).toContain("<strong>Niets dringends.</strong> Geen aanvraag wacht op uw antwoord");
    expect(html).not.toContain("todo-group");
  });

  it("in English too", async () => {
    const mine = await busyProvider("Mine");
    const client = await signIn(server.url, mine.planner.email);
    client.cookie = `${client.cookie}; lang=en`;
    const html = decode(await (await client.get("/provider")).text());
    expect(html).toContain("1 request is late for an answer");
    expect(html).toContain("1 full session has a waitlist");
    expect(html).toContain(`1 session in the next ${FEW_SEATS_WITHIN_DAYS} days has few bookings`);
    expect(html).toMatch(/\d+ days late · answer was expected by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}, \d{2}:\d{2}/);
  });
});
