import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { Notice, Options, SubmitButtons } from "~/components/form";
import { DataTable, titleMeta } from "~/components/page";
import { ErrorSummary, ErrorText, fieldAria, weekdayNames } from "~/components/provider/ui";
import { useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { type AvailabilityFormValues, readAvailabilityForm, weekdays } from "~/modules/availability/form";
import { upcomingHolidays } from "~/modules/availability/holiday-list";
import type { FormErrors } from "~/modules/sessions/form";
import { plannerActor, submitAvailability } from "~/modules/sessions/pages.server";
import { getAvailability, listStaff } from "~/modules/sessions/queries.server";
import { formatDate, formatRange } from "~/modules/time/brussels";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.availability.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const trainer = new URL(request.url).searchParams.get("trainer") || null;
  const staff = await listStaff(user.organisation.id);
  if (trainer) notFoundUnless(isUuid(trainer) && staff.some((s) => s.id === trainer) ? trainer : null);
  const availability = await getAvailability({ providerId: user.organisation.id, trainerUserId: trainer });
  return { staff, trainer, availability, holidays: upcomingHolidays(availability, new Date()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "provider");
  const trainer = new URL(request.url).searchParams.get("trainer") || null;
  if (trainer && !isUuid(trainer)) notFound();
  const form = await request.formData();
  const values = readAvailabilityForm(form, [...form.keys()]);
  if (form.get("intent") === "more") return data({ values, more: true, errors: {} as FormErrors, formError: undefined, confirm: null });
  const confirmed = form.getAll("confirmSession").map(String);
  const result = await submitAvailability({ actor: plannerActor(user), trainerUserId: trainer, values, confirmed, now: new Date() });
  if (!result.ok && "confirm" in result) return data({ values, more: false, errors: {} as FormErrors, formError: undefined, confirm: result.confirm });
  if (!result.ok) return data({ values, more: false, errors: result.errors, formError: result.formError, confirm: null }, result.status);
  const query = { saved: "1", ...(result.stranded ? { stranded: String(result.stranded) } : {}), ...(trainer ? { trainer } : {}) };
  throw redirect(`/provider/availability?${new URLSearchParams(query)}`);
}

type Row = { start: string; end: string };
type ExceptionRow = { date: string; kind: string; start: string; end: string };

function fromSaved(availability: ReturnType<typeof useLoaderData<typeof loader>>["availability"]): AvailabilityFormValues {
  const weekly: AvailabilityFormValues["weekly"] = {};
  for (const w of availability?.weekly ?? []) weekly[w.weekday] = [...(weekly[w.weekday] ?? []), { start: w.start, end: w.end }];
  const exceptions: ExceptionRow[] = [];
  for (const e of availability?.exceptions ?? []) {
    if ("ranges" in e) for (const r of e.ranges) exceptions.push({ date: e.date, kind: "hours", start: r.start, end: r.end });
    else exceptions.push({ date: e.date, kind: e.available ? "open" : "closed", start: "", end: "" });
  }
  return { weekly, exceptions };
}

export default function PlannerAvailability() {
  const { staff, trainer, availability, holidays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, tp, locale } = useT();
  const conflictRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result?.confirm) conflictRef.current?.focus();
  }, [result]);
  const stranded = Number(params.get("stranded") ?? 0);
  const busy = useNavigation().state === "submitting";
  const values = result?.values ?? fromSaved(availability);
  const errors = result?.errors ?? {};
  const extra = result?.more ? 2 : 1;
  const names = weekdayNames(locale);
  const trainerName = staff.find((s) => s.id === trainer)?.name;
  const weeklyRows = (day: number): Row[] => {
    const rows = [...(values.weekly[day] ?? [])].filter((r) => r.start || r.end);
    const wanted = Math.max(2, rows.length + extra);
    while (rows.length < wanted) rows.push({ start: "", end: "" });
    return rows;
  };
  const exceptionRows: ExceptionRow[] = values.exceptions.filter((r) => r.date || r.start || r.end);
  for (let i = 0, n = result?.more ? 5 : 3; i < n; i++) exceptionRows.push({ date: "", kind: "closed", start: "", end: "" });
  const labels: Record<string, string> = {};
  for (const day of weekdays) labels[`weekly.${day}`] = names[day - 1]!;
  labels.exceptions = t("provider.availability.exceptions");

  const timeInput = (name: string, label: string, value: string) => {
    const aria = fieldAria(name, errors[name]);
    return (
      <span className="range-part">
        <label htmlFor={aria.id} className="visually-hidden">
          {label}
        </label>
        <input type="time" name={name} defaultValue={value} step={300} {...aria} />
        <ErrorText name={name} error={errors[name]} />
      </span>
    );
  };

  return (
    <>
      <h1>{t("provider.availability.title")}</h1>
      <p>{t("provider.availability.intro")}</p>
      {!result && params.get("saved") ? (
        <Notice tone={stranded > 0 ? "info" : "success"}>
          {stranded > 0 ? tp("provider.availability.strandedNotice", stranded) : t("provider.availability.saved")}
        </Notice>
      ) : null}

      <Form method="get" className="filters" aria-label={t("provider.availability.whose")}>
        <div className="field">
          <label htmlFor="trainer-select">{t("provider.availability.whose")}</label>
          <select id="trainer-select" name="trainer" defaultValue={trainer ?? ""}>
            <Options empty={t("provider.availability.organisation")} values={staff} value={(s) => s.id} label={(s) => s.name} />
          </select>
        </div>
        <button type="submit" className="secondary">
          {t("provider.availability.show")}
        </button>
      </Form>

      <h2>{trainerName ? t("provider.availability.forTrainer", { name: trainerName }) : t("provider.availability.forOrganisation")}</h2>
      {availability === null ? <p className="notice">{t("provider.availability.none")}</p> : null}
      <ErrorSummary trigger={result} formError={result?.formError} errors={errors} labels={labels} />

      <Form method="post" noValidate key={JSON.stringify(values)}>
        {result?.confirm ? (
          <section className="notice error conflict" aria-labelledby="conflict-title">
            <h2 id="conflict-title" tabIndex={-1} ref={conflictRef}>
              {t("provider.availability.conflictTitle")}
            </h2>
            <p>{t("provider.availability.conflictIntro")}</p>
            <ul className="closing-conflicts">
              {result.confirm.map((c) => (
                <li key={c.id}>
                  <Link to={`/provider/sessions/${c.id}`}>{c.title}</Link> — {formatRange(new Date(c.startsAt), new Date(c.endsAt), locale)} —{" "}
                  {tp("provider.availability.confirmedSeats", c.seatsTaken)}
                  <input type="hidden" name="confirmSession" value={c.id} />
                </li>
              ))}
            </ul>
            <SubmitButtons disabled={busy} buttons={[{ intent: "save", className: "primary", label: t("provider.availability.conflictConfirm") }]} />
          </section>
        ) : null}
        <DataTable
          className="availability-table"
          caption={t("provider.availability.weekly")}
          columns={[t("provider.availability.day"), t("provider.availability.ranges")]}
        >
          {weekdays.map((day) => (
            <tr key={day}>
              <th scope="row">{names[day - 1]}</th>
              <td>
                <ul className="range-list">
                  {weeklyRows(day).map((row, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the form
                    <li key={i} className="range-row">
                      {timeInput(`weekly.${day}.${i}.start`, t("provider.availability.fromLabel", { day: names[day - 1]!, n: i + 1 }), row.start)}
                      <span aria-hidden="true">–</span>
                      {timeInput(`weekly.${day}.${i}.end`, t("provider.availability.toLabel", { day: names[day - 1]!, n: i + 1 }), row.end)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
        <p className="hint">{t("provider.availability.weeklyHint")}</p>

        <DataTable
          className="availability-table"
          caption={t("provider.availability.exceptions")}
          columns={[t("provider.field.date"), t("provider.availability.kind"), t("provider.availability.from"), t("provider.availability.to")]}
        >
          {exceptionRows.map((row, i) => {
            const base = `exceptions.${i}`;
            const dateAria = fieldAria(`${base}.date`, errors[`${base}.date`]);
            const kindAria = fieldAria(`${base}.kind`, errors[`${base}.kind`]);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the form
              <tr key={i}>
                <td>
                  <label htmlFor={dateAria.id} className="visually-hidden">
                    {t("provider.availability.exceptionDate", { n: i + 1 })}
                  </label>
                  <input type="date" name={`${base}.date`} defaultValue={row.date} {...dateAria} />
                  <ErrorText name={`${base}.date`} error={errors[`${base}.date`]} />
                </td>
                <td>
                  <label htmlFor={kindAria.id} className="visually-hidden">
                    {t("provider.availability.exceptionKind", { n: i + 1 })}
                  </label>
                  <select name={`${base}.kind`} defaultValue={row.kind} {...kindAria}>
                    <option value="closed">{t("provider.availability.closed")}</option>
                    <option value="hours">{t("provider.availability.specialHours")}</option>
                    <option value="open">{t("provider.availability.openHoliday")}</option>
                  </select>
                </td>
                <td>{timeInput(`${base}.start`, t("provider.availability.exceptionFrom", { n: i + 1 }), row.start)}</td>
                <td>{timeInput(`${base}.end`, t("provider.availability.exceptionTo", { n: i + 1 }), row.end)}</td>
              </tr>
            );
          })}
        </DataTable>
        <p className="hint">{t("provider.availability.exceptionsHint")}</p>
        <DataTable
          className="availability-table holidays"
          caption={t("provider.availability.holidaysTitle")}
          columns={[t("provider.field.date"), t("provider.availability.holidaysTitle"), t("provider.availability.holidayState")]}
        >
          {holidays.map((h) => (
            <tr key={`${h.date}-${h.key}`}>
              <td>{formatDate(new Date(`${h.date}T12:00:00Z`), locale)}</td>
              <td>{t(`holiday.${h.key}`)}</td>
              <td>{h.open ? t("provider.availability.holidayOpen") : t("provider.availability.holidayClosed")}</td>
            </tr>
          ))}
        </DataTable>
        <p className="hint">{t("provider.availability.holidaysIntro")}</p>
        <SubmitButtons
          disabled={busy}
          buttons={[
            { intent: "save", className: "primary", label: t("provider.save") },
            { intent: "more", className: "secondary", label: t("provider.availability.moreRows") },
          ]}
        />
      </Form>
    </>
  );
}
