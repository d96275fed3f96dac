/** The report page body, shared by the operator's and a provider's reports. */
import { Form } from "@remix-run/react";
import { DataTable } from "~/components/page";
import { type MessageKey, useT } from "~/i18n";
import type { ReportTable } from "~/modules/reports/schemas";
import { cellText, type ReportLike, reportTable, type SeatFigures } from "~/modules/reports/tables";
import { BarChart } from "./bar-chart";

type Figures = Omit<SeatFigures, "capacity">;
type RequestTotals = { submitted: number; answeredWithinClock: number; withinClockShare: number | null; medianResponseHours: number | null };

export type ReportViewData = ReportLike & {
  period: { from: string; to: string };
  totals: Figures;
  requests: ReportLike["requests"] & { totals: RequestTotals };
  reach: { reached: number; registered: number };
};

/** Which figure each table's chart draws: seats booked, or the number of requests. */
const chartValue: Record<ReportTable, { column: number; title: MessageKey }> = {
  municipalities: { column: 2, title: "reports.chart.seatsBooked" },
  providers: { column: 2, title: "reports.chart.seatsBooked" },
  formats: { column: 2, title: "reports.chart.seatsBooked" },
  months: { column: 2, title: "reports.chart.seatsBooked" },
  requestsByKind: { column: 1, title: "reports.chart.requests" },
  requestsByProvider: { column: 1, title: "reports.chart.requests" },
};

/** At most this many bars per chart (the table below has every row). */
const MAX_BARS = 25;

export function ReportView({
  report,
  tables,
  exportPath,
  periodError,
}: {
  report: ReportViewData;
  tables: ReportTable[];
  exportPath: string;
  periodError: boolean;
}) {
  const { t, locale } = useT();
  const pct = (v: number | null) => cellText(v, "share", locale);
  const summary: [MessageKey, string][] = [
    ["reports.summary.sessions", String(report.totals.sessions)],
    ["reports.summary.sessionsCancelled", String(report.totals.sessionsCancelled)],
    ["reports.summary.seatsBooked", String(report.totals.seatsBooked)],
    ["reports.summary.attended", String(report.totals.attended)],
    ["reports.summary.noShows", String(report.totals.noShows)],
    ["reports.summary.cancelled", String(report.totals.cancelled)],
    ["reports.summary.waitlistPressure", String(report.totals.waitlistPressure)],
    ["reports.summary.fillRate", pct(report.totals.fillRate)],
    ["reports.summary.reach", t("reports.summary.reachValue", report.reach)],
    ["reports.summary.requests", String(report.requests.totals.submitted)],
    ["reports.summary.withinClock", `${report.requests.totals.answeredWithinClock} (${pct(report.requests.totals.withinClockShare)})`],
    ["reports.summary.medianHours", cellText(report.requests.totals.medianResponseHours, "hours", locale)],
  ];
  const query = new URLSearchParams({ from: report.period.from, to: report.period.to });
  return (
    <>
      <Form method="get" className="report-period">
        <fieldset>
          <legend>{t("reports.period.legend")}</legend>
          {periodError ? (
            <p className="form-error" role="alert">
              {t("reports.period.invalid")}
            </p>
          ) : null}
          <label htmlFor="period-from">{t("reports.period.from")}</label>
          <input id="period-from" type="date" name="from" defaultValue={report.period.from} required />
          <label htmlFor="period-to">{t("reports.period.to")}</label>
          <input id="period-to" type="date" name="to" defaultValue={report.period.to} required />
          <button type="submit">{t("reports.period.submit")}</button>
        </fieldset>
      </Form>
      <p className="meta">{t("reports.period.showing", report.period)}</p>

      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t("reports.summary.title")}</h2>
        <dl className="report-summary">
          {summary.map(([key, value]) => (
            <div key={key}>
              <dt>{t(key)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">{t("reports.definitions")}</p>
      </section>

      {tables.map((table) => {
        const data = reportTable(report, table, t);
        const chart = chartValue[table];
        const headingId = `report-${table}`;
        const tableName = t(`reports.table.${table}`);
        const bars = data.rows.slice(0, MAX_BARS).map((row) => ({
          label: String(row[0]),
          value: Number(row[chart.column] ?? 0),
          text: String(row[chart.column] ?? 0),
        }));
        return (
          <section key={table} aria-labelledby={headingId} className="report-table">
            <h2 id={headingId}>{tableName}</h2>
            {data.rows.length === 0 ? (
              <p className="meta">{t("reports.empty")}</p>
            ) : (
              <div className="report-pair">
                <BarChart
                  title={t(chart.title, { table: tableName.toLowerCase() })}
                  desc={t("reports.chart.desc", { count: bars.length })}
                  bars={bars}
                />
                <DataTable labelledBy={headingId} columns={data.columns.map((c) => t(c.key))}>
                  {data.rows.map((row, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in a fixed report
                    <tr key={i}>
                      {row.map((v, j) => {
                        const col = data.columns[j]!;
                        return j === 0 ? (
                          // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                          <th key={j} scope="row">
                            {cellText(v, col.kind, locale)}
                          </th>
                        ) : (
                          // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                          <td key={j} data-label={t(col.key)} className="num">
                            {cellText(v, col.kind, locale)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </DataTable>
              </div>
            )}
            <p className="report-export">
              {t("reports.export.label", { table: tableName.toLowerCase() })}{" "}
              <a href={`${exportPath}?${query}&table=${table}&format=csv`} download>
                {t("reports.export.csv")}
              </a>{" "}
              ·{" "}
              <a href={`${exportPath}?${query}&table=${table}&format=xlsx`} download>
                {t("reports.export.xlsx")}
              </a>
            </p>
          </section>
        );
      })}
    </>
  );
}
