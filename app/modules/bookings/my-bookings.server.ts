/**
 * "Mijn boekingen": a municipality's bookings, and the private sessions made for it from an
 * accepted request (tailor-made help) even before anyone is registered for them. Titles,
 * dates, providers, attendee names and seat statuses only — never anything of the request's
 * case (subject, message), which stays on the request page (ADR 0006).
 */
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, ne, notExists, sql as dsql } from "drizzle-orm";
import { bookings, organisations, sessions } from "../../../db/schema";
import { db } from "../../utils/db.server";
import { listBookings } from "./booking-views.server";

type When = "upcoming" | "past";

export type MyBookingSession = {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  status: "draft" | "published" | "cancelled";
  providerName: string;
  /** Made from this municipality's request: the request's id (its page is the municipality's own). */
  requestId: string | null;
  /** Seats can still be booked (published, before the deadline and the start). */
  bookable: boolean;
};

export type MyBookingItem =
  | {
      kind: "booking";
      id: string;
      session: MyBookingSession;
      attendees: { id: string; name: string; status: "confirmed" | "waitlisted" | "cancelled"; waitlistPosition: number | null; handedOverTo: string | null }[];
      counts: { confirmed: number; waitlisted: number; cancelled: number };
    }
  | { kind: "request-session"; id: string; session: MyBookingSession };

const bookableAt = (s: { status: string; bookingDeadline: Date; startsAt: Date }, now: Date) =>
  s.status === "published" && now < s.bookingDeadline && now < s.startsAt;

/**
 * Private sessions made from the municipality's requests for which it holds no booking yet
 * (a booking of them is listed as a booking).
 */
async function requestSessionsWithoutBooking(args: { municipalityId: string; when: When; now: Date }) {
  return db()
    .select({ session: sessions, providerName: organisations.name })
    .from(sessions)
    .innerJoin(organisations, eq(organisations.id, sessions.providerId))
    .where(
      and(
        eq(sessions.municipalityId, args.municipalityId),
        isNotNull(sessions.requestId),
        ne(sessions.status, "draft"),
        args.when === "upcoming" ? gt(sessions.endsAt, args.now) : lte(sessions.endsAt, args.now),
        notExists(
          db()
            .select({ one: dsql`1` })
            .from(bookings)
            .where(and(eq(bookings.sessionId, sessions.id), eq(bookings.municipalityId, args.municipalityId))),
        ),
      ),
    )
    .orderBy(args.when === "past" ? desc(sessions.startsAt) : asc(sessions.startsAt))
    .limit(500);
}

/** The list page: bookings and request-made sessions, in date order (latest first for the past). */
export async function bookingList(args: { municipalityId: string; when: When; now: Date }): Promise<MyBookingItem[]> {
  const [list, unbooked] = await Promise.all([listBookings(args), requestSessionsWithoutBooking(args)]);
  const providerIds = [...new Set(list.map((b) => b.session.providerId))];
  const providers = providerIds.length
    ? await db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, providerIds))
    : [];
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const own = (s: { requestId: string | null; municipalityId: string | null }) =>
    s.requestId !== null && s.municipalityId === args.municipalityId ? s.requestId : null;
  const view = (s: (typeof list)[number]["session"], provider: string): MyBookingSession => ({
    id: s.id,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status,
    providerName: provider,
    requestId: own(s),
    bookable: bookableAt(s, args.now),
  });
  const items: MyBookingItem[] = [
    ...list.map((b) => ({
      kind: "booking" as const,
      id: b.id,
      session: view(b.session, providerName.get(b.session.providerId) ?? ""),
      attendees: b.attendees.map((a) => ({
        id: a.id,
        name: a.name,
        status: a.status,
        waitlistPosition: a.waitlistPosition,
        handedOverTo: a.handedOverTo,
      })),
      counts: {
        confirmed: b.attendees.filter((a) => a.status === "confirmed").length,
        waitlisted: b.attendees.filter((a) => a.status === "waitlisted").length,
        cancelled: b.attendees.filter((a) => a.status === "cancelled").length,
      },
    })),
    ...unbooked.map((r) => ({ kind: "request-session" as const, id: r.session.id, session: view(r.session, r.providerName) })),
  ];
  const sign = args.when === "past" ? -1 : 1;
  // Stable: bookings of one session keep their order (listBookings sorts by creation).
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => sign * (Date.parse(a.item.session.startsAt) - Date.parse(b.item.session.startsAt)) || a.i - b.i)
    .map((x) => x.item);
}
