import type { OutboxRow } from "#db/schema/outbox";
import type { Locale } from "./layout";

export type { Locale };

/**
 * The fields of an outbox row (db/schema/outbox.ts `OutboxRow`, the one row type) that the
 * pure renderer reads; tests and previews may leave out the optional ones.
 */
export type OutboxRowLike = Pick<OutboxRow, "topic" | "recipientEmail" | "payload"> &
  Partial<Pick<OutboxRow, "id" | "recipientName" | "sessionId" | "seatId" | "createdAt">>;

export type RenderContext = {
  /** Base URL for links, e.g. "https://expertenpool.be" (env().appUrl). */
  appUrl: string;
  /** "Expertenpool <noreply@…>" (env().MAIL_FROM): the From and the invite's ORGANIZER. */
  mailFrom: string;
  /** Recipient's language: the seat's locale for attendees, the user's for coordinators. */
  locale: Locale;
  /** The session's meeting link. Shown only in invitations, updates and reminders to confirmed seats. */
  onlineUrl?: string | null;
  /** The attendee's personal page: "I can't come / a colleague in my place". */
  selfServiceUrl?: string | null;
  /** The attendee's evaluation form (evaluation.invite only). */
  evaluationUrl?: string | null;
  /** The seat's current status, when known: the meeting link is withheld unless "confirmed". */
  seatStatus?: "confirmed" | "waitlisted" | "cancelled" | null;
  /** DTSTAMP when the row has no createdAt. */
  now?: Date;
};

export type IcalAttachment = {
  method: "REQUEST" | "CANCEL";
  /** The iCalendar text (CRLF), METHOD matching `method`. */
  content: string;
  filename: string;
};

export type RenderedMessage = {
  subject: string;
  html: string;
  text: string;
  /** nodemailer's `icalEvent`: sent as the text/calendar alternative (iMIP) and as an attachment. */
  icalEvent?: IcalAttachment;
};
