import { describe, expect, it } from "vitest";
import { createBookingSchema, idempotencyKeySchema, parsePastedAttendees } from "./schemas";

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
