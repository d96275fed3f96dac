/**
 * Client-safe: web forms parse through the API's zod schemas (ADR 0060). Posted fields
 * become the schema's input with the readers below (date + time → the schema's datetime,
 * digits → a number, checkbox → boolean, empty → undefined); `parseForm` runs `safeParse`
 * and gives one typed reason per field, which the module's form adapter maps to a message
 * key (app/i18n). The rules themselves live in the schemas (and in time/period.ts for times),
 * never again in a form.
 */
import { DateTime } from "luxon";
import type { z } from "zod";
import type { FieldReason } from "./errors";
import type { FormError, FormErrors } from "./form-errors";

/** FormData and URLSearchParams both fit. */
export type FieldSource = { get(name: string): unknown; getAll(name: string): unknown[] };

/** A field exactly as posted (a pasted list keeps its lines); "" when missing. */
export const text = (source: FieldSource, name: string): string => {
  const v = source.get(name);
  return typeof v === "string" ? v : "";
};

/** A field as typed, trimmed; "" when missing. */
export const str = (source: FieldSource, name: string): string => text(source, name).trim();

/** Every non-empty value of a repeated field, trimmed. */
export const all = (source: FieldSource, name: string): string[] =>
  source
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);

/** Empty → undefined (the schema's "not given"). */
export const optional = (value: string): string | undefined => (value === "" ? undefined : value);

/** Digits → the number; empty → undefined; anything else NaN, which the schema refuses as not a number. */
export const int = (value: string): number | undefined => (value === "" ? undefined : /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN);

/** A checkbox: checked (any value posted) → true. */
export const checkbox = (source: FieldSource, name: string): boolean => {
  const v = source.get(name);
  return v !== null && v !== undefined;
};

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A calendar date "YYYY-MM-DD" that exists. */
export const isDate = (v: string): boolean => datePattern.test(v) && DateTime.fromISO(v, { zone: "UTC" }).isValid;
export const isTime = (v: string): boolean => timePattern.test(v);

/** A typed time "HH:mm"; browsers without a time picker may send "9:00". */
export const normTime = (t: string): string => (/^\d:\d\d$/.test(t.trim()) ? `0${t.trim()}` : t.trim());

/** Date and time fields → the schema's datetime "YYYY-MM-DDTHH:mm" (wall-clock), or null when either is malformed. */
export function dateTime(date: string, time: string): string | null {
  const d = date.trim();
  const t = normTime(time);
  if (!isDate(d) || !isTime(t)) return null;
  return `${d}T${t}`;
}

/** A zod issue as data: its path ("attendees.1.email") and a reason (the issue's code, or a custom issue's `params.reason`). */
export type FieldIssue = { path: string } & FieldReason;

function issueReason(issue: z.core.$ZodIssue): FieldReason {
  const custom = issue.code === "custom" ? (issue.params as { reason?: unknown } | undefined)?.reason : undefined;
  if (typeof custom === "string") return { reason: custom };
  if (issue.code === "too_small") return { reason: "too_small", params: { minimum: Number(issue.minimum) } };
  if (issue.code === "too_big") return { reason: "too_big", params: { maximum: Number(issue.maximum) } };
  return { reason: issue.code };
}

/** `safeParse`: the data, or the first issue of every field, in the schema's order. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; issues: FieldIssue[] } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    if (seen.has(path)) continue;
    seen.add(path);
    issues.push({ path, ...issueReason(issue) });
  }
  return { ok: false, issues };
}

/**
 * Issues → messages next to the form's fields. `message` names the field on the form and its
 * message for an issue (undefined: leave it out, e.g. a field the form checked already).
 */
export function issuesToErrors(issues: FieldIssue[], message: (issue: FieldIssue) => [field: string, error: FormError] | undefined, errors: FormErrors = {}): FormErrors {
  for (const issue of issues) {
    const m = message(issue);
    if (m && !errors[m[0]]) errors[m[0]] = m[1];
  }
  return errors;
}
