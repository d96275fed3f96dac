import { describe, expect, it } from "vitest";
import { z } from "zod";
import { checkbox, dateTime, int, issuesToErrors, optional, parseForm } from "./form-parse";

describe("form-parse readers", () => {
  it("turn posted text into the schema's input", () => {
    expect(int("")).toBeUndefined();
    expect(int("042")).toBe(42);
    expect(int("4.5")).toBeNaN();
    expect(int("-3")).toBeNaN();
    expect(optional("")).toBeUndefined();
    expect(optional("x")).toBe("x");
    const form = new URLSearchParams({ intake: "on" });
    expect(checkbox(form, "intake")).toBe(true);
    expect(checkbox(form, "other")).toBe(false);
    expect(dateTime("2027-03-30", "9:05")).toBe("2027-03-30T09:05");
    expect(dateTime("2027-02-30", "09:05")).toBeNull();
  });
});

describe("parseForm", () => {
  const schema = z.strictObject({
    name: z.string().min(1).max(3),
    n: z.number().int(),
    range: z.strictObject({ start: z.string(), end: z.string() }).refine((r) => r.start < r.end, { path: ["end"], params: { reason: "end_before_start" } }),
  });

  it("gives the data when the schema accepts", () => {
    expect(parseForm(schema, { name: "An", n: 2, range: { start: "09:00", end: "10:00" } })).toEqual({
      ok: true,
      data: { name: "An", n: 2, range: { start: "09:00", end: "10:00" } },
    });
  });

  it("gives one reason per field as data: the issue's code with its bound, or a refinement's reason", () => {
    const r = parseForm(schema, { name: "Anna", n: Number.NaN, range: { start: "10:00", end: "09:00" } });
    expect(r).toEqual({
      ok: false,
      issues: [
        { path: "name", reason: "too_big", params: { maximum: 3 } },
        { path: "n", reason: "invalid_type" },
        { path: "range.end", reason: "end_before_start" },
      ],
    });
    if (r.ok) return;
    // The first message per form field wins; an issue the mapping leaves out adds nothing.
    const errors = issuesToErrors(r.issues, (i) => (i.path === "n" ? undefined : ["all", { key: `x.${i.reason}` as never }]));
    expect(errors).toEqual({ all: { key: "x.too_big" } });
  });
});
