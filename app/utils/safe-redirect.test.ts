import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeLocalPath } from "./safe-redirect";

const BASE = "https://expertenpool.example";

/** Every way a browser could read the target: as given and percent-decoded up to three times. */
function readings(target: string): string[] {
  const out = [target];
  let current = target;
  for (let i = 0; i < 3; i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
    out.push(current);
  }
  return out;
}

function staysOnSite(result: string): void {
  expect(result.startsWith("/")).toBe(true);
  for (const reading of readings(result)) {
    expect(reading.startsWith("//")).toBe(false);
    expect(reading.includes("\\")).toBe(false);
    expect([...reading].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false);
    expect(new URL(reading, BASE).origin).toBe(BASE);
  }
}

// Pieces attackers combine: slashes, backslashes, their encodings, whitespace a URL parser drops, schemes, hosts.
const tricky = fc.constantFrom(
  "/", "\\", "//", "%2f", "%2F", "%5c", "%5C", "%252f", "%255c", "\t", "\n", "\r", " ", "%09", "%0a", "%00",
  "evil.example", "@", ":", "https:", "javascript:", "?", "#", ".", "..", "%2e", "x", "\u0000", "\u007f", "ä",
);

describe("safeLocalPath (the language switch's and login's redirect target)", () => {
  it.each([
    "/\\evil.example/x",
    "/\tevil.example",
    "/\t/evil.example",
    "//evil.example",
    "/%5Cevil.example",
    "/%5cevil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%252F%252Fevil.example",
    "/%09/evil.example",
    "https://evil.example",
    "evil.example",
    "",
    "/%E0%A4%A",
  ])("refuses %j", (target) => {
    expect(safeLocalPath(target)).toBe("/");
  });

  it("keeps ordinary paths with query and fragment", () => {
    expect(safeLocalPath("/sessions?format=webinar&month=2027-03#lijst")).toBe("/sessions?format=webinar&month=2027-03#lijst");
    expect(safeLocalPath("/providers/caw-limburg")).toBe("/providers/caw-limburg");
  });

  it("never leaves the site, whatever it is given (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(tricky, { maxLength: 8 }).map((parts) => parts.join(""))), (input) => {
        staysOnSite(safeLocalPath(input));
        staysOnSite(safeLocalPath(`/${input}`));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps every plain site path unchanged (property)", () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(segment), (segments, query) => {
        const path = `/${segments.join("/")}${query ? `?q=${query}` : ""}`;
        expect(safeLocalPath(path)).toBe(path);
      }),
      { numRuns: 500 },
    );
  });
});
