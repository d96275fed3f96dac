import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable, dateTimeText, titleMeta } from "~/components/page";
import { kindLabel, StatusBadge } from "~/components/requests/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { requestsList } from "~/modules/requests/pages.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "requests.list.title");

/** A municipality's requests (coordinators) or all requests without subjects (operators); planners have their inbox. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "coordinator", "provider", "admin");
  if (user.role === "provider") throw redirect("/provider/requests");
  const requests = await requestsList({ user, now: new Date() });
  return { requests, role: user.role, organisation: user.organisation.name };
}

export default function Requests() {
  const { requests, role, organisation } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const admin = role === "admin";
  return (
    <>
      <h1>{t("requests.list.title")}</h1>
      <p>{admin ? t("requests.list.introAdmin") : t("requests.list.intro", { municipality: organisation })}</p>
      {admin ? null : (
        <p>
          <Link to="/requests/new" className="button">
            {t("requests.list.new")}
          </Link>
        </p>
      )}
      {requests.length === 0 ? (
        <p className="empty">{t("requests.list.none")}</p>
      ) : (
        <DataTable
          className="requests-table"
          caption={t("requests.list.caption")}
          hiddenCaption
          columns={[
            t("requests.list.col.subject"),
            admin && t("requests.list.col.municipality"),
            t("requests.list.col.provider"),
            t("requests.list.col.kind"),
            t("requests.list.col.status"),
            t("requests.list.col.history"),
          ]}
        >
          {requests.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/requests/${r.id}`}>{r.subject ?? t("requests.list.hidden")}</Link>
              </td>
              {admin ? <td>{r.municipality.name}</td> : null}
              <td>{r.provider.name}</td>
              <td>{kindLabel(t, r.kind)}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                <ul className="plain-list request-history-short">
                  <li>{t("requests.list.submittedOn", { date: dateTimeText(r.createdAt, locale) })}</li>
                  {r.proposalCount > 0 ? <li>{t("requests.list.proposals", { n: r.proposalCount })}</li> : null}
                  {r.sessionCount > 0 ? <li>{t("requests.list.sessions", { n: r.sessionCount })}</li> : null}
                  {r.closedAt ? <li>{t("requests.list.closedOn", { date: dateTimeText(r.closedAt, locale) })}</li> : null}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
