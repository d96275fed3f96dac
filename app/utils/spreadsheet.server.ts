/**
 * The spreadsheet writers every export shares: CSV as Excel in nl-BE opens it (`;`, UTF-8
 * with a BOM, CRLF, RFC 4180 quoting) and XLSX through exceljs. Text that a spreadsheet
 * would read as a formula gets a leading apostrophe in both.
 */
import ExcelJS from "exceljs";

export type SheetValue = string | number | null;

/** A text cell that a spreadsheet would read as a formula gets a leading apostrophe. */
export function neutralise(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One CSV field: text neutralised, quoted when it holds a separator, quote or line break. */
export function csvField(value: SheetValue): string {
  const s = value === null ? "" : typeof value === "string" ? neutralise(value) : String(value);
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows of already formatted fields → a CSV document with a BOM. */
export function csvDocument(rows: SheetValue[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(";")).join("\r\n")}\r\n`;
}

export type SheetColumn = { header: string; width?: number; numFmt?: string };

/** One worksheet with a bold, frozen header row. */
export async function xlsxDocument(sheet: { name: string; columns: SheetColumn[]; rows: SheetValue[][] }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Expertenpool";
  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  const ws = book.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31));
  ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 20, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  ws.getRow(1).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row.map((v) => (typeof v === "string" ? neutralise(v) : v)));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}
