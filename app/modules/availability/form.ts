
import type { FormErrors } from "~/utils/form-errors";
import { type FieldSource, isDate, issuesToErrors, normTime, parseForm, str } from "~/utils/form-parse";
import { rangeSchema } from "../sessions/schemas";
import { ZONE } from "../time/brussels";

// ---------------------------------------------------------------- availability form

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export type AvailabilityFormValues = {
  weekly: Record<number, { start: string; end: string }[]>;
  exceptions: { date: string; kind: string; start: string; end: string }[];
};

/** Field names: weekly.<weekday>.<row>.start|end and exceptions.<row>.date|kind|start|end. */
export function readAvailabilityForm(source: FieldSource & { keys?: () => Iterable<string> }, rowNames: string[]): AvailabilityFormValues {
  const weekly: AvailabilityFormValues["weekly"] = {};
  const exceptions: AvailabilityFormValues["exceptions"] = [];
  const weeklyRows = new Map<string, { start: string; end: string }>();
  const exceptionRows = new Map<number, { date: string; kind: string; start: string; end: string }>();
  for (const name of rowNames) {
    const w = /^weekly\.([1-7])\.(\d{1,2})\.(start|end)$/.exec(name);
    if (w) {
      const key = `${w[1]}.${w[2]}`;
      const row = weeklyRows.get(key) ?? { start: "", end: "" };
      row[w[3] as "start" | "end"] = str(source, name);
      weeklyRows.set(key, row);
      continue;
    }
    const x = /^exceptions\.(\d{1,3})\.(date|kind|start|end)$/.exec(name);
    if (x) {
      const i = Number(x[1]);
      const row = exceptionRows.get(i) ?? { date: "", kind: "closed", start: "", end: "" };
      row[x[2] as "date" | "kind" | "start" | "end"] = str(source, name);
      exceptionRows.set(i, row);
    }
  }
  const sortedWeekly = [...weeklyRows.entries()].sort(([a], [b]) => {
    const [ad, ar] = a.split(".").map(Number) as [number, number];
    const [bd, br] = b.split(".").map(Number) as [number, number];
    return ad - bd || ar - br;
  });
  for (const [key, row] of sortedWeekly) {
    const day = Number(key.split(".")[0]);
    weekly[day] = [...(weekly[day] ?? []), row];
  }
  for (const [, row] of [...exceptionRows.entries()].sort(([a], [b]) => a - b)) exceptions.push(row);
  return { weekly, exceptions };
}

export type AvailabilityPayload = {
  timeZone: string;
  weekly: { weekday: number; start: string; end: string }[];
  exceptions: ({ date: string; available: boolean } | { date: string; ranges: { start: string; end: string }[] })[];
};

/**
 * One row's hours through the API's schema: the first refusal of the row next to its field
 * (a malformed time, or an end not after the start).
 */
function checkRange(name: string, start: string, end: string, errors: FormErrors): boolean {
  const parsed = parseForm(rangeSchema, { start, end });
  if (parsed.ok) return true;
  issuesToErrors(parsed.issues.slice(0, 1), (i) => [
    `${name}.${i.path}`,
    { key: i.reason === "end_before_start" ? "provider.error.endBeforeStart" : "provider.error.time" },
  ], errors);
  return false;
}

/** Availability form → saveAvailability's input; empty rows are ignored; errors keyed by field name. */
export function parseAvailabilityForm(values: AvailabilityFormValues): { ok: true; availability: AvailabilityPayload } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const weekly: AvailabilityPayload["weekly"] = [];
  for (const day of weekdays) {
    const rows = values.weekly[day] ?? [];
    const kept: { start: string; end: string; i: number }[] = [];
    rows.forEach((row, i) => {
      const start = normTime(row.start);
      const end = normTime(row.end);
      if (!start && !end) return;
      const name = `weekly.${day}.${i}`;
      if (checkRange(name, start, end, errors)) kept.push({ start, end, i });
    });
    kept.sort((a, b) => a.start.localeCompare(b.start));
    for (let k = 1; k < kept.length; k++) {
      if (kept[k]!.start < kept[k - 1]!.end) errors[`weekly.${day}.${kept[k]!.i}.start`] = { key: "provider.error.overlap" };
    }
    for (const r of kept) weekly.push({ weekday: day, start: r.start, end: r.end });
  }
  const byDate = new Map<string, AvailabilityPayload["exceptions"][number]>();
  values.exceptions.forEach((row, i) => {
    const name = `exceptions.${i}`;
    const start = normTime(row.start);
    const end = normTime(row.end);
    if (!row.date && !start && !end) return;
    if (!isDate(row.date)) {
      errors[`${name}.date`] = { key: row.date ? "provider.error.date" : "provider.error.dateRequired" };
      return;
    }
    if (row.kind === "closed") {
      byDate.set(row.date, { date: row.date, available: false });
      return;
    }
    if (row.kind === "open") {
      // "Open on this holiday": the weekly hours apply; a closed day or that day's own hours win.
      if (!byDate.has(row.date)) byDate.set(row.date, { date: row.date, available: true });
      return;
    }
    if (row.kind !== "hours") {
      errors[`${name}.kind`] = { key: "provider.error.exceptionKind" };
      return;
    }
    if (checkRange(name, start, end, errors)) {
      const existing = byDate.get(row.date);
      if (existing && "available" in existing && existing.available === false) return; // closed wins
      const ranges = existing && "ranges" in existing ? existing.ranges : [];
      if (ranges.some((r) => start < r.end && r.start < end)) {
        errors[`${name}.start`] = { key: "provider.error.overlap" };
        return;
      }
      ranges.push({ start, end });
      ranges.sort((a, b) => a.start.localeCompare(b.start));
      byDate.set(row.date, { date: row.date, ranges });
    }
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    availability: { timeZone: ZONE, weekly, exceptions: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)) },
  };
}
