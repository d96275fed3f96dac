/** Dates in messages are words (#12): one formatter, used by the translator for every ISO variable. */
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { translator } from "../../i18n";
import { dateInWords } from "./brussels";

describe("dateInWords", () => {
  it("writes a calendar date with its weekday, in Dutch and English", () => {
    expect(dateInWords("2027-01-23")).toBe("zaterdag 23 januari 2027");
    expect(dateInWords("2027-01-23", "en")).toBe("Saturday 23 January 2027");
    expect(dateInWords("2028-02-29", "nl")).toBe("dinsdag 29 februari 2028");
  });

  it("shows an instant on its Brussels day, also across midnight and in summer time", () => {
    // 23:30 UTC on 23 January is 00:30 on the 24th in Brussels (CET, +1).
    expect(dateInWords(new Date("2027-01-23T23:30:00Z"))).toBe("zondag 24 januari 2027");
    expect(dateInWords("2027-01-23T23:30:00Z")).toBe("zondag 24 januari 2027, 00:30");
    // 22:30 UTC on 30 June is 00:30 on 1 July (CEST, +2).
    expect(dateInWords("2027-06-30T22:30:00.000Z", "en")).toBe("Thursday 1 July 2027, 00:30");
    expect(dateInWords("2027-06-30T23:30:00+01:00")).toBe("donderdag 1 juli 2027, 00:30");
  });

  it("keeps a Brussels wall time as typed, even one the spring-forward change skips", () => {
    expect(dateInWords("2027-03-28T02:30")).toBe("zondag 28 maart 2027, 02:30");
    expect(dateInWords("2027-03-28 14:05", "en")).toBe("Sunday 28 March 2027, 14:05");
  });

  it("refuses what is not a date", () => {
    for (const v of ["", "2027-02-30", "2027-13-01", "23/01/2027", "2027-01-23x", "morgen", "2027-01-23T25:00:00Z"]) {
      expect(dateInWords(v), v).toBeUndefined();
    }
    expect(dateInWords(new Date(Number.NaN))).toBeUndefined();
  });

  it("property: any calendar date reads back as the same day, with no ISO left in it", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }), fc.constantFrom("nl" as const, "en" as const), (d, locale) => {
        const iso = d.toISOString().slice(0, 10);
        const words = dateInWords(iso, locale)!;
        const back = DateTime.fromFormat(words, "cccc d LLLL yyyy", { locale: locale === "nl" ? "nl-BE" : "en-GB", zone: "UTC" });
        expect(back.isValid, words).toBe(true);
        expect(back.toISODate()).toBe(iso);
        expect(words).not.toMatch(/\d{4}-\d{2}/);
      }),
    );
  });
});

describe("the translator writes ISO variables in words", () => {
  const [nl, en] = [translator("nl"), translator("en")];

  it("in refusals, series descriptions and report periods", () => {
    expect(nl("provider.error.outsideAvailabilityOn", { date: "2027-01-23", time: "14:00" })).toBe(
      "De sessie op zaterdag 23 januari 2027 om 14:00 valt buiten de beschikbare uren. Pas het uur aan of de beschikbaarheid.",
    );
    expect(en("provider.error.outsideAvailabilityOn", { date: "2027-01-23", time: "14:00" })).toContain("on Saturday 23 January 2027 at 14:00");
    expect(nl("provider.error.seriesDstGap", { when: "2027-03-28T02:30" })).toContain("(zondag 28 maart 2027, 02:30)");
    expect(nl("provider.rrule.weeklyUntil", { until: "2027-06-30" })).toBe("Elke week, tot en met woensdag 30 juni 2027");
    expect(nl("reports.period.showing", { from: "2027-01-01", to: "2027-12-31" })).toBe("Periode: vrijdag 1 januari 2027 tot en met vrijdag 31 december 2027");
  });

  it("leaves other variables alone", () => {
    expect(nl("bookings.error.duplicate", { row: 3 })).toContain("3");
    expect(nl("accounts.org.userCreated", { name: "2027-01-23 Jan" })).toContain("2027-01-23 Jan");
    expect(nl("accounts.org.userCreated", { name: "2027-02-30" })).toContain("2027-02-30");
  });
});
