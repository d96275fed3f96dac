import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { stripTrailingNuls } from "./strip-nul.server";

describe("stripTrailingNuls", () => {
  it("drops NUL bytes at the end of chunks and keeps multi-byte characters whole", async () => {
    const enDash = Buffer.from("–"); // e2 80 93
    const chunks = [
      Buffer.concat([Buffer.from("<p>09:00 "), enDash.subarray(0, 2), Buffer.from([0, 0])]),
      Buffer.concat([enDash.subarray(2), Buffer.from(" 13:00 café</p>"), Buffer.from([0])]),
      Buffer.from("<p>ok</p>"),
    ];
    const out = await text(Readable.from(chunks).pipe(stripTrailingNuls()));
    expect(out).toBe("<p>09:00 – 13:00 café</p><p>ok</p>");
    expect(out.includes("\0")).toBe(false);
  });
});
