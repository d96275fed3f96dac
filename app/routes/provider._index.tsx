import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable, dateTimeText, titleMeta } from "~/components/page";
import { StatusBadge } from "~/components/provider/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { nothingToDo, plannerTodo } from "~/modules/planner/todo.server";
import { listUpcomingSessions } from "~/modules/sessions/queries.server";
import { formatRange } from "~/modules/time/brussels";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const now = new Date();
  const [sessions, todo] = await Promise.all([
    listUpcomingSessions({ providerId: user.organisation.id, now, limit: 25 }),
    plannerTodo({ providerId: user.organisation.id, now }),
  ]);
  return { organisation: user.organisation.name, sessions, todo, empty: nothingToDo(todo) };
}

export default function PlannerDashboard() {
  const { organisation, sessions, todo, empty } = useLoaderData<typeof loader>();
  const { t, tp, locale } = useT();
  const more = (total: number, shown: number, to: string) =>
    total > shown ? (
      <li className="todo-more">
        <Link to={to}>{tp("provider.todo.more", total - shown)}</Link>
      </li>
    ) : null;
  const requestGroup = (key: "late" | "waiting") => {
    const group = todo[key];
    if (group.total === 0) return null;
    return (
      <section className={`todo-group todo-${key}`} aria-labelledby={`todo-${key}`}>
        <h3 id={`todo-${key}`}>
          <Link to="/provider/requests">{tp(`provider.todo.${key}`, group.total)}</Link>
        </h3>
        <ul>
          {group.items.map((r) => (
            <li key={r.id}>
              <Link to={`/requests/${r.id}`}>{r.subject}</Link> — {r.municipality} —{" "}
              {t(key === "late" ? "provider.todo.wasDueOn" : "provider.todo.dueOn", { when: dateTimeText(String(r.responseDueAt), locale) })}
            </li>
          ))}
          {more(group.total, group.items.length, "/provider/requests")}
        </ul>
      </section>
    );
  };
  return (
    <>
      <h1>{t("provider.dashboard.title")}</h1>
      <p className="lead">{t("provider.dashboard.intro", { organisation })}</p>
      <ul className="planner-actions">
        <li>
          <Link className="button" to="/provider/sessions/new">
            {t("provider.nav.newSession")}
          </Link>
        </li>
        <li>
          <Link className="button secondary" to="/provider/calendar">
            {t("provider.dashboard.toCalendar")}
          </Link>
        </li>
        <li>
          <Link className="button secondary" to="/provider/offerings/new">
            {t("provider.offerings.new")}
          </Link>
        </li>
        <li>
          <Link className="button secondary" to="/provider/availability">
            {t("provider.nav.availability")}
          </Link>
        </li>
      </ul>

      <section className="planner-todo" aria-labelledby="todo-title">
        <h2 id="todo-title">{t("provider.todo.title")}</h2>
        {empty ? <p className="todo-empty">{t("provider.todo.none")}</p> : null}
        {requestGroup("late")}
        {requestGroup("waiting")}
        {todo.waitlist.total > 0 ? (
          <section className="todo-group todo-waitlist" aria-labelledby="todo-waitlist">
            <h3 id="todo-waitlist">{tp("provider.todo.waitlist", todo.waitlist.total)}</h3>
            <ul>
              {todo.waitlist.items.map((s) => (
                <li key={s.id}>
                  <Link to={`/provider/sessions/${s.id}/attendees`}>{s.title}</Link> — {formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)} —{" "}
                  {t("provider.session.seatsOf", { taken: s.seatsTaken, capacity: s.capacity })}, {tp("provider.todo.waitlisted", s.waitlistCount)}
                </li>
              ))}
              {more(todo.waitlist.total, todo.waitlist.items.length, "/provider/calendar")}
            </ul>
          </section>
        ) : null}
        {todo.noTrainer.total > 0 ? (
          <section className="todo-group todo-no-trainer" aria-labelledby="todo-no-trainer">
            <h3 id="todo-no-trainer">{tp("provider.todo.noTrainer", todo.noTrainer.total)}</h3>
            <ul>
              {todo.noTrainer.items.map((s) => (
                <li key={s.id}>
                  <Link to={`/provider/sessions/${s.id}`}>{s.title}</Link> — {formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)}
                </li>
              ))}
              {more(todo.noTrainer.total, todo.noTrainer.items.length, "/provider/calendar")}
            </ul>
          </section>
        ) : null}
      </section>

      <h2 id="upcoming-title">{t("provider.dashboard.upcoming")}</h2>
      {sessions.length === 0 ? (
        <p>{t("provider.dashboard.none")}</p>
      ) : (
        <DataTable
          labelledBy="upcoming-title"
          columns={[
            t("provider.field.when"),
            t("provider.field.session"),
            t("provider.field.status"),
            t("provider.field.seats"),
            t("provider.field.trainers"),
          ]}
        >
          {sessions.map((s) => (
            <tr key={s.id} className={`session-row status-${s.status}`}>
              <td>{formatRange(new Date(s.startsAt), new Date(s.endsAt), locale)}</td>
              <td>
                <Link to={`/provider/sessions/${s.id}`}>{s.title}</Link>
                {s.seriesId ? <span className="meta"> · {t("provider.session.inSeries")}</span> : null}
              </td>
              <td>
                <StatusBadge status={s.status} />
              </td>
              <td>{t("provider.session.seatsOf", { taken: s.seatsTaken, capacity: s.capacity })}</td>
              <td>{s.trainers.map((tr) => tr.name).join(", ") || "—"}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
