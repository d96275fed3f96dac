import { describe, expect, it } from "vitest";
import { createBookingSchema, idempotencyKeySchema, MAX_PASTE_CHARS, MAX_PASTED_LINE_LENGTH, MAX_PASTED_LINES, parsePastedAttendees } from "./schemas";

describe("parsePastedAttendees", () => {
  it("reads the usual ways people paste names and e-mails", () => {
    const { attendees, errors } = parsePastedAttendees(
      [
        "An Peeters <an.peeters@antwerpen.be>",
        '"Jan Janssens" <jan@antwerpen.be>',
        "Els Maes, els.maes@antwerpen.be",
        "Tom Claes;tom@antwerpen.be",
        "Sara De Smet\tsara@antwerpen.be",
        "  ",
        "noor.vermeulen@antwerpen.be",
        "zomaar tekst zonder adres",
      ].join("\n"),
    );
    expect(attendees).toEqual([
      { name: "An Peeters", email: "an.peeters@antwerpen.be" },
      { name: "Jan Janssens", email: "jan@antwerpen.be" },
      { name: "Els Maes", email: "els.maes@antwerpen.be" },
      { name: "Tom Claes", email: "tom@antwerpen.be" },
      { name: "Sara De Smet", email: "sara@antwerpen.be" },
      { name: "noor vermeulen", email: "noor.vermeulen@antwerpen.be" },
    ]);
    expect(errors).toEqual([{ line: 8, text: "zomaar tekst zonder adres" }]);
  });
});

describe("createBookingSchema", () => {
  it("trims, validates e-mails and bounds the list", () => {
    expect(createBookingSchema.parse({ attendees: [{ name: " An ", email: " an@x.be " }] }).attendees[0]).toEqual({
      name: "An",
      email: "an@x.be",
    });
    expect(createBookingSchema.safeParse({ attendees: [] }).success).toBe(false);
    expect(createBookingSchema.safeParse({ attendees: [{ name: "An", email: "nope" }] }).success).toBe(false);
    expect(createBookingSchema.safeParse({ attendees: [{ name: "", email: "a@b.be" }] }).success).toBe(false);
    expect(createBookingSchema.safeParse({ attendees: [{ name: "An", email: "a@b.be", extra: 1 }] }).success).toBe(false);
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `P${i}`, email: `p${i}@x.be` }));
    expect(createBookingSchema.safeParse({ attendees: many }).success).toBe(false);
  });

  it("accepts sensible idempotency keys only", () => {
    expect(idempotencyKeySchema.safeParse("3f2a-booking-1").success).toBe(true);
    expect(idempotencyKeySchema.safeParse("").success).toBe(false);
    expect(idempotencyKeySchema.safeParse("has space").success).toBe(false);
    expect(idempotencyKeySchema.safeParse("x".repeat(201)).success).toBe(false);
  });
});

describe("parsePastedAttendees: bounded, linear work", () => {
  it("refuses a 400 KB paste unread", () => {
    const huge = `${"<".repeat(200_000)}${"a@".repeat(100_000)}`;
    expect(huge.length).toBeGreaterThan(MAX_PASTE_CHARS);
    expect(parsePastedAttendees(huge)).toEqual({ attendees: [], errors: [], tooLong: true, linesRead: 0 });
  });

  it("stops at the first line beyond the limit", () => {
    const lines = Array.from({ length: MAX_PASTED_LINES + 50 }, (_, i) => `p${i}@x.be`).join("\n");
    const result = parsePastedAttendees(lines);
    expect(result.tooLong).toBe(true);
    expect(result.attendees).toEqual([]);
    expect(result.linesRead).toBe(MAX_PASTED_LINES + 1);
  });

  it(`reads ${MAX_PASTED_LINES} lines, and reports over-long lines shortened instead of parsing them`, () => {
    const good = Array.from({ length: MAX_PASTED_LINES - 1 }, (_, i) => `Persoon ${i} <p${i}@x.be>`);
    const hostile = `${"<".repeat(MAX_PASTED_LINE_LENGTH)}a@b>`;
    const result = parsePastedAttendees([...good, hostile].join("\r\n"));
    expect(result.tooLong).toBe(false);
    expect(result.linesRead).toBe(MAX_PASTED_LINES);
    expect(result.attendees).toHaveLength(MAX_PASTED_LINES - 1);
    expect(result.attendees[5]).toEqual({ name: "Persoon 5", email: "p5@x.be" });
    expect(result.errors).toEqual([{ line: MAX_PASTED_LINES, text: `${"<".repeat(80)}…` }]);
  });

  it("parses lines built to make a backtracking regex explode the same as any other line", () => {
    const line = `${"a".repeat(100)}<${" ".repeat(300)}x@${"@".repeat(50)}`;
    const result = parsePastedAttendees(line);
    expect(result.attendees).toEqual([]);
    expect(result.errors).toHaveLength(1);
  });
});
