/**
 * The booking form and the API refuse the same attendee lists (ADR 0060): for random rows, the
 * form refuses exactly when the API path (createBookingSchema, then bookSeats' repeated e-mail
 * rule) refuses, on the fields the API names, with the API reason's message for a repeat.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bookingReasonMessages } from "~/i18n/reasons";
import { isBlank, validateRows } from "./form";
import { createBookingSchema, repeatedEmails } from "./schemas";

const name = fc.oneof(fc.constantFrom("An", " Bart ", "Ça Va", "", "   ", "x".repeat(201), "A\u0001b", "Tab\there"), fc.string({ maxLength: 12 }));
const email = fc.oneof(
  fc.constantFrom("an@gent.be", "AN@gent.be", " an@gent.be ", "bart@gent.be", "", "nope", "a@b", `${"x".repeat(250)}@gent.be`, "c\u0000@gent.be"),
  fc.emailAddress(),
);
const rows = fc.array(fc.record({ name, email }), { minLength: 0, maxLength: 60 }).map((r) => r.filter((row) => !isBlank(row)));

function api(list: { name: string; email: string }[]): { refused: boolean; fields: string[]; repeat?: { index: number; row: number } } {
  const parsed = createBookingSchema.safeParse({ attendees: list });
  if (!parsed.success) return { refused: true, fields: [...new Set(parsed.error.issues.map((i) => i.path.join(".")))] };
  const [repeat] = repeatedEmails(parsed.data.attendees.map((a) => a.email));
  return repeat ? { refused: true, fields: [`attendees.${repeat.index}.email`], repeat } : { refused: false, fields: [] };
}

describe("attendee rows: the form and the API", () => {
  it("accept and refuse the same lists, on the same fields", () => {
    fc.assert(
      fc.property(rows, (list) => {
        const form = validateRows(list);
        const answer = api(list);
        expect(Object.keys(form.errors).length > 0).toBe(answer.refused);
        // A list too long or empty is one message for the list; otherwise every field the API names.
        if (answer.fields.includes("attendees")) expect(Object.keys(form.errors)).toEqual(["attendees"]);
        else for (const field of answer.fields) expect(form.errors).toHaveProperty([field]);
        if (answer.repeat) {
          expect(form.errors[`attendees.${answer.repeat.index}.email`]).toEqual(bookingReasonMessages.duplicate_email({ row: answer.repeat.row }, "email"));
        }
      }),
      { numRuns: 400 },
    );
  });
});
