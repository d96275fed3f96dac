/**
 * The report's tables as columns (a message key, a kind and a value), shared by the page,
 * the CSV and the XLSX export so that all three always show the same numbers. Client-safe.
 */
import type { MessageKey, Translate } from "~/i18n";
import type { ReportTable } from "./schemas";

export type CellKind = "text" | "int" | "share" | "hours";
export type Cell = string | number | null;
export type Column = { key: MessageKey; kind: CellKind };
export type TableData = { columns: Column[]; rows: Cell[][] };

/** What buildReport returns, as far as the tables need it (the page gets it through JSON). */
/** A session-and-seat row of the report (ADR 0030): the totals and every grouping share it. */
export type SeatFigures = {
  sessions: number;
  sessionsCancelled: number;
  capacity: number;
  seatsBooked: number;
  attended: number;
  noShows: number;
  cancelled: number;
  waitlistPressure: number;
  /** seatsBooked / capacity, 0..1; null without capacity. */
  fillRate: number | null;
};
type RequestLike = {
  submitted: number;
  answered: number;
  answeredWithinClock: number;
  withinClockShare: number | null;
  medianResponseHours: number | null;
};
export type ReportLike = {
  byProvider: (SeatFigures & { name: string })[];
  byFormat: (SeatFigures & { format: string })[];
  byMonth: (SeatFigures & { month: string })[];
  byMunicipality: { name: string; sessions: number; seatsBooked: number; attended: number; noShows: number; cancelled: number; waitlistPressure: number }[];
  requests: { byKind: (RequestLike & { kind: string })[]; byProvider: (RequestLike & { name: string })[] };
};

/** A figure's column; its header is the message `reports.col.<name>`. */
type ColumnName<K = MessageKey> = K extends `reports.col.${infer N}` ? N : never;
const column = (name: ColumnName, kind: CellKind = "int"): Column => ({ key: `reports.col.${name}`, kind });

const seatColumns: Column[] = [
  column("sessions"),
  column("seatsBooked"),
  column("attended"),
  column("noShows"),
  column("cancelled"),
  column("waitlistPressure"),
  column("fillRate", "share"),
];
const seatCells = (s: SeatFigures): Cell[] => [s.sessions, s.seatsBooked, s.attended, s.noShows, s.cancelled, s.waitlistPressure, s.fillRate];

const requestColumns: Column[] = [
  column("submitted"),
  column("answered"),
  column("withinClock"),
  column("withinClockShare", "share"),
  column("medianHours", "hours"),
];
const requestCells = (r: RequestLike): Cell[] => [r.submitted, r.answered, r.answeredWithinClock, r.withinClockShare, r.medianResponseHours];

/** A table: one text column (the group's name) before the figures' columns. */
function groupTable<R>(label: MessageKey, columns: Column[], rows: R[], cells: (row: R) => Cell[]): TableData {
  return { columns: [{ key: label, kind: "text" }, ...columns], rows: rows.map(cells) };
}

/** One of the report's tables, with labels for formats, kinds and months in the reader's language. */
export function reportTable(report: ReportLike, table: ReportTable, t: Translate): TableData {
  switch (table) {
    case "municipalities":
      // The seat columns without the fill rate: a municipality has no capacity of its own.
      return groupTable("reports.col.municipality", seatColumns.slice(0, 6), report.byMunicipality, (m) => [
        m.name,
        m.sessions,
        m.seatsBooked,
        m.attended,
        m.noShows,
        m.cancelled,
        m.waitlistPressure,
      ]);
    case "providers":
      return groupTable("reports.col.provider", seatColumns, report.byProvider, (p) => [p.name, ...seatCells(p)]);
    case "formats":
      return groupTable("reports.col.format", seatColumns, report.byFormat, (f) => [t(`catalog.format.${f.format}` as MessageKey), ...seatCells(f)]);
    case "months":
      return groupTable("reports.col.month", seatColumns, report.byMonth, (m) => [m.month, ...seatCells(m)]);
    case "requestsByKind":
      return groupTable("reports.col.kind", requestColumns, report.requests.byKind, (k) => [t(`requests.kind.${k.kind}` as MessageKey), ...requestCells(k)]);
    case "requestsByProvider":
      return groupTable("reports.col.provider", requestColumns, report.requests.byProvider, (p) => [p.name, ...requestCells(p)]);
  }
}

/** A cell as text: "75,0 %" for a share, "12,5" hours, "–" for nothing, in the reader's language. */
export function cellText(value: Cell, kind: CellKind, locale: "nl" | "en"): string {
  if (value === null) return "–";
  if (typeof value === "string") return value;
  const tag = locale === "nl" ? "nl-BE" : "en-GB";
  if (kind === "share") return `${new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100)} %`;
  if (kind === "hours") return new Intl.NumberFormat(tag, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  return new Intl.NumberFormat(tag, { useGrouping: false }).format(value);
}
