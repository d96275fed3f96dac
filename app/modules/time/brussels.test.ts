import { describe, expect, it } from "vitest";
import { formatRange, monthRange, parseApiTime, TimeError, toZonedIso, wallToInstant } from "./brussels";

describe("wallToInstant", () => {
  it("uses the winter and summer offsets of Brussels", () => {
    expect(wallToInstant("2027-01-12T14:00").toISOString()).toBe("2027-01-12T13:00:00.000Z");
    expect(wallToInstant("2027-07-12T14:00").toISOString()).toBe("2027-07-12T12:00:00.000Z");
  });

  it("refuses a time inside the spring-forward gap", () => {
    // 28 March 2027: 02:00 jumps to 03:00.
    expect(() => wallToInstant("2027-03-28T02:30")).toThrow(TimeError);
    try {
      wallToInstant("2027-03-28T02:00");
    } catch (e) {
      expect((e as TimeError).reason).toBe("nonexistent");
    }
    expect(wallToInstant("2027-03-28T03:00").toISOString()).toBe("2027-03-28T01:00:00.000Z");
    expect(wallToInstant("2027-03-28T01:59").toISOString()).toBe("2027-03-28T00:59:00.000Z");
  });

  it("takes the earlier instant for an ambiguous autumn time", () => {
    // 31 October 2027: 03:00 falls back to 02:00, so 02:30 happens twice.
    expect(wallToInstant("2027-10-31T02:30").toISOString()).toBe("2027-10-31T00:30:00.000Z");
  });

  // #11 finding 8: parsers decode an offset-less 02:30 differently; people must say which one.
  it("refuses an ambiguous autumn time when asked to, naming both offsets", () => {
    expect(() => wallToInstant("2027-10-31T02:30", "Europe/Brussels", { ambiguous: "reject" })).toThrow(/\+02:00 or \+01:00/);
    try {
      parseApiTime("2027-10-31T02:30", "Europe/Brussels", { ambiguous: "reject" });
      expect.unreachable();
    } catch (e) {
      expect((e as TimeError).reason).toBe("ambiguous");
    }
    // With an offset it is an instant; the hours around it are not ambiguous.
    expect(parseApiTime("2027-10-31T02:30+01:00", "Europe/Brussels", { ambiguous: "reject" }).toISOString()).toBe("2027-10-31T01:30:00.000Z");
    expect(wallToInstant("2027-10-31T01:59", "Europe/Brussels", { ambiguous: "reject" }).toISOString()).toBe("2027-10-30T23:59:00.000Z");
    expect(wallToInstant("2027-10-31T03:00", "Europe/Brussels", { ambiguous: "reject" }).toISOString()).toBe("2027-10-31T02:00:00.000Z");
  });

  it("rejects malformed input and unknown zones", () => {
    expect(() => wallToInstant("2027-02-30T10:00")).toThrow(TimeError);
    expect(() => wallToInstant("tomorrow")).toThrow(TimeError);
    expect(() => wallToInstant("2027-01-01T25:00")).toThrow(TimeError);
    expect(() => wallToInstant("2027-01-01T10:00", "Mars/Olympus")).toThrow(TimeError);
  });

  it("honours another zone", () => {
    expect(wallToInstant("2027-01-12T14:00", "America/New_York").toISOString()).toBe("2027-01-12T19:00:00.000Z");
  });
});

describe("parseApiTime and toZonedIso", () => {
  it("treats a time with an offset or Z as an instant", () => {
    expect(parseApiTime("2027-03-30T14:00:00+02:00").toISOString()).toBe("2027-03-30T12:00:00.000Z");
    expect(parseApiTime("2027-03-30T12:00:00Z").toISOString()).toBe("2027-03-30T12:00:00.000Z");
  });

  it("treats a time without offset as Brussels wall-clock time", () => {
    expect(parseApiTime("2027-03-30T14:00").toISOString()).toBe("2027-03-30T12:00:00.000Z");
  });

  it("answers with the Brussels offset whatever the process TZ", () => {
    expect(toZonedIso(new Date("2027-03-30T12:00:00Z"))).toBe("2027-03-30T14:00:00+02:00");
    expect(toZonedIso(new Date("2027-12-01T08:30:00Z"))).toBe("2027-12-01T09:30:00+01:00");
  });
});

describe("formatting", () => {
  it("shows Brussels wall-clock time in Dutch", () => {
    expect(formatRange(new Date("2027-03-30T12:00:00Z"), new Date("2027-03-30T14:00:00Z"))).toBe(
      "dinsdag 30 maart 2027, 14:00–16:00",
    );
  });

  it("computes month ranges in Brussels", () => {
    const r = monthRange("2027-04")!;
    expect(r.from.toISOString()).toBe("2027-03-31T22:00:00.000Z");
    expect(r.to.toISOString()).toBe("2027-04-30T22:00:00.000Z");
    expect(monthRange("2027-13")).toBeUndefined();
  });
});
