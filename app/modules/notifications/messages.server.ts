/**
 * A stored outbox row → the e-mail it stands for. Looks up what the pure renderer
 * (emails/render.ts) needs beyond the row: the recipient's language, the meeting link
 * (current, and only for a confirmed seat) and the personal self-service link.
 * The delivery worker and the development mailbox both render through here, so what
 * /dev/mail shows is what is sent.
 */
import { sql as dsql, inArray } from "drizzle-orm";
import { type OutboxRow, seats, sessions, users } from "#db/schema";
import { carriesOnlineLink, isAttendeeTopic, renderOutboxMessage } from "../../../emails/render";
import type { RenderContext, RenderedMessage } from "../../../emails/types";
import { db } from "../../utils/db.server";
import { env } from "../../utils/env.server";
import { passwordLinkUrl } from "../accounts/password-links.server";
import { evaluationUrl } from "../evaluations/evaluations.server";
import { selfServiceUrl } from "./self-service.server";

/** Render contexts for several rows with three queries in all (the mailbox lists many). */
export async function renderContexts(rows: OutboxRow[]): Promise<Map<number, RenderContext>> {
  const { appUrl, MAIL_FROM } = env();
  const attendeeRows = rows.filter((r) => isAttendeeTopic(r.topic) && r.seatId);
  const seatIds = [...new Set(attendeeRows.map((r) => r.seatId!))];
  const seatRows = seatIds.length
    ? await db()
        .select({ id: seats.id, status: seats.status, locale: seats.locale, sessionId: seats.sessionId })
        .from(seats)
        .where(inArray(seats.id, seatIds))
    : [];
  const seatById = new Map(seatRows.map((s) => [s.id, s]));

  const linkSessionIds = [
    ...new Set(
      attendeeRows
        .filter((r) => carriesOnlineLink(r.topic) && seatById.get(r.seatId!)?.status === "confirmed")
        .map((r) => seatById.get(r.seatId!)!.sessionId),
    ),
  ];
  const sessionRows = linkSessionIds.length
    ? await db()
        .select({ id: sessions.id, onlineUrl: sessions.onlineUrl, status: sessions.status })
        .from(sessions)
        .where(inArray(sessions.id, linkSessionIds))
    : [];
  const onlineBySession = new Map(sessionRows.map((s) => [s.id, s.status === "published" ? s.onlineUrl : null]));

  const otherEmails = [...new Set(rows.filter((r) => !isAttendeeTopic(r.topic)).map((r) => r.recipientEmail.toLowerCase()))];
  const userRows = otherEmails.length
    ? await db()
        .select({ email: dsql<string>`lower(${users.email})`, locale: users.locale })
        .from(users)
        .where(inArray(dsql`lower(${users.email})`, otherEmails))
    : [];
  const localeByEmail = new Map(userRows.map((u) => [u.email, u.locale]));

  const contexts = new Map<number, RenderContext>();
  for (const row of rows) {
    const seat = isAttendeeTopic(row.topic) && row.seatId ? seatById.get(row.seatId) : undefined;
    const locale = seat ? seat.locale : (localeByEmail.get(row.recipientEmail.toLowerCase()) ?? "nl");
    contexts.set(row.id, {
      appUrl,
      mailFrom: MAIL_FROM,
      locale: locale === "en" ? "en" : "nl",
      seatStatus: seat?.status ?? null,
      onlineUrl: seat?.status === "confirmed" ? (onlineBySession.get(seat.sessionId) ?? null) : null,
      selfServiceUrl: seat ? selfServiceUrl(seat.id, appUrl) : null,
      evaluationUrl: seat && row.topic === "evaluation.invite" ? evaluationUrl(seat.id, appUrl) : null,
    });
  }
  return contexts;
}

export async function renderContext(row: OutboxRow): Promise<RenderContext> {
  return (await renderContexts([row])).get(row.id)!;
}

/**
 * Links that are credentials are built here, at send time, from what the row may hold:
 * a set-password mail stores `{ linkId }` and gets its `url` only now (rows queued before
 * this change still carry `url` and render as they are).
 */
export function withSendTimeLinks<R extends Pick<OutboxRow, "topic" | "payload">>(row: R, appUrl: string = env().appUrl): R {
  if (row.topic === "account.password_link" && typeof row.payload.linkId === "string" && /^[0-9a-f-]{36}$/i.test(row.payload.linkId)) {
    return { ...row, payload: { ...row.payload, url: passwordLinkUrl(row.payload.linkId, appUrl) } };
  }
  return row;
}

/** The e-mail for one stored outbox row, exactly as the worker sends it. Throws on an unknown topic or a broken payload. */
export async function renderStoredMessage(row: OutboxRow): Promise<RenderedMessage> {
  return renderOutboxMessage(withSendTimeLinks(row), await renderContext(row));
}
