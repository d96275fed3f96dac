import { describe, expect, it } from "vitest";
import { bookingReasons } from "~/modules/bookings/reasons";
import { requestReasons } from "~/modules/requests/reasons";
import { sessionReasons } from "~/modules/sessions/reasons";
import { defineReasons, type FieldReason } from "~/utils/errors";
import { translator } from "./index";
import { bookingReasonMessages, reasonMessage, requestReasonMessages, sessionReasonMessages } from "./reasons";

/** Plausible parameters for every reason's message. */
const params: Record<string, string | number> = {
  confirmed: 7,
  zone: "Europe/Brussels",
  local: "2027-03-28T02:30",
  when: "2027-03-28T02:30",
  date: "2027-02-10",
  time: "14:00",
  max: 104,
  years: 3,
  left: 2,
  row: 3,
  detail: "unknown FREQ",
};

const modules = [
  { name: "sessions", reasons: sessionReasons, ui: sessionReasonMessages },
  { name: "requests", reasons: requestReasons, ui: requestReasonMessages },
  { name: "bookings", reasons: bookingReasons, ui: bookingReasonMessages },
] as const;

const nl = translator("nl");
const en = translator("en");

describe("field reasons", () => {
  for (const m of modules) {
    it(`${m.name}: every reason has English API text and a UI message in Dutch and English`, () => {
      expect(Object.keys(m.ui).sort()).toEqual([...m.reasons.reasons].sort());
      for (const reason of m.reasons.reasons) {
        const r: FieldReason = { reason, params };
        expect(m.reasons.text(r).length, reason).toBeGreaterThan(0);
        const message = reasonMessage(m.ui as never, r, "field", { key: "error.backHome" });
        const [dutch, english] = [nl(message.key, message.vars), en(message.key, message.vars)];
        expect(dutch, reason).not.toMatch(/\{\w+\}/);
        expect(english, reason).not.toMatch(/\{\w+\}/);
        expect(dutch, reason).not.toBe(english);
        expect(dutch, reason).not.toBe(message.key);
      }
    });

    it(`${m.name}: rewording the English (API) text of any reason changes no Dutch UI text`, () => {
      // The same reasons with every English text replaced: the errors differ only in prose.
      const reworded = defineReasons(Object.fromEntries(m.reasons.reasons.map((r) => [r, () => `Reworded ${r}.`])));
      for (const reason of m.reasons.reasons) {
        const original = m.reasons.refuse("VALIDATION_FAILED", { field: { reason, params } } as never);
        const changed = reworded.refuse("VALIDATION_FAILED", { field: { reason, params } } as never);
        expect(changed.fields).not.toEqual(original.fields);
        const dutch = (e: typeof original) => {
          const msg = reasonMessage(m.ui as never, e.reasons?.field, "field", { key: "error.backHome" });
          return nl(msg.key, msg.vars);
        };
        expect(dutch(changed), reason).toBe(dutch(original));
      }
    });
  }

  it("a reason's parameters reach the Dutch text", () => {
    const msg = reasonMessage(sessionReasonMessages, { reason: "below_confirmed", params: { confirmed: 7 } }, "capacity", { key: "error.backHome" });
    expect(nl(msg.key, msg.vars)).toContain("7");
    const cap = reasonMessage(bookingReasonMessages, { reason: "over_municipality_cap", params: { max: 4, left: 1 } }, "attendees", {
      key: "error.backHome",
    });
    expect(nl(cap.key, cap.vars)).toMatch(/4.*1/);
  });
});
