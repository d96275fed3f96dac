import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { DataTable, dateTimeText, titleMeta } from "~/components/page";
import { StatusBadge } from "~/components/provider/ui";
import { durationText } from "~/components/requests/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { FEW_SEATS_WITHIN_DAYS, nothingToDo, plannerTodo } from "~/modules/planner/todo.server";
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
  return { organisation: user.organisation.name, sessions, todo, empty: nothingToDo(todo), now: now.getTime(), days: FEW_SEATS_WITHIN_DAYS };
}

type Item = { key: string; to: string; label: string; detail: ReactNode };

/**
 * One kind of work: a heading with the count (linked where that kind is handled), the first
 * items with their link and details, and a link to the rest.
 */
function TodoGroup({ kind, heading, headingTo, items, total, moreTo }: {
  kind: string;
  heading: string;
  headingTo?: string;
  items: Item[];
  total: number;
  moreTo: string;
}) {
  const { tp } = useT();
  if (total === 0) return null;
  const id = `todo-${kind}`;
  return (
    <section className={`todo-group todo-${kind}`} aria-labelledby={id}>
      <h3 id={id}>{headingTo ? <Link to={headingTo}>{heading}</Link> : heading}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <Link to={item.to}>{item.label}</Link>
            <span className="meta">{item.detail}</span>
          </li>
        ))}
        {total > items.length ? (
          <li className="todo-more">
            <Link to={moreTo}>{tp("provider.todo.more", total - items.length)}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

/** The planner's next steps under the to-do list: the first is the main one. */
const plannerActions = [
  ["/provider/sessions/new", "provider.nav.newSession"],
  ["/provider/calendar", "provider.dashboard.toCalendar"],
  ["/provider/offerings/new", "provider.offerings.new"],
  ["/provider/availability", "provider.nav.availability"],
] as const;

export default function PlannerDashboard() {
  const { organisation, sessions, todo, empty, now, days } = useLoaderData<typeof loader>();
  const { t, tp, locale } = useT();
  const when = (s: { startsAt: Date; endsAt: Date }) => formatRange(new Date(s.startsAt), new Date(s.endsAt), locale);
  const seats = (s: { seatsTaken: number; capacity: number }) => t("provider.session.seatsOf", { taken: s.seatsTaken, capacity: s.capacity });
  const requestItems = (group: typeof todo.late, late: boolean): Item[] =>
    group.items.map((r) => {
      const due = new Date(r.responseDueAt).getTime();
      const clock = late
        ? t("requests.clock.late", { duration: durationText(t, now - due) })
        : t("requests.clock.left", { duration: durationText(t, due - now) });
      const dueText = t(late ? "provider.todo.wasDueOn" : "provider.todo.dueOn", { when: dateTimeText(r.responseDueAt.toISOString(), locale) });
      return { key: r.id, to: `/requests/${r.id}`, label: r.subject, detail: `${r.municipality} · ${clock} · ${dueText}` };
    });
  const sessionItems = (group: typeof todo.waitlist, to: (id: string) => string, detail: (s: (typeof group.items)[number]) => string): Item[] =>
    group.items.map((s) => ({ key: s.id, to: to(s.id), label: s.title, detail: `${when(s)} · ${detail(s)}` }));
  return (
    <>
      <h1>{t("provider.dashboard.title")}</h1>
      <p className="lead">{t("provider.dashboard.intro", { organisation })}</p>

      <section className="planner-todo" aria-labelledby="todo-title">
        <h2 id="todo-title">{t("provider.todo.title")}</h2>
        {empty ? (
          <p className="todo-empty">
            <strong>{t("provider.todo.noneTitle")}</strong> {t("provider.todo.none", { days })}
          </p>
        ) : null}
        {(["late", "waiting"] as const).map((kind) => (
          <TodoGroup
            key={kind}
            kind={kind}
            heading={tp(`provider.todo.${kind}`, todo[kind].total)}
            headingTo="/provider/requests"
            items={requestItems(todo[kind], kind === "late")}
            total={todo[kind].total}
            moreTo="/provider/requests"
          />
        ))}
        <TodoGroup
          kind="waitlist"
          heading={tp("provider.todo.waitlist", todo.waitlist.total)}
          items={sessionItems(todo.waitlist, (id) => `/provider/sessions/${id}/attendees`, (s) => `${seats(s)}, ${tp("provider.todo.waitlisted", s.waitlistCount)}`)}
          total={todo.waitlist.total}
          moreTo="/provider/calendar"
        />
        <TodoGroup
          kind="no-trainer"
          heading={tp("provider.todo.noTrainer", todo.noTrainer.total)}
          items={sessionItems(todo.noTrainer, (id) => `/provider/sessions/${id}`, seats)}
          total={todo.noTrainer.total}
          moreTo="/provider/calendar"
        />
        <TodoGroup
          kind="few-seats"
          heading={tp("provider.todo.fewSeats", todo.fewSeats.total, { days })}
          items={sessionItems(todo.fewSeats, (id) => `/provider/sessions/${id}`, seats)}
          total={todo.fewSeats.total}
          moreTo="/provider/calendar"
        />
      </section>

      <ul className="planner-actions">
        {plannerActions.map(([to, key], i) => (
          <li key={to}>
            <Link className={i === 0 ? "button" : "button secondary"} to={to}>
              {t(key)}
            </Link>
          </li>
        ))}
      </ul>

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
