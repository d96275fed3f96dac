/** CSV (";", UTF-8 with a BOM, Dutch headers) and XLSX exports of one report table. */
import { translator } from "~/i18n";
import { csvDocument, type SheetValue, xlsxDocument } from "~/utils/spreadsheet.server";
import type { Report } from "./reports.server";
import type { ReportTable } from "./schemas";
import { type Cell, type CellKind, reportTable } from "./tables";

function csvValue(value: Cell, kind: CellKind): SheetValue {
  // Numbers as Dutch spreadsheets read them: decimal comma, shares in percent.
  if (value === null || typeof value === "string") return value;
  if (kind === "share") return (Math.round(value * 1000) / 10).toFixed(1).replace(".", ",");
  if (kind === "hours") return value.toFixed(1).replace(".", ",");
  return value;
}

function header(key: string, kind: CellKind, t: ReturnType<typeof translator>): string {
  const label = t(key as Parameters<typeof t>[0]);
  return kind === "share" ? `${label} (%)` : label;
}

export function reportCsv(report: Report, table: ReportTable): string {
  const t = translator("nl");
  const data = reportTable(report, table, t);
  return csvDocument([
    data.columns.map((c) => header(c.key, c.kind, t)),
    ...data.rows.map((row) => row.map((v, i) => csvValue(v, data.columns[i]!.kind))),
  ]);
}

export async function reportXlsx(report: Report, table: ReportTable): Promise<Buffer> {
  const t = translator("nl");
  const data = reportTable(report, table, t);
  return xlsxDocument({
    name: t(`reports.table.${table}`),
    columns: data.columns.map((c) => ({
      header: t(c.key),
      width: c.kind === "text" ? 32 : 16,
      numFmt: c.kind === "share" ? "0.0%" : c.kind === "hours" ? "0.0" : undefined,
    })),
    rows: data.rows,
  });
}

/** "rapport-gemeenten-2027-01-01-2027-12-31.csv" */
export function exportFileName(table: ReportTable, period: { from: string; to: string }, format: "csv" | "xlsx"): string {
  const names: Record<ReportTable, string> = {
    municipalities: "gemeenten",
    providers: "aanbieders",
    formats: "formats",
    months: "maanden",
    requestsByKind: "aanvragen-per-soort",
    requestsByProvider: "aanvragen-per-aanbieder",
  };
  return `rapport-${names[table]}-${period.from}-${period.to}.${format}`;
}

