import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import type { CSSProperties } from "react";
import { titleMeta } from "~/components/page";
import { StatusBadge, weekdayNames } from "~/components/provider/ui";
import { type Locale, useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { assignLanes, dateOf, hourSpan, minutesOnDay, parseCalendarQuery, placement, todayIn } from "~/modules/sessions/calendar-view";
import { plannerCalendar } from "~/modules/sessions/queries.server";
import { formatTime, ZONE } from "~/modules/time/brussels";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.calendar.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const now = new Date();
  const query = parseCalendarQuery(new URL(request.url).searchParams, now);
  const calendar = await plannerCalendar({ providerId: user.organisation.id, query });
  return { ...calendar, today: todayIn(now) };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type CalSession = Data["sessions"][number];

const intl = (locale: Locale) => (locale === "nl" ? "nl-BE" : "en-GB");
const dayLabel = (date: string, locale: Locale, format = "cccc d LLLL") =>
  DateTime.fromISO(date, { zone: ZONE }).setLocale(intl(locale)).toFormat(format);

/** Positions as CSS custom properties: the stylesheet uses them only where the grid is drawn (not on narrow screens). */
const vars = (values: Record<string, string>) => values as CSSProperties;

function sessionsOn(sessions: CalSession[], date: string) {
  return sessions.filter((s) => dateOf(new Date(s.startsAt)) === date);
}

export default function PlannerCalendar() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const { frame } = data;
  const week = frame.view === "week";
  const link = (view: string, date: string) => `/provider/calendar?view=${view}&date=${date}`;
  const title = week
    ? t("provider.calendar.weekOf", {
        from: dayLabel(frame.days[0]!, locale, "d LLLL"),
        to: dayLabel(frame.days[6]!, locale, "d LLLL yyyy"),
      })
    : DateTime.fromISO(`${frame.month}-01`, { zone: ZONE }).setLocale(intl(locale)).toFormat("LLLL yyyy");
  return (
    <>
      <h1>{t("provider.calendar.title")}</h1>
      <div className="calendar-toolbar">
        <nav aria-label={t("provider.calendar.navigation")}>
          <ul className="calendar-nav">
            <li>
              <Link to={link(frame.view, frame.prev)} rel="prev">
                ← {week ? t("provider.calendar.prevWeek") : t("provider.calendar.prevMonth")}
              </Link>
            </li>
            <li>
              <Link to={link(frame.view, data.today)}>{t("provider.calendar.today")}</Link>
            </li>
            <li>
              <Link to={link(frame.view, frame.next)} rel="next">
                {week ? t("provider.calendar.nextWeek") : t("provider.calendar.nextMonth")} →
              </Link>
            </li>
          </ul>
        </nav>
        <ul className="calendar-views" aria-label={t("provider.calendar.view")}>
          <li>
            <Link to={link("week", frame.date)} aria-current={week ? "page" : undefined}>
              {t("provider.calendar.week")}
            </Link>
          </li>
          <li>
            <Link to={link("month", frame.date)} aria-current={!week ? "page" : undefined}>
              {t("provider.calendar.month")}
            </Link>
          </li>
        </ul>
      </div>
      <h2 id="calendar-period">{title}</h2>
      <p className="calendar-legend meta">
        <span className="legend-avail" aria-hidden="true" /> {t("provider.calendar.legendAvailable")} ·{" "}
        <StatusBadge status="draft" /> {t("provider.calendar.legendDraft")} · <StatusBadge status="cancelled" />{" "}
        {t("provider.calendar.legendCancelled")}
      </p>
      {week ? <WeekView data={data} /> : <MonthView data={data} />}
    </>
  );
}

function WeekView({ data }: { data: Data }) {
  const { t, locale } = useT();
  const { frame, hours } = data;
  const all = data.sessions.map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) }));
  const span = hourSpan(hours, all, frame.days);
  const hourMarks: number[] = [];
  for (let m = span.first; m < span.last; m += 60) hourMarks.push(m);
  const trackHeight = `${((span.last - span.first) / 60) * 3}rem`;
  return (
    <div className="week-wrap">
      <div className="hour-axis" aria-hidden="true" style={vars({ "--track-height": trackHeight })}>
        {hourMarks.map((m) => (
          <span key={m} style={vars({ "--top": `${placement(m, m, span).top}%` })}>
            {String(m / 60).padStart(2, "0")}:00
          </span>
        ))}
      </div>
      <ol className="week-grid" aria-labelledby="calendar-period">
        {frame.days.map((date, i) => {
          const ranges = hours[i]?.ranges ?? null;
          const items = assignLanes(
            sessionsOn(data.sessions, date).map((s) => ({
              s,
              start: minutesOnDay(new Date(s.startsAt), date),
              end: minutesOnDay(new Date(s.endsAt), date),
            })),
          );
          const headingId = `day-${date}`;
          return (
            <li key={date} className={`week-day${date === data.today ? " today" : ""}`} aria-labelledby={headingId}>
              <h3 id={headingId}>
                {dayLabel(date, locale, "ccc d LLL")}
                <span className="visually-hidden"> ({dayLabel(date, locale, "cccc d LLLL yyyy")})</span>
                {date === data.today ? <span className="badge">{t("provider.calendar.today")}</span> : null}
              </h3>
              <p className="day-hours">
                {ranges === null
                  ? t("provider.calendar.noHoursSet")
                  : ranges.length === 0
                    ? t("provider.calendar.unavailable")
                    : t("provider.calendar.availableHours", { ranges: ranges.map((r) => `${r.start}–${r.end}`).join(", ") })}
              </p>
              <div className="day-track" style={vars({ "--track-height": trackHeight })}>
                {(ranges ?? []).map((r) => {
                  const [sh, sm] = r.start.split(":").map(Number) as [number, number];
                  const [eh, em] = r.end.split(":").map(Number) as [number, number];
                  const p = placement(sh * 60 + sm, eh * 60 + em, span);
                  return <div key={r.start} className="avail-block" aria-hidden="true" style={vars({ "--top": `${p.top}%`, "--height": `${p.height}%` })} />;
                })}
                {items.length === 0 ? (
                  <p className="day-empty">{t("provider.calendar.noSessions")}</p>
                ) : (
                  <ul className="day-sessions">
                    {items.map(({ s, start, end, lane, lanes }) => {
                      const p = placement(start, end, span);
                      return (
                        <li
                          key={s.id}
                          className={`cal-session status-${s.status}`}
                          style={vars({
                            "--top": `${p.top}%`,
                            "--height": `${p.height}%`,
                            "--left": `${(lane / lanes) * 100}%`,
                            "--width": `${100 / lanes}%`,
                          })}
                        >
                          <Link className="cal-link" to={`/provider/sessions/${s.id}`}>
                            <span className="cal-time">{`${formatTime(new Date(s.startsAt))}–${formatTime(new Date(s.endsAt))}`}</span>{" "}
                            <span className="cal-title">{s.title}</span>
                          </Link>{" "}
                          {s.status !== "published" ? <StatusBadge status={s.status} /> : null}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function MonthView({ data }: { data: Data }) {
  const { t, locale } = useT();
  const { frame } = data;
  const weeks: string[][] = [];
  for (let i = 0; i < frame.days.length; i += 7) weeks.push(frame.days.slice(i, i + 7));
  const long = weekdayNames(locale, "long");
  const short = weekdayNames(locale, "short");
  return (
    <div className="table-wrap">
      <table className="month-grid" aria-labelledby="calendar-period">
        <thead>
          <tr>
            {short.map((name, i) => (
              <th key={name} scope="col">
                <abbr title={long[i]}>{name}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((days) => (
            <tr key={days[0]}>
              {days.map((date) => {
                const inMonth = date.startsWith(frame.month);
                const list = sessionsOn(data.sessions, date);
                return (
                  <td
                    key={date}
                    className={`${inMonth ? "" : "other-month"}${date === data.today ? " today" : ""}`}
                    aria-current={date === data.today ? "date" : undefined}
                  >
                    <span className="day-number">
                      <span aria-hidden="true">{Number(date.slice(8))}</span>
                      <span className="visually-hidden">{dayLabel(date, locale, "cccc d LLLL yyyy")}</span>
                    </span>
                    {list.length > 0 ? (
                      <ul className="month-sessions">
                        {list.map((s) => (
                          <li key={s.id} className={`cal-session status-${s.status}`}>
                            <Link className="cal-link" to={`/provider/sessions/${s.id}`}>
                              <span className="cal-time">{formatTime(new Date(s.startsAt))}</span> <span className="cal-title">{s.title}</span>
                            </Link>
                            {s.status !== "published" ? (
                              <>
                                {" "}
                                <StatusBadge status={s.status} />
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {data.sessions.length === 0 ? <p>{t("provider.calendar.noSessionsMonth")}</p> : null}
    </div>
  );
}
