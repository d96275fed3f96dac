/**
 * The planner's calendar as data: which days a week or month view shows, the instants
 * bounding them, and where each day's available hours and sessions sit, all in
 * Brussels wall-clock time. Pure and client-safe.
 */
import { DateTime } from "luxon";
import { toMinutes } from "../availability/wall-time";
import { ZONE } from "../time/brussels";

export type CalendarView = "week" | "month";

export type CalendarQuery = { view: CalendarView; date: string };

const day = (date: string) => DateTime.fromISO(date, { zone: ZONE }).startOf("day");
const iso = (dt: DateTime) => dt.toFormat("yyyy-LL-dd");

/** Today's date in Brussels. */
export function todayIn(now: Date): string {
  return iso(DateTime.fromJSDate(now, { zone: ZONE }));
}

/** ?view=week|month&date=YYYY-MM-DD with sensible defaults (this week, today). */
export function parseCalendarQuery(params: URLSearchParams, now: Date): CalendarQuery {
  const view: CalendarView = params.get("view") === "month" ? "month" : "week";
  const raw = params.get("date") ?? "";
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? DateTime.fromISO(raw, { zone: ZONE }) : null;
  const date = parsed?.isValid && parsed.year >= 2000 && parsed.year <= 2100 ? iso(parsed) : todayIn(now);
  return { view, date };
}

export type CalendarFrame = {
  view: CalendarView;
  date: string;
  /** Dates shown, Monday first (a month view: whole weeks around the month). */
  days: string[];
  /** The month (YYYY-MM) the month view is about; the week's Monday's month otherwise. */
  month: string;
  from: Date;
  to: Date;
  prev: string;
  next: string;
};

export function calendarFrame(q: CalendarQuery): CalendarFrame {
  const d = day(q.date);
  let first: DateTime;
  let last: DateTime;
  let prev: DateTime;
  let next: DateTime;
  if (q.view === "week") {
    first = d.minus({ days: d.weekday - 1 });
    last = first.plus({ days: 6 });
    prev = d.minus({ weeks: 1 });
    next = d.plus({ weeks: 1 });
  } else {
    const monthStart = d.startOf("month");
    first = monthStart.minus({ days: monthStart.weekday - 1 });
    const monthEnd = d.endOf("month").startOf("day");
    last = monthEnd.plus({ days: 7 - monthEnd.weekday });
    prev = monthStart.minus({ months: 1 });
    next = monthStart.plus({ months: 1 });
  }
  const days: string[] = [];
  for (let x = first; x <= last; x = x.plus({ days: 1 })) days.push(iso(x));
  return {
    view: q.view,
    date: q.date,
    days,
    month: (q.view === "month" ? d : first).toFormat("yyyy-LL"),
    from: first.toJSDate(),
    to: last.plus({ days: 1 }).startOf("day").toJSDate(),
    prev: iso(prev),
    next: iso(next),
  };
}

/**
 * Wall-clock minutes (Brussels) of an instant on a given date, clamped to that day: the
 * grid is labelled with wall-clock hours, so 14:00 sits at 14:00 on a DST day too.
 */
export function minutesOnDay(instant: Date, date: string): number {
  const wall = DateTime.fromJSDate(instant, { zone: ZONE });
  const on = iso(wall);
  if (on < date) return 0;
  if (on > date) return 24 * 60;
  return wall.hour * 60 + wall.minute;
}

/** The date (Brussels) an instant falls on. */
export function dateOf(instant: Date): string {
  return iso(DateTime.fromJSDate(instant, { zone: ZONE }));
}

export type DayHours = { date: string; ranges: { start: string; end: string }[] | null };

// Each day's hours come from availability/hours.ts (hoursPerDay), computed on the server:
// public holidays need the holiday library, which the browser must not load (ADR 0057).

/** Hour span the week grid shows: 08:00–18:00 at least, widened to what the hours and sessions need. */
export function hourSpan(
  hours: DayHours[],
  sessions: { startsAt: Date; endsAt: Date }[],
  days: string[],
): { first: number; last: number } {
  let first = 8 * 60;
  let last = 18 * 60;
  for (const h of hours) {
    for (const r of h.ranges ?? []) {
      first = Math.min(first, toMinutes(r.start));
      last = Math.max(last, toMinutes(r.end));
    }
  }
  for (const s of sessions) {
    const d = dateOf(s.startsAt);
    if (!days.includes(d)) continue;
    first = Math.min(first, minutesOnDay(s.startsAt, d));
    last = Math.max(last, minutesOnDay(s.endsAt, d));
  }
  return { first: Math.floor(first / 60) * 60, last: Math.min(24 * 60, Math.ceil(last / 60) * 60) };
}

/** Position of [start, end) minutes inside the span, as percentages for CSS top/height. */
export function placement(start: number, end: number, span: { first: number; last: number }): { top: number; height: number } {
  const total = span.last - span.first || 1;
  const s = Math.max(span.first, Math.min(span.last, start));
  const e = Math.max(s, Math.min(span.last, end));
  return { top: ((s - span.first) / total) * 100, height: Math.max(((e - s) / total) * 100, 2) };
}

/**
 * Side-by-side lanes for overlapping items of one day (greedy, by start): each item's
 * lane and the number of lanes of its cluster of overlapping items.
 */
export function assignLanes<T extends { start: number; end: number }>(items: T[]): (T & { lane: number; lanes: number })[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: (T & { lane: number; lanes: number })[] = [];
  let cluster: (T & { lane: number; lanes: number })[] = [];
  let clusterEnd = -1;
  const close = () => {
    const lanes = Math.max(1, ...cluster.map((c) => c.lane + 1));
    for (const c of cluster) c.lanes = lanes;
    out.push(...cluster);
    cluster = [];
  };
  for (const item of sorted) {
    if (cluster.length > 0 && item.start >= clusterEnd) close();
    const laneEnds: number[] = [];
    for (const c of cluster) laneEnds[c.lane] = Math.max(laneEnds[c.lane] ?? -1, c.end);
    let lane = laneEnds.findIndex((end) => end <= item.start);
    if (lane === -1) lane = laneEnds.length;
    cluster.push({ ...item, lane, lanes: 1 });
    clusterEnd = Math.max(clusterEnd, item.end);
  }
  if (cluster.length > 0) close();
  return out;
}
