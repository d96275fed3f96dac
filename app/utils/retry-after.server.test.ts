import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { ZONE } from "../modules/time/brussels";
import { LIMIT_MESSAGES, limitRefusal, pageAnswer, retryAfterOf, retryWhen } from "./retry-after.server";

describe("pageAnswer", () => {
  it("sends Retry-After exactly for a 429 that says when to try again", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }), (status, seconds) => {
        const init = pageAnswer({ status, retryAfterSeconds: seconds });
        expect(init.status).toBe(status);
        const header = new Headers(init.headers).get("Retry-After");
        expect(header).toBe(status === 429 && seconds !== undefined ? String(seconds) : null);
      }),
    );
  });
});

describe("retryAfterOf", () => {
  it("reads whole positive seconds from an error that carries them, nothing otherwise", () => {
    expect(retryAfterOf({ retryAfterSeconds: 12 })).toBe(12);
    expect(retryAfterOf({ retryAfterSeconds: 1.2 })).toBe(2);
    for (const e of [null, undefined, "x", new Error("x"), { retryAfterSeconds: "5" }, { retryAfterSeconds: 0 }, { retryAfterSeconds: Number.NaN }]) {
      expect(retryAfterOf(e)).toBeUndefined();
    }
  });
});

describe("retryWhen", () => {
  it("says the Brussels wall-clock time from which it is allowed, rounded up to the minute, and the minutes to wait", () => {
    // Winter (UTC+1): 14:20:10 + 30 s = 14:20:40 → from 14:21, in a minute.
    expect(retryWhen(30, new Date("2027-01-12T13:20:10Z"))).toEqual({ minutes: 1, time: "14:21" });
    // Summer (UTC+2); a whole minute stays as it is.
    expect(retryWhen(600, new Date("2027-07-01T08:05:00Z"))).toEqual({ minutes: 10, time: "10:15" });
    // 61 seconds is 2 minutes: never earlier than allowed.
    expect(retryWhen(61, new Date("2027-07-01T08:05:00Z"))).toEqual({ minutes: 2, time: "10:07" });
    // Over midnight and over the spring-forward hour (02:00 → 03:00 on 28 March 2027).
    expect(retryWhen(3600, new Date("2027-01-12T22:30:00Z"))).toEqual({ minutes: 60, time: "00:30" });
    expect(retryWhen(1800, new Date("2027-03-28T00:45:00Z"))).toEqual({ minutes: 30, time: "03:15" });
  });

  it("is never earlier than now + the seconds, and at most a minute later", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 1, max: 3600 }), (ms, seconds) => {
        const { minutes, time } = retryWhen(seconds, new Date(ms));
        expect(minutes).toBe(Math.ceil(seconds / 60));
        const allowed = ms + seconds * 1000;
        const shown = DateTime.fromMillis(allowed, { zone: ZONE }).plus({ minutes: 1 }).startOf("minute");
        const exact = DateTime.fromMillis(allowed, { zone: ZONE });
        const expected = exact.startOf("minute").toMillis() === exact.toMillis() ? exact : shown;
        expect(time).toBe(expected.toFormat("HH:mm"));
      }),
    );
  });
});

describe("limitRefusal", () => {
  const now = new Date("2027-01-12T13:20:00Z");
  it("answers 429 with the message that says when, one or several minutes, and the seconds for Retry-After", () => {
    expect(limitRefusal({ retryAfterSeconds: 45 }, LIMIT_MESSAGES.login, now)).toEqual({
      status: 429,
      formError: { key: "accounts.login.rateLimited.one", vars: { minutes: 1, time: "14:21" } },
      retryAfterSeconds: 45,
    });
    expect(limitRefusal({ retryAfterSeconds: 125 }, LIMIT_MESSAGES.bookingMail, now)).toEqual({
      status: 429,
      formError: { key: "bookings.error.mailLimitIn.other", vars: { minutes: 3, time: "14:23" } },
      retryAfterSeconds: 125,
    });
    // A refusal that does not say when: the "later" message, no header.
    const later = limitRefusal(new Error("x"), LIMIT_MESSAGES.requestMail, now);
    expect(later).toEqual({ status: 429, formError: { key: "requests.error.mailLimit" } });
    expect(new Headers(pageAnswer(later).headers).get("Retry-After")).toBeNull();
  });

  it("every limit's messages exist in Dutch and English and fill in when", () => {
    for (const locale of ["nl", "en"] as const) {
      const t = translator(locale);
      for (const messages of Object.values(LIMIT_MESSAGES)) {
        for (const seconds of [30, 600]) {
          const { formError } = limitRefusal({ retryAfterSeconds: seconds }, messages, now);
          const shown = t(formError.key, formError.vars);
          expect(shown, formError.key).not.toBe(formError.key);
          expect(shown).not.toMatch(/[{}]/);
          expect(shown).toContain(seconds === 30 ? "14:21" : "14:30");
          if (seconds === 600) expect(shown).toContain("10");
        }
        expect(t(messages.later)).not.toBe(messages.later);
      }
    }
  });
});
