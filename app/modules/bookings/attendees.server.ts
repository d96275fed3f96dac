import { and, asc, sql as dsql, eq } from "drizzle-orm";
import { organisations, seats, sessions } from "#db/schema";
import { type MessageKey, translator } from "../../i18n";
import { db } from "../../utils/db.server";
import { DomainError } from "../../utils/errors";
import { csvDocument, type SheetValue, xlsxDocument } from "../../utils/spreadsheet.server";
import { audit } from "../audit/audit.server";
import { handedOverToSql, notFound, waitlistPositionSql } from "./common.server";

/** The provider's side: attendee lists, attendance, the CSV export. */
export type AttendeeRow = {
  id: string;
  bookingId: string;
  name: string;
  email: string;
  municipality: { id: string; slug: string; name: string };
  status: "confirmed" | "waitlisted" | "cancelled";
  waitlistPosition: number | null;
  /** A cancelled seat handed over to a colleague: that colleague's name. */
  handedOverTo: string | null;
  attendance: "present" | "absent" | null;
};

/** The attendee list of one of the provider's sessions (null when it isn't theirs). */
export async function listAttendees(args: { providerId: string; sessionId: string }): Promise<AttendeeRow[] | null> {
  const [session] = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.id, args.sessionId), eq(sessions.providerId, args.providerId)));
  if (!session) return null;
  const rows = await db()
    .select({
      seat: seats,
      municipality: { id: organisations.id, slug: organisations.slug, name: organisations.name },
      position: waitlistPositionSql,
      handedOverTo: handedOverToSql,
    })
    .from(seats)
    .innerJoin(organisations, eq(organisations.id, seats.municipalityId))
    .where(eq(seats.sessionId, args.sessionId))
    .orderBy(
      dsql`case ${seats.status} when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(seats.waitlistSeq),
      asc(organisations.name),
      asc(seats.name),
    );
  return rows.map((r) => ({
    id: r.seat.id,
    bookingId: r.seat.bookingId,
    name: r.seat.name,
    email: r.seat.email,
    municipality: r.municipality,
    status: r.seat.status,
    waitlistPosition: r.position === null ? null : Number(r.position),
    handedOverTo: r.seat.status === "cancelled" ? r.handedOverTo : null,
    attendance: r.seat.attendance,
  }));
}

/** Register attendance (present / absent / cleared) once the session has started. */
export async function setAttendance(args: {
  providerId: string;
  userId: string;
  sessionId: string;
  seatId: string;
  attendance: "present" | "absent" | null;
  now: Date;
}): Promise<void> {
  await db().transaction(async (tx) => {
    const [session] = await tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, args.sessionId), eq(sessions.providerId, args.providerId)));
    if (!session) throw notFound("session");
    if (args.now < session.startsAt) throw new DomainError("INVALID_STATE", "Attendance can be registered once the session has started.");
    const updated = await tx
      .update(seats)
      .set({ attendance: args.attendance, updatedAt: args.now })
      .where(and(eq(seats.id, args.seatId), eq(seats.sessionId, session.id), eq(seats.status, "confirmed")))
      .returning({ id: seats.id });
    if (updated.length === 0) throw notFound("attendee");
    await audit(tx, {
      actorUserId: args.userId,
      organisationId: args.providerId,
      action: "seat.attendance",
      subjectType: "seat",
      subjectId: args.seatId,
      data: { sessionId: session.id, attendance: args.attendance },
      at: args.now,
    });
  });
}

function attendeeTable(rows: AttendeeRow[]) {
  const t = translator("nl");
  const header = [
    t("bookings.csv.name"),
    t("bookings.csv.email"),
    t("bookings.csv.municipality"),
    t("bookings.csv.status"),
    t("bookings.csv.waitlistPosition"),
    t("bookings.csv.attendance"),
  ];
  const body: SheetValue[][] = rows.map((r) => [
    r.name,
    r.email,
    r.municipality.name,
    r.handedOverTo ? t("bookings.status.handedOver", { name: r.handedOverTo }) : t(`bookings.status.${r.status}` as MessageKey),
    r.waitlistPosition,
    r.attendance ? t(`bookings.attendance.${r.attendance}` as MessageKey) : "",
  ]);
  return { header, body };
}

/**
 * CSV of the attendee list (for the provider), as Excel in nl-BE opens it (CONTRACT
 * additions): `;`-separated, UTF-8 with a BOM, Dutch column names and values; RFC 4180
 * quoting, formula injection neutralised.
 */
export function attendeesCsv(rows: AttendeeRow[]): string {
  const { header, body } = attendeeTable(rows);
  return csvDocument([header, ...body]);
}

/** The same list as an XLSX workbook: one sheet, the same columns, positions as numbers. */
export function attendeesXlsx(rows: AttendeeRow[]): Promise<Buffer> {
  const { header, body } = attendeeTable(rows);
  const widths = [28, 32, 24, 14, 12, 14];
  return xlsxDocument({ name: translator("nl")("bookings.attendees.title"), columns: header.map((h, i) => ({ header: h, width: widths[i] })), rows: body });
}
