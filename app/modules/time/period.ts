/**
 * Client-safe: the rules for a typed time and a period (start, end), the one place that
 * decides them for the API (sessions/checks.server.ts, requests.server.ts) and the web forms
 * (sessions/form.ts, requests/form.ts). A refusal is data: the field, a reason that the
 * sessions and requests reason sets both hold (their reasons.ts carry the English, the UI
 * maps them through app/i18n/reasons.ts), and its parameters.
 */
import { type AmbiguousPolicy, parseApiTime, TimeError } from "./brussels";

export type TimeReason = "invalid_time" | "dst_gap" | "ambiguous_time" | "end_before_start" | "too_long" | "past";
export type TimeRefusal = { field: string; reason: TimeReason; params?: { local: string; zone: string } };

/**
 * The English texts (the API's) of the refusals of a typed time, its zone and its period, for
 * the sessions and requests reason sets: `what` is the period ("session", "slot").
 */
export function timeTexts(what: string) {
  return {
    unknown_zone: (p: { zone: string }) => `Unknown time zone: ${p.zone}`,
    invalid_time: () => "Not a valid date and time.",
    dst_gap: (p: { local: string; zone: string }) => `${p.local} does not exist in ${p.zone} (daylight-saving change).`,
    ambiguous_time: (p: { local: string; zone: string }) =>
      `${p.local} occurs twice in ${p.zone} (daylight-saving change): add the offset, e.g. +02:00 for the first or +01:00 for the second.`,
    end_before_start: () => "The end must be after the start.",
    too_long: () => `A ${what} lasts at most 24 hours.`,
    past: () => `The ${what} must start in the future.`,
  };
}

/** A period lasts at most this long. */
export const MAX_PERIOD_MS = 24 * 3_600_000;

/**
 * A time as typed (ISO with an offset, or wall-clock time in `zone`). Without an offset, a
 * time in the spring gap is refused, and one in the repeated autumn hour too unless
 * `ambiguous: "earlier"` (only for times the caller derives itself).
 */
export function readTime(field: string, value: string, zone: string, ambiguous: AmbiguousPolicy = "reject"): { at: Date } | { refusal: TimeRefusal } {
  try {
    return { at: parseApiTime(value, zone, { ambiguous }) };
  } catch (e) {
    if (!(e instanceof TimeError)) throw e;
    if (e.reason === "ambiguous") return { refusal: { field, reason: "ambiguous_time", params: { local: value, zone } } };
    if (e.reason === "nonexistent") return { refusal: { field, reason: "dst_gap", params: { local: value, zone } } };
    return { refusal: { field, reason: "invalid_time" } };
  }
}

export type PeriodInput = { startsAt: string; endsAt?: string; durationMinutes?: number };

/**
 * A period's start and end, and every refusal in the order the API reports them (it stops
 * at the first; a form shows them all): the start, the end, the end after the start, at
 * most 24 hours, and — with `now` — a start still to come. Without `endsAt` the end is
 * `durationMinutes` (or `fallbackMinutes`) after the start.
 */
export function checkPeriod(
  input: PeriodInput,
  opts: { zone: string; fields: { start: string; end: string }; now?: Date; fallbackMinutes?: number },
): { startsAt?: Date; endsAt?: Date; refusals: TimeRefusal[] } {
  const refusals: TimeRefusal[] = [];
  const start = readTime(opts.fields.start, input.startsAt, opts.zone);
  if ("refusal" in start) refusals.push(start.refusal);
  let endsAt: Date | undefined;
  if (input.endsAt !== undefined) {
    const end = readTime(opts.fields.end, input.endsAt, opts.zone);
    if ("refusal" in end) refusals.push(end.refusal);
    else endsAt = end.at;
  } else if ("at" in start) {
    endsAt = new Date(start.at.getTime() + (input.durationMinutes ?? opts.fallbackMinutes ?? 60) * 60_000);
  }
  const startsAt = "at" in start ? start.at : undefined;
  if (startsAt && endsAt) {
    if (endsAt <= startsAt) refusals.push({ field: opts.fields.end, reason: "end_before_start" });
    else if (endsAt.getTime() - startsAt.getTime() > MAX_PERIOD_MS) refusals.push({ field: opts.fields.end, reason: "too_long" });
  }
  if (startsAt && opts.now && startsAt <= opts.now) refusals.push({ field: opts.fields.start, reason: "past" });
  return { startsAt, endsAt, refusals };
}

/** A booking deadline: a time (as readTime) not after the start. */
export function checkDeadline(field: string, value: string, zone: string, startsAt: Date | undefined): { at?: Date; refusal?: TimeRefusal | { field: string; reason: "deadline_after_start" } } {
  const r = readTime(field, value, zone);
  if ("refusal" in r) return { refusal: r.refusal };
  if (startsAt && r.at > startsAt) return { at: r.at, refusal: { field, reason: "deadline_after_start" } };
  return { at: r.at };
}
