/** Input of the reports: a period of Brussels calendar days, and which table to export. Client-safe. */
import { z } from "zod";

/** Longest period one report covers: ten years (bounds the work of one request). */
export const MAX_PERIOD_DAYS = 3660;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD.")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "Not a calendar date.");

/** `from` and `to` are inclusive Brussels dates; both required in the API. */
export const periodSchema = z
  .object({ from: day, to: day })
  .refine((p) => p.from <= p.to, { path: ["to"], message: "`to` must not be before `from`." })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
    path: ["to"],
    message: `A period covers at most ${MAX_PERIOD_DAYS} days.`,
  });
export type Period = z.infer<typeof periodSchema>;

export const reportTables = ["municipalities", "providers", "formats", "months", "requestsByKind", "requestsByProvider"] as const;
export type ReportTable = (typeof reportTables)[number];

export const exportSchema = z.object({
  table: z.enum(reportTables),
  format: z.enum(["csv", "xlsx"]),
});

/** The calendar year of `today` ("YYYY-MM-DD"): the period a report page opens with. */
export function defaultPeriod(today: string): Period {
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
