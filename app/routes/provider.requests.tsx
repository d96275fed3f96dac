import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/form";
import { DataTable, dateTimeText, titleMeta } from "~/components/page";
import { durationText, kindLabel, ResponseClock, StatusBadge } from "~/components/requests/ui";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { requestsList } from "~/modules/requests/pages.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "requests.inbox.title");

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
        <Notice tone="error">
          <p>{t("requests.inbox.overdue", { n: overdue })}</p>
        </Notice>
      ) : null}
      {requests.length === 0 ? (
        <p className="empty">{t("requests.inbox.none")}</p>
      ) : (
        <DataTable
          className="requests-table inbox"
          caption={t("requests.inbox.caption")}
          hiddenCaption
          columns={[
            t("requests.list.col.subject"),
            t("requests.list.col.municipality"),
            t("requests.list.col.kind"),
            t("requests.list.col.status"),
            t("requests.list.col.received"),
            t("requests.list.col.clock"),
          ]}
        >
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
        </DataTable>
      )}
    </>
  );
}
