/** Reading and checking single form fields (client-safe); times are Europe/Brussels wall-clock. */
import { DateTime } from "luxon";
import type { FormError } from "~/utils/form-errors";
import { TimeError, wallToInstant, ZONE } from "../time/brussels";


/** FormData and URLSearchParams both fit. */
export type FieldSource = { get(name: string): unknown; getAll(name: string): unknown[] };

export const str = (source: FieldSource, name: string): string => {
  const v = source.get(name);
  return typeof v === "string" ? v.trim() : "";
};
export const all = (source: FieldSource, name: string): string[] =>
  source
    .getAll(name)
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.trim())
    .filter(Boolean);

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isDate = (v: string) => datePattern.test(v) && DateTime.fromISO(v, { zone: "UTC" }).isValid;
export const isTime = (v: string) => timePattern.test(v);

/** Date and time fields → "YYYY-MM-DDTHH:mm" (Brussels wall-clock), or null when either is malformed. */
export function wallDateTime(date: string, time: string): string | null {
  const d = date.trim();
  // Browsers without a time picker may send "9:00"; accept it.
  const t = /^\d:\d\d$/.test(time.trim()) ? `0${time.trim()}` : time.trim();
  if (!isDate(d) || !isTime(t)) return null;
  return `${d}T${t}`;
}

/** The instant of a wall-clock time in Brussels, or why it has none. */
export function checkWallTime(wall: string): { instant: Date } | { error: FormError } {
  try {
    return { instant: wallToInstant(wall, ZONE, { ambiguous: "reject" }) };
  } catch (e) {
    if (e instanceof TimeError && e.reason === "nonexistent") {
      return { error: { key: "provider.error.dstGap", vars: { time: wall.slice(11, 16) } } };
    }
    if (e instanceof TimeError && e.reason === "ambiguous") {
      return { error: { key: "provider.error.ambiguousTime", vars: { time: wall.slice(11, 16) } } };
    }
    return { error: { key: "provider.error.dateTime" } };
  }
}

export function parseIntField(value: string): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  return Number(value);
}
