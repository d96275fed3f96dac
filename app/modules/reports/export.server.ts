/** CSV (";", UTF-8 with a BOM, Dutch headers) and XLSX exports of one report table. */
import ExcelJS from "exceljs";
import { translator } from "~/i18n";
import type { Report } from "./reports.server";
import type { ReportTable } from "./schemas";
import { type Cell, type CellKind, reportTable } from "./tables";

/** A text cell that a spreadsheet would read as a formula gets a leading apostrophe. */
function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(value: Cell, kind: CellKind): string {
  // Numbers as Dutch spreadsheets read them: decimal comma, shares in percent.
  let s: string;
  if (value === null) s = "";
  else if (typeof value === "string") s = neutralise(value);
  else if (kind === "share") s = (Math.round(value * 1000) / 10).toFixed(1).replace(".", ",");
  else if (kind === "hours") s = value.toFixed(1).replace(".", ",");
  else s = String(value);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function header(key: string, kind: CellKind, t: ReturnType<typeof translator>): string {
  const label = t(key as Parameters<typeof t>[0]);
  return kind === "share" ? `${label} (%)` : label;
}

export function reportCsv(report: Report, table: ReportTable): string {
  const t = translator("nl");
  const data = reportTable(report, table, t);
  const lines = [
    data.columns.map((c) => csvCell(header(c.key, c.kind, t), "text")).join(";"),
    ...data.rows.map((row) => row.map((v, i) => csvCell(v, data.columns[i]!.kind)).join(";")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function reportXlsx(report: Report, table: ReportTable): Promise<Buffer> {
  const t = translator("nl");
  const data = reportTable(report, table, t);
  const book = new ExcelJS.Workbook();
  book.creator = "Expertenpool";
  const sheet = book.addWorksheet(t(`reports.table.${table}`));
  sheet.columns = data.columns.map((c) => ({
    header: t(c.key),
    width: c.kind === "text" ? 32 : 16,
    style: c.kind === "share" ? { numFmt: "0.0%" } : c.kind === "hours" ? { numFmt: "0.0" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of data.rows) sheet.addRow(row.map((v) => (typeof v === "string" ? neutralise(v) : v)));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
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

