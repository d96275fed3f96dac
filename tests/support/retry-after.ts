/**
 * A page refused by a limit (ADR 0063): 429, `Retry-After` in seconds, and a Dutch message
 * that says when, in words and Brussels time, agreeing with the header.
 */
import { expect } from "vitest";
import { formatTime } from "../../app/modules/time/brussels";
import { text } from "./html";

/**
 * Send the request (between `Date.now()` before and after it), then check the answer.
 * `lead` is the message's first part, before "u kunt het over …"; returns the page text.
 */
export async function expectLimitPage(send: () => Promise<Response>, lead: string): Promise<string> {
  const before = Date.now();
  const res = await send();
  const after = Date.now();
  expect(res.status).toBe(429);
  const seconds = Number(res.headers.get("retry-after"));
  expect(Number.isInteger(seconds) && seconds > 0 && seconds <= 3600, `Retry-After ${res.headers.get("retry-after")}`).toBe(true);
  const page = text(await res.text());
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const wait = minutes === 1 ? "over een minuut" : `over ${minutes} minuten`;
  const m = new RegExp(`${escapeRegExp(lead)} ?u kunt het ${wait} opnieuw proberen, vanaf (\\d{2}:\\d{2})\\.`, "i").exec(page);
  expect(m, `"${lead} … ${wait} … vanaf HH:MM" in: ${page.slice(0, 2000)}`).not.toBeNull();
  // The time from which it is allowed, rounded up to the minute, in Brussels: the server's
  // clock read between `before` and `after`.
  const upToMinute = (ms: number) => Math.ceil(ms / 60_000) * 60_000;
  const allowed = new Set<string>();
  for (let t = upToMinute(before + seconds * 1000); t <= upToMinute(after + seconds * 1000); t += 60_000) allowed.add(formatTime(new Date(t)));
  expect([...allowed]).toContain(m![1]);
  return page;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
