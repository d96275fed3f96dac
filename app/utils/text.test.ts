import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasControlCharacters, text } from "./text";

describe("text()", () => {
  const line = text({ min: 1, max: 10 });
  const long = text({ max: 100, multiline: true });

  it("trims, bounds and keeps ordinary text (accents, emoji, tabs)", () => {
    expect(line.parse("  Ghent\t€ ")).toBe("Ghent\t€");
    expect(long.parse("Lijn 1\r\nLijn 2\n\tinspringen 😀")).toBe("Lijn 1\r\nLijn 2\n\tinspringen 😀");
    expect(line.safeParse("x".repeat(11)).success).toBe(false);
    expect(line.safeParse("   ").success).toBe(false);
  });

  it("refuses NUL and every other control character, line breaks in one-line text", () => {
    for (const bad of ["a\u0000b", "a\u0007", "\u001b[31m", "a\u007f", "a\u0085b", "a\ud800b"]) {
      expect(line.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(long.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(line.safeParse("a\nb").success).toBe(false);
    expect(line.safeParse("a\rb").success).toBe(false);
    expect(long.safeParse("a\nb\r\n").success).toBe(true);
  });

  it("agrees with a plain definition for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (s) => {
        const expected = [...s].some((ch) => {
          const c = ch.codePointAt(0)!;
          return (c < 0x20 && c !== 0x09) || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff);
        });
        expect(hasControlCharacters(s)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
