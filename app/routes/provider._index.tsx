import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable, titleMeta } from "~/components/page";
import { StatusBadge } from "~/components/provider/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { listUpcomingSessions } from "~/modules/sessions/queries.server";
import { formatRange } from "~/modules/time/brussels";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const sessions = await listUpcomingSessions({ providerId: user.organisation.id, now: new Date(), limit: 25 });
  return { organisation: user.organisation.name, sessions };
}

export default function PlannerDashboard() {
  const { organisation, sessions } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
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
