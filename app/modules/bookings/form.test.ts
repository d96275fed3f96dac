import { describe, expect, it } from "vitest";
import { collectAttendees, joinNames, padRows, readRows, validateRows, validateSubstitute } from "./form";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("readRows", () => {
  it("reads rows by index, keeps blank ones in place and ignores other fields", () => {
    const rows = readRows(
      form([
        ["attendees.0.name", "An"],
        ["attendees.0.email", "an@gent.be"],
        ["attendees.2.email", "c@gent.be"],
        ["intent", "book"],
        ["attendees.x.name", "nee"],
      ]),
    );
    expect(rows).toEqual([
      { name: "An", email: "an@gent.be" },
      { name: "", email: "" },
      { name: "", email: "c@gent.be" },
    ]);
  });

  it("never reads more rows than a booking can hold, whatever index is posted", () => {
    expect(readRows(form([["attendees.999.name", "x"]]))).toHaveLength(51);
    expect(readRows(form([["attendees.12345.name", "x"]]))).toHaveLength(0);
  });
});

describe("collectAttendees and validateRows", () => {
  it("drops blank rows, appends the pasted list and reports unreadable lines", () => {
    const { rows, unparsed } = collectAttendees(
      [
        { name: "", email: "" },
        { name: "An", email: "an@gent.be" },
        { name: " ", email: " " },
      ],
      "Bart <bart@gent.be>\nonleesbaar\n\nCarla, carla@gent.be",
    );
    expect(rows).toEqual([
      { name: "An", email: "an@gent.be" },
      { name: "Bart", email: "bart@gent.be" },
      { name: "Carla", email: "carla@gent.be" },
    ]);
    expect(unparsed).toEqual([{ line: 2, text: "onleesbaar" }]);
  });

  it("puts each problem on its own row and field, duplicates on the later row", () => {
    const { errors, attendees } = validateRows([
      { name: " An ", email: " AN@gent.be " },
      { name: "", email: "x@gent.be" },
      { name: "Bart", email: "niet-goed" },
      { name: "Tweede An", email: "an@GENT.be" },
      { name: "Dirk", email: "" },
    ]);
    expect(errors).toEqual({
      "attendees.1.name": { key: "bookings.error.nameRequired" },
      "attendees.2.email": { key: "bookings.error.emailInvalid" },
      "attendees.3.email": { key: "bookings.error.duplicate", vars: { row: 1 } },
      "attendees.4.email": { key: "bookings.error.emailRequired" },
    });
    expect(attendees[0]).toEqual({ name: "An", email: "AN@gent.be" });
  });

  it("needs at least one and at most 50 colleagues", () => {
    expect(validateRows([]).errors).toEqual({ attendees: { key: "bookings.error.none" } });
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `P${i}`, email: `p${i}@gent.be` }));
    expect(validateRows(many).errors).toEqual({ attendees: { key: "bookings.error.tooMany", vars: { max: 50 } } });
    expect(validateRows(many.slice(0, 50)).errors).toEqual({});
  });

  it("checks a substitute on the seat's own fields", () => {
    expect(validateSubstitute("s1", { name: "", email: "bad" }).errors).toEqual({
      "sub.s1.name": { key: "bookings.error.nameRequired" },
      "sub.s1.email": { key: "bookings.error.emailInvalid" },
    });
    expect(validateSubstitute("s1", { name: " Els ", email: "els@gent.be " })).toEqual({ attendee: { name: "Els", email: "els@gent.be" }, errors: {} });
  });
});

describe("padRows and joinNames", () => {
  it("pads to three rows by default", () => {
    expect(padRows([{ name: "A", email: "a@b.be" }])).toHaveLength(3);
    expect(padRows([], 4)).toHaveLength(4);
  });

  it("joins names the way a sentence does", () => {
    expect(joinNames([], "en")).toBe("");
    expect(joinNames(["An"], "en")).toBe("An");
    expect(joinNames(["An", "Bart", "Carla"], "en")).toBe("An, Bart en Carla");
  });
});
