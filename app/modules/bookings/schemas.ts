import { z } from "zod";

export const attendeeSchema = z.strictObject({
  name: z.string().trim().min(1, "Give the colleague's name.").max(200, "At most 200 characters."),
  email: z
    .string()
    .trim()
    .max(254, "At most 254 characters.")
    .pipe(z.email("Not a valid e-mail address.")),
});
export type AttendeeInput = z.infer<typeof attendeeSchema>;

export const MAX_ATTENDEES_PER_BOOKING = 50;

export const createBookingSchema = z.strictObject({
  attendees: z
    .array(attendeeSchema)
    .min(1, "Name at least one colleague.")
    .max(MAX_ATTENDEES_PER_BOOKING, `At most ${MAX_ATTENDEES_PER_BOOKING} colleagues per booking.`),
});

export const substituteSchema = attendeeSchema;

export const attendanceSchema = z.strictObject({
  attendance: z.enum(["present", "absent"]).nullable(),
});

/** Idempotency-Key header: printable ASCII, 1–200 characters. */
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, "Use 1–200 printable ASCII characters.");

/**
 * "Name <email>", "Name, email", "Name;email", "Name<TAB>email" or a bare e-mail, one per
 * line: a pasted list from a spreadsheet or an e-mail client.
 */
export function parsePastedAttendees(text: string): { attendees: AttendeeInput[]; errors: { line: number; text: string }[] } {
  const attendees: AttendeeInput[] = [];
  const errors: { line: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let name = "";
    let email = "";
    const angle = /^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(line);
    if (angle) {
      name = angle[1]!.replace(/^["'\s]+|["'\s,;]+$/g, "");
      email = angle[2]!;
    } else {
      const parts = line.split(/[\t;,]/).map((p) => p.trim()).filter(Boolean);
      const at = parts.findIndex((p) => /\S+@\S+/.test(p));
      if (at >= 0) {
        email = parts[at]!;
        name = parts.filter((_, j) => j !== at).join(" ");
      }
    }
    if (!name && email) name = email.split("@")[0]!.replace(/[._-]+/g, " ");
    const parsed = attendeeSchema.safeParse({ name, email });
    if (parsed.success) attendees.push(parsed.data);
    else errors.push({ line: i + 1, text: line });
  });
  return { attendees, errors };
}
