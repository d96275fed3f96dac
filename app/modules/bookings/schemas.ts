import { z } from "zod";
import { text } from "../../utils/text";

export const attendeeSchema = z.strictObject({
  name: text({ min: 1, max: 200, messages: { required: "Give the colleague's name." } }),
  email: z
    .string()
    .trim()
    .max(254, "At most 254 characters.")
    .pipe(z.email("Not a valid e-mail address.")),
});
export type AttendeeInput = z.infer<typeof attendeeSchema>;

export const MAX_ATTENDEES_PER_BOOKING = 50;

/**
 * The attendees whose e-mail (any case) stands in an earlier row: its index and that row's
 * number (1-based). `null` for a row to leave out. One rule for the booking form and bookSeats.
 */
export function repeatedEmails(emails: (string | null)[]): { index: number; row: number }[] {
  const seen = new Map<string, number>();
  const repeated: { index: number; row: number }[] = [];
  emails.forEach((email, index) => {
    if (email === null) return;
    const key = email.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) repeated.push({ index, row: first + 1 });
    else seen.set(key, index);
  });
  return repeated;
}

export const createBookingSchema = z.strictObject({
  attendees: z
    .array(attendeeSchema)
    .min(1, "Name at least one colleague.")
    .max(MAX_ATTENDEES_PER_BOOKING, `At most ${MAX_ATTENDEES_PER_BOOKING} colleagues per booking.`),
  /** Confirms addresses outside the municipality's e-mail domains (private addresses). */
  allowOtherDomains: z.boolean().optional(),
});

export const substituteSchema = attendeeSchema.extend({
  /** Confirms an address outside the municipality's e-mail domains (a private address). */
  allowOtherDomains: z.boolean().optional(),
});

export const attendanceSchema = z.strictObject({
  attendance: z.enum(["present", "absent"]).nullable(),
});

/** Idempotency-Key header: printable ASCII, 1–200 characters. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "Use 1–200 printable ASCII characters.");

/** A pasted list holds at most this many (non-empty) lines… */
export const MAX_PASTED_LINES = 200;
/** …each at most this long (longer lines are reported as unreadable, shortened)… */
export const MAX_PASTED_LINE_LENGTH = 500;
/** …and the whole paste at most this many characters: a longer one is refused unread. */
export const MAX_PASTE_CHARS = MAX_PASTED_LINES * (MAX_PASTED_LINE_LENGTH + 2);

export type PastedList = {
  attendees: AttendeeInput[];
  errors: { line: number; text: string }[];
  /** The paste is longer than the limits: nothing was taken from it. */
  tooLong: boolean;
  /** Lines looked at (for tests: the work is bounded by the limits). */
  linesRead: number;
};

const shorten = (line: string) => (line.length > 80 ? `${line.slice(0, 80)}…` : line);

/** One line: "Name <email>", "Name, email", "Name;email", "Name<TAB>email" or a bare e-mail. Linear in the line's length. */
function parseLine(line: string): { name: string; email: string } {
  let name = "";
  let email = "";
  const open = line.lastIndexOf("<");
  const inner = open >= 0 && line.endsWith(">") ? line.slice(open + 1, -1).trim() : null;
  if (inner?.includes("@") && !/[\s<>]/.test(inner)) {
    name = line
      .slice(0, open)
      .replace(/^["'\s]+/, "")
      .replace(/["'\s,;]+$/, "");
    email = inner;
  } else {
    const parts = line
      .split(/[\t;,]/)
      .map((p) => p.trim())
      .filter(Boolean);
    const at = parts.findIndex((p) => /\S@\S/.test(p));
    if (at >= 0) {
      email = parts[at]!;
      name = parts.filter((_, j) => j !== at).join(" ");
    }
  }
  if (!name && email) name = email.split("@")[0]!.replace(/[._-]+/g, " ");
  return { name, email };
}

/**
 * A pasted list from a spreadsheet or an e-mail client, one colleague per line. The work is
 * linear in the paste's length and bounded: at most MAX_PASTED_LINES lines of
 * MAX_PASTED_LINE_LENGTH characters (a longer paste is refused as a whole, `tooLong`).
 */
export function parsePastedAttendees(text: string): PastedList {
  const attendees: AttendeeInput[] = [];
  const errors: { line: number; text: string }[] = [];
  if (text.length > MAX_PASTE_CHARS) return { attendees, errors, tooLong: true, linesRead: 0 };
  const lines = text.split("\n");
  let nonEmpty = 0;
  let linesRead = 0;
  for (let i = 0; i < lines.length; i++) {
    linesRead++;
    const line = lines[i]!.trim();
    if (!line) continue;
    if (++nonEmpty > MAX_PASTED_LINES) return { attendees: [], errors: [], tooLong: true, linesRead };
    if (line.length > MAX_PASTED_LINE_LENGTH) {
      errors.push({ line: i + 1, text: shorten(line) });
      continue;
    }
    const parsed = attendeeSchema.safeParse(parseLine(line));
    if (parsed.success) attendees.push(parsed.data);
    else errors.push({ line: i + 1, text: line });
  }
  return { attendees, errors, tooLong: false, linesRead };
}
