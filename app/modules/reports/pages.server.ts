/** What the report pages and their export links need: the period from the URL, the report, a download. */
import { toWallParts } from "../time/brussels";
import { exportFileName, reportCsv, reportXlsx } from "./export.server";
import { evaluationOverview } from "../evaluations/evaluations.server";
import { buildReport, periodBounds, type ReportScope } from "./reports.server";
import { defaultPeriod, exportSchema, type Period, periodSchema } from "./schemas";

/** The period in the URL, or this calendar year (and a flag) when it is missing or invalid. */
export function periodFromUrl(url: URL, now: Date): { period: Period; periodError: boolean } {
  const from = url.searchParams.get("from");
  const to = url.searchParams.get("to");
  const fallback = defaultPeriod(toWallParts(now).date);
  if (from === null && to === null) return { period: fallback, periodError: false };
  const parsed = periodSchema.safeParse({ from, to });
  return parsed.success ? { period: parsed.data, periodError: false } : { period: fallback, periodError: true };
}

export async function reportPage(args: { url: URL; scope: ReportScope; now: Date }) {
  const { period, periodError } = periodFromUrl(args.url, args.now);
  const { start, end } = periodBounds(period);
  const [report, evaluations] = await Promise.all([
    buildReport({ period, scope: args.scope, now: args.now }),
    evaluationOverview({ providerId: args.scope.providerId, start, end }),
  ]);
  return { report, periodError, evaluations };
}

/** A CSV or XLSX download of one table; 400 for a period or table that isn't valid. */
export async function reportExport(args: { url: URL; scope: ReportScope; now: Date }): Promise<Response> {
  const sp = args.url.searchParams;
  const choice = exportSchema.safeParse({ table: sp.get("table"), format: sp.get("format") });
  const period = periodSchema.safeParse({ from: sp.get("from"), to: sp.get("to") });
  if (!choice.success || !period.success) return new Response("Ongeldige periode of tabel.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const report = await buildReport({ period: period.data, scope: args.scope, now: args.now });
  const { table, format } = choice.data;
  const name = exportFileName(table, period.data, format);
  const headers = {
    "Content-Disposition": `attachment; filename="${name}"`,
    "Cache-Control": "no-store",
  };
  if (format === "csv") {
    return new Response(reportCsv(report, table), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  }
  const body = await reportXlsx(report, table);
  return new Response(new Uint8Array(body), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
