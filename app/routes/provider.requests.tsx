import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { dateTimeText, durationText, kindLabel, requestsMeta, ResponseClock, StatusBadge } from "~/components/requests/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { requestsList } from "~/modules/requests/pages.server";

export const meta: MetaFunction = ({ matches }) => requestsMeta(matches, "requests.inbox.title");

/** The provider's inbox: requests addressed to it, overdue first, with their age and response clock. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const requests = await requestsList({ user, now: new Date() });
  return { requests, provider: user.organisation.name, now: Date.now() };
}

export default function ProviderRequests() {
  const { requests, provider, now } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const overdue = requests.filter((r) => r.overdue).length;
  return (
    <>
      <h1>{t("requests.inbox.title")}</h1>
      <p>{t("requests.inbox.intro", { provider })}</p>
      {overdue > 0 ? (
        <div className="notice error" role="status">
          <p>{t("requests.inbox.overdue", { n: overdue })}</p>
        </div>
      ) : null}
      {requests.length === 0 ? (
        <p className="empty">{t("requests.inbox.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="requests-table inbox">
            <caption className="visually-hidden">{t("requests.inbox.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("requests.list.col.subject")}</th>
                <th scope="col">{t("requests.list.col.municipality")}</th>
                <th scope="col">{t("requests.list.col.kind")}</th>
                <th scope="col">{t("requests.list.col.status")}</th>
                <th scope="col">{t("requests.list.col.received")}</th>
                <th scope="col">{t("requests.list.col.clock")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className={r.overdue ? "overdue" : undefined}>
                  <td>
                    <Link to={`/requests/${r.id}`}>{r.subject}</Link>
                  </td>
                  <td>{r.municipality.name}</td>
                  <td>{kindLabel(t, r.kind)}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>
                    <time dateTime={r.createdAt} title={dateTimeText(r.createdAt, locale)}>
                      {t("requests.age", { duration: durationText(t, now - new Date(r.createdAt).getTime()) })}
                    </time>
                  </td>
                  <td>
                    <ResponseClock request={r} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
