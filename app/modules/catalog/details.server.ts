/**
 * The rich part of offering and session pages (#12): what the offering is about (description,
 * programme, audience, how long it takes) and who gives its sessions. Only what the catalog
 * already shows publicly: trainers' names, never their e-mail addresses.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { offerings, sessionTrainers, users } from "../../../db/schema/index";

export type OfferingDetails = {
  description: string;
  programme: string | null;
  audience: string | null;
  format: (typeof offerings.$inferSelect)["format"];
  requestKind: (typeof offerings.$inferSelect)["requestKind"];
  durationMinutes: number;
  sessionCount: number | null;
  intake: boolean;
  spanMonths: number | null;
};

/** The offering a session belongs to (active or not: a session outlives its offering's withdrawal). */
export async function getOfferingDetails(offeringId: string): Promise<OfferingDetails | null> {
  const [row] = await db()
    .select({
      description: offerings.description,
      programme: offerings.programme,
      audience: offerings.audience,
      format: offerings.format,
      requestKind: offerings.requestKind,
      durationMinutes: offerings.durationMinutes,
      sessionCount: offerings.sessionCount,
      intake: offerings.intake,
      spanMonths: offerings.spanMonths,
    })
    .from(offerings)
    .where(eq(offerings.id, offeringId))
    .limit(1);
  return row ?? null;
}

/**
 * Names of the trainers assigned to the sessions, in the order of first appearance by
 * session and then by name, each once. Inactive accounts (left, erased) are left out.
 */
export async function trainerNames(sessionIds: string[]): Promise<string[]> {
  if (sessionIds.length === 0) return [];
  const rows = await db()
    .select({ sessionId: sessionTrainers.sessionId, name: users.name })
    .from(sessionTrainers)
    .innerJoin(users, eq(users.id, sessionTrainers.userId))
    .where(and(inArray(sessionTrainers.sessionId, sessionIds), eq(users.active, true)))
    .orderBy(asc(users.name));
  const order = new Map(sessionIds.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0) || a.name.localeCompare(b.name, "nl"));
  return [...new Set(rows.map((r) => r.name))];
}
