import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { durationInWords, isMultiSession, lengthInWords } from "./duration";

describe("lengthInWords", () => {
  it.each([
    [1, "1 minuut", "1 minute"],
    [45, "45 minuten", "45 minutes"],
    [60, "1 uur", "1 hour"],
    [90, "1,5 uur", "1.5 hours"],
    [120, "2 uur", "2 hours"],
    [210, "3,5 uur", "3.5 hours"],
    [450, "7,5 uur", "7.5 hours"],
    [75, "1 uur 15 minuten", "1 hour 15 minutes"],
    [121, "2 uur 1 minuut", "2 hours 1 minute"],
  ])("%i minutes: %s / %s", (minutes, nl, en) => {
    expect(lengthInWords(minutes, "nl")).toBe(nl);
    expect(lengthInWords(minutes, "en")).toBe(en);
  });

  /** Reads a length in words back into minutes. */
  function parse(text: string): number {
    const m = /^(?:(\d+(?:[.,]5)?) (?:uur|hours?))? ?(?:(\d+) (?:minuut|minuten|minutes?))?$/.exec(text);
    if (!m) throw new Error(`unparsable: ${text}`);
    return Math.round(Number((m[1] ?? "0").replace(",", ".")) * 60) + Number(m[2] ?? 0);
  }

  it("says exactly the number of minutes it was given, with the right plural, in both languages", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 * 60 }), (minutes) => {
        for (const locale of ["nl", "en"] as const) {
          const words = lengthInWords(minutes, locale);
          expect(parse(words)).toBe(minutes);
          expect(words).not.toMatch(/[()]/);
          // Singular exactly for 1: "1 minuut" / "1 hour", never "1 minuten" or "2 hour".
          expect(words).not.toMatch(/(^|\D)1 (minuten|minutes|hours)\b/);
          expect(words).not.toMatch(/(^|[^\d,.])([2-9]|\d\d+|\d[.,]5) (minuut|minute|hour)\b/);
        }
      }),
    );
  });
});

describe("durationInWords", () => {
  it("a single session is its length", () => {
    expect(durationInWords({ format: "lecture", durationMinutes: 120 }, "nl")).toBe("2 uur");
    expect(durationInWords({ format: "full_day", durationMinutes: 450, sessionCount: 1 }, "en")).toBe("7.5 hours");
    expect(durationInWords({ format: "intervision", durationMinutes: 150, spanMonths: 3 }, "nl")).toBe("2,5 uur");
  });

  it("a multi-session format counts its sessions and says over how long", () => {
    const coaching = { format: "trajectory", durationMinutes: 120, sessionCount: 6, spanMonths: 3 };
    expect(durationInWords(coaching, "nl")).toBe("6 sessies van 2 uur, over 3 maanden");
    expect(durationInWords(coaching, "en")).toBe("6 sessions of 2 hours, over 3 months");
    expect(durationInWords({ ...coaching, sessionCount: 4, spanMonths: 1, durationMinutes: 180 }, "nl")).toBe(
      "4 sessies van 3 uur, over 1 maand",
    );
  });

  it("an intake comes before the sessions", () => {
    const traject = { format: "trajectory", durationMinutes: 60, sessionCount: 6, intake: true };
    expect(durationInWords(traject, "nl")).toBe("Intake + 6 sessies van 1 uur");
    expect(durationInWords(traject, "en")).toBe("Intake + 6 sessions of 1 hour");
    expect(durationInWords({ ...traject, sessionCount: 1 }, "nl")).toBe("Intake + 1 sessie van 1 uur");
    expect(durationInWords({ format: "consultation", durationMinutes: 90, intake: true }, "en")).toBe("Intake + 1 session of 1.5 hours");
  });

  it("a trajectory without a fixed number of sessions never reads as one hour", () => {
    const open = { format: "trajectory", durationMinutes: 60 };
    expect(durationInWords(open, "nl")).toBe("Sessies van 1 uur, het aantal in onderling overleg");
    expect(durationInWords(open, "en")).toBe("Sessions of 1 hour, the number agreed together");
    expect(durationInWords({ ...open, durationMinutes: 120, sessionCount: 1 }, "nl")).toBe("2 uur");
  });

  it("multi-session offerings always name the count with the right plural and no brackets", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("trajectory", "intervision", "consultation", "full_day", "webinar"),
        fc.integer({ min: 15, max: 24 * 60 }),
        fc.integer({ min: 1, max: 100 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
        (format, durationMinutes, sessionCount, intake, spanMonths) => {
          const shape = { format, durationMinutes, sessionCount, intake, spanMonths };
          const nl = durationInWords(shape, "nl");
          const en = durationInWords(shape, "en");
          for (const words of [nl, en]) expect(words).not.toMatch(/[()]/);
          if (!isMultiSession(shape)) {
            expect(nl).toBe(lengthInWords(durationMinutes, "nl"));
            return;
          }
          expect(nl).toContain(sessionCount === 1 ? "1 sessie van " : `${sessionCount} sessies van `);
          expect(en).toContain(sessionCount === 1 ? "1 session of " : `${sessionCount} sessions of `);
          expect(nl).toContain(lengthInWords(durationMinutes, "nl"));
          expect(nl.startsWith("Intake + ")).toBe(intake);
          if (spanMonths !== null) {
            expect(nl.endsWith(`, over ${spanMonths} ${spanMonths === 1 ? "maand" : "maanden"}`)).toBe(true);
            expect(en.endsWith(`, over ${spanMonths} ${spanMonths === 1 ? "month" : "months"}`)).toBe(true);
          }
        },
      ),
    );
  });
});
