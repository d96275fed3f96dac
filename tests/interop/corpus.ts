/**
 * The calendar interoperability corpus (#11): every kind of message an attendee can get,
 * the public .ics and a subscription feed, for people and sessions with hostile names.
 * Built with the real templates (emails/) and the real MIME options of the worker
 * (`mailOptions`), deterministic (fixed times, boundaries and ids), so that
 * `npm run fixtures:calendar` writes the same bytes every time and a reviewer can open the
 * .eml files in Outlook, Gmail or Apple Mail.
 */
import MailComposer from "nodemailer/lib/mail-composer";
import { mailOptions, messageIdFor } from "../../app/modules/notifications/delivery.server";
import { FEED_FOOTER, type FeedEvent, feedEvent, feedHeader, feedSummary, organizerLine } from "../../app/modules/calendar/feed-ics";
import { type IcsSession, parseMailbox, publishCalendar } from "../../emails/ics";
import { renderOutboxMessage } from "../../emails/render";
import type { OutboxRowLike, RenderContext } from "../../emails/types";

export const FROM = 'Expertenpool "Pool"; VZW <noreply@expertenpool.test>';
export const APP_URL = "https://expertenpool.test";

/** Names a real client must survive: quotes, commas, semicolons, emoji, 200 characters, CR/LF. */
export const hostile = {
  quotes: 'Janssens, Marie "Mia"',
  semicolons: "De Smet; Jan, & Co: ^caret^ \\backslash",
  emoji: "Zoë 👩🏽‍💻 Ünal-Ørsted",
  long: `${"Vanderstraeten-".repeat(13)}Xyz`.slice(0, 200),
  crlf: "Line\r\nBCC: injected@evil.test\r\nX-Evil: 1",
} as const;

export const titles = {
  main: 'Basisvorming "radicalisering"; polarisatie, online & offline 🛡️',
  renamed: "Basisvorming radicalisering — nieuwe titel\r\nmet regeleinde",
  trajectory: "Traject: intake, gesprek 1; \"casus\"",
  series: "Intervisie; reeks, sessie 3",
} as const;

/** What each message must say when parsed. */
export type Expected = {
  file: string;
  method: "REQUEST" | "CANCEL" | "PUBLISH" | null;
  /** The recipient whose name must round-trip in ATTENDEE;CN (invites only). */
  attendee?: { name: string; email: string };
  events: { uid: string; sequence: number; summary: string; start: string; end: string; status: "CONFIRMED" | "CANCELLED"; transparent?: boolean }[];
  /** Messages to one recipient about one UID, in the order sent: SEQUENCE and DTSTAMP must rise. */
  thread?: string;
};

export type CorpusFile = { file: string; content: string; expected: Expected };

const base = {
  sessionId: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01",
  icalUid: "6f1c2a1e-9a43-4a40-9d55-2b8a8f1f1a01@expertenpool",
  // 14:00–16:00 Brussels (winter, UTC+1).
  startsAt: "2027-01-12T13:00:00.000Z",
  endsAt: "2027-01-12T15:00:00.000Z",
  locationName: "Stadhuis; zaal \"De Brug\"",
  locationAddress: "Grote Markt 1, 2000 Antwerpen",
  online: true,
  status: "published",
};
// The reschedule: 26 March 2027 is a Friday before the spring change, 29 March after it (UTC+2).
const moved = { startsAt: "2027-03-29T07:30:00.000Z", endsAt: "2027-03-29T15:30:00.000Z" };

const ctx = (locale: "nl" | "en" = "nl"): RenderContext => ({
  appUrl: APP_URL,
  mailFrom: FROM,
  locale,
  seatStatus: "confirmed",
  onlineUrl: "https://meet.expertenpool.test/j/123?pwd=a;b,c",
  selfServiceUrl: `${APP_URL}/attend/0123456789abcdef`,
});

type Step = {
  file: string;
  topic: string;
  name: string;
  email: string;
  payload: Record<string, unknown>;
  at: string;
  locale?: "nl" | "en";
  seatStatus?: "confirmed" | "cancelled";
};

/** One attendee's story for one session, then the other kinds, each with its own UID where it has one. */
function steps(): Step[] {
  const mia = { name: hostile.quotes, email: "mia@gemeente.test" };
  const jan = { name: hostile.semicolons, email: "jan@gemeente.test" };
  const zoe = { name: hostile.emoji, email: "zoe@gemeente.test" };
  const lng = { name: hostile.long, email: "long@gemeente.test" };
  const crlf = { name: hostile.crlf, email: "crlf@gemeente.test" };
  const s = (extra: Record<string, unknown>) => ({ ...base, title: titles.main, sequence: 0, ...extra });
  return [
    // Mia: invite → seat cancel → rebooking → title update → reschedule → reminder → session cancel.
    { file: "01-invite", topic: "seat.confirmed", ...mia, at: "2026-12-01T09:00:00Z", payload: s({ icalSequence: 0 }) },
    { file: "02-seat-cancel", topic: "seat.cancelled", ...mia, at: "2026-12-01T09:00:00Z", seatStatus: "cancelled", payload: s({ icalSequence: 1, icalStamp: "2026-12-01T09:00:01Z" }) },
    { file: "03-rebooked", topic: "seat.confirmed", ...mia, at: "2026-12-01T09:00:00Z", payload: s({ icalSequence: 2, icalStamp: "2026-12-01T09:00:02Z" }) },
    { file: "04-update-title", topic: "session.updated", ...mia, at: "2026-12-02T10:00:00Z", payload: s({ title: titles.renamed, sequence: 1, icalSequence: 3, titleChanged: true }) },
    { file: "05-reschedule", topic: "session.updated", ...mia, at: "2026-12-03T10:00:00Z", payload: s({ title: titles.renamed, ...moved, sequence: 2, icalSequence: 4, timeChanged: true }) },
    { file: "06-reminder", topic: "reminder", ...mia, at: "2027-03-22T07:30:00Z", payload: s({ title: titles.renamed, ...moved, sequence: 2, offset: "P7D" }) },
    { file: "07-session-cancel", topic: "session.cancelled", ...mia, at: "2027-03-23T08:00:00Z", seatStatus: "cancelled", payload: s({ title: titles.renamed, ...moved, sequence: 3, status: "cancelled", icalSequence: 5, reason: "Trainer ziek; \"sorry\"" }) },
    // A substitution: Jan's seat goes to Zoë (Jan: CANCEL; Zoë: REQUEST with the same UID).
    { file: "08-substitution-old", topic: "seat.cancelled", ...jan, at: "2026-12-04T10:00:00Z", seatStatus: "cancelled", payload: s({ icalSequence: 1, substituted: true }) },
    { file: "09-substitution-new", topic: "seat.confirmed", ...zoe, locale: "en", at: "2026-12-04T10:00:00Z", payload: s({ icalSequence: 0, substitutes: true }) },
    // A trajectory session (private, from a request) and a changed occurrence of a series, moved
    // to 02:30 in the *second* (winter) run of the repeated autumn hour: written in UTC.
    { file: "10-trajectory", topic: "seat.confirmed", ...lng, at: "2026-12-05T10:00:00Z", payload: { ...s({ title: titles.trajectory, icalSequence: 0 }), sessionId: "7a2d3b2f-0b54-4b51-8e66-3c9b9f2f2b02", icalUid: "7a2d3b2f-0b54-4b51-8e66-3c9b9f2f2b02@expertenpool", online: false } },
    { file: "11-series-occurrence-change", topic: "session.updated", ...crlf, at: "2026-12-06T10:00:00Z", payload: { ...s({ title: titles.series, sequence: 1, icalSequence: 1, placeChanged: true, locationName: "Zaal 2", locationAddress: null }), sessionId: "8b3e4c3a-1c65-4c62-9f77-4dac0a3a3c03", icalUid: "8b3e4c3a-1c65-4c62-9f77-4dac0a3a3c03@expertenpool", startsAt: "2027-10-31T01:30:00.000Z", endsAt: "2027-10-31T04:00:00.000Z" } },
  ];
}

const pad = (n: number) => n.toString(16).padStart(12, "0");

/** Every file of the corpus, with what its parse must give. */
export async function buildCorpus(): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  const firstIdOf = new Map<string, string>();
  for (const [i, step] of steps().entries()) {
    const row: OutboxRowLike = {
      id: i + 1,
      topic: step.topic,
      recipientEmail: step.email,
      recipientName: step.name,
      payload: step.payload,
      createdAt: new Date(step.at),
    };
    const mail = renderOutboxMessage(row, { ...ctx(step.locale), seatStatus: step.seatStatus ?? "confirmed" });
    const messageId = messageIdFor(`00000000-0000-4000-8000-${pad(i + 1)}`, FROM);
    const thread = `${step.email}|${step.payload.icalUid as string}`;
    const root = firstIdOf.get(thread) ?? null;
    if (!root) firstIdOf.set(thread, messageId);
    const options = {
      ...mailOptions({ from: FROM, row: { ...row, recipientName: step.name }, mail, messageId, threadRoot: root }),
      date: new Date(step.at),
      baseBoundary: `expertenpool-corpus-${i + 1}`,
    };
    const raw = await new MailComposer(options).compile().build();
    const p = step.payload as Record<string, string | number>;
    const cancelled = mail.icalEvent?.method === "CANCEL";
    out.push({
      file: `${step.file}.eml`,
      content: raw.toString("utf8"),
      expected: {
        file: `${step.file}.eml`,
        method: mail.icalEvent?.method ?? null,
        attendee: { name: step.name, email: step.email },
        events: mail.icalEvent
          ? [
              {
                uid: p.icalUid as string,
                sequence: Number(p.icalSequence ?? p.sequence),
                summary: p.title as string,
                start: new Date(p.startsAt as string).toISOString(),
                end: new Date(p.endsAt as string).toISOString(),
                status: cancelled ? "CANCELLED" : "CONFIRMED",
              },
            ]
          : [],
        thread,
      },
    });
  }

  // The public .ics of a session and a personal feed with a live and a cancelled entry.
  const session = (extra: Partial<IcsSession>): IcsSession => ({
    id: base.sessionId,
    icalUid: base.icalUid,
    sequence: 2,
    title: titles.main,
    startsAt: new Date(base.startsAt),
    endsAt: new Date(base.endsAt),
    status: "published",
    visibility: "public",
    locationName: base.locationName,
    locationAddress: base.locationAddress,
    online: true,
    ...extra,
  });
  const stamp = new Date("2026-12-01T09:00:00Z");
  const publicIcs = publishCalendar([session({})], { now: stamp, appUrl: APP_URL, organizer: FROM });
  const event = (s: IcsSession, summary: string) => ({
    uid: s.icalUid,
    sequence: s.sequence,
    summary,
    start: s.startsAt.toISOString(),
    end: s.endsAt.toISOString(),
    status: s.status === "cancelled" ? ("CANCELLED" as const) : ("CONFIRMED" as const),
    transparent: s.status === "cancelled",
  });
  out.push({ file: "20-public.ics", content: publicIcs, expected: { file: "20-public.ics", method: "PUBLISH", events: [event(session({}), titles.main)] } });
  // The feed through its own writer (app/modules/calendar/feed-ics.ts), as /calendar/<secret>.ics sends it.
  const entry = (extra: Partial<FeedEvent>): FeedEvent => ({
    id: base.sessionId,
    icalUid: base.icalUid,
    sequence: 3,
    title: titles.main,
    startsAt: new Date(base.startsAt),
    endsAt: new Date(base.endsAt),
    cancelled: false,
    visibility: "public",
    providerName: 'CAW "Limburg"; vzw',
    locationName: base.locationName,
    locationAddress: base.locationAddress,
    online: true,
    cancelReason: null,
    updatedAt: stamp,
    ...extra,
  });
  const feedEntries = [
    entry({ cancelled: true, cancelReason: "Trainer ziek" }),
    entry({ id: "7a2d3b2f-0b54-4b51-8e66-3c9b9f2f2b02", icalUid: "7a2d3b2f-0b54-4b51-8e66-3c9b9f2f2b02@expertenpool", title: `${titles.trajectory} (1/3)`, visibility: "private", sequence: 0 }),
    // The second 02:30 of 31 October 2027 (CET): written in UTC.
    entry({ id: "8b3e4c3a-1c65-4c62-9f77-4dac0a3a3c03", icalUid: "8b3e4c3a-1c65-4c62-9f77-4dac0a3a3c03@expertenpool", title: titles.series, startsAt: new Date("2027-10-31T01:30:00Z"), endsAt: new Date("2027-10-31T04:00:00Z"), sequence: 1 }),
  ];
  const organizer = organizerLine(parseMailbox(FROM));
  const feed = feedHeader({ name: "Expertenpool", ttlSeconds: 3600 }) + feedEntries.map((e) => feedEvent(e, APP_URL, organizer)).join("") + FEED_FOOTER;
  out.push({
    file: "21-feed.ics",
    content: feed,
    expected: {
      file: "21-feed.ics",
      method: "PUBLISH",
      events: feedEntries.map((e) => ({
        uid: e.icalUid,
        sequence: e.sequence,
        summary: feedSummary(e),
        start: e.startsAt.toISOString(),
        end: e.endsAt.toISOString(),
        status: e.cancelled ? ("CANCELLED" as const) : ("CONFIRMED" as const),
        transparent: e.cancelled,
      })),
    },
  });
  return out;
}
