import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isUuid, uuidSchema } from "./uuid";

describe("isUuid", () => {
  it("accepts every UUID in either case", () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(isUuid(id)).toBe(true);
        expect(isUuid(id.toUpperCase())).toBe(true);
      }),
    );
  });

  it("rejects anything that is not exactly 8-4-4-4-12 hex digits (padding, other text, non-strings)", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.string({ minLength: 1 }), (id, extra) => {
        expect(isUuid(`${id}${extra}`)).toBe(false);
        expect(isUuid(`${extra}${id}`)).toBe(false);
      }),
    );
    fc.assert(fc.property(fc.anything().filter((v) => typeof v !== "string"), (v) => !isUuid(v)));
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid("")).toBe(false);
  });

  it("the schemas' uuid accepts a v4 id and answers the contract's message otherwise", () => {
    fc.assert(fc.property(fc.uuid({ version: 4 }), (id) => uuidSchema.safeParse(id).success));
    const bad = uuidSchema.safeParse("not-an-id");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("Must be an id (UUID).");
  });
});
