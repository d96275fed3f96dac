import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form";
import { DataTable, titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { requireRole } from "~/modules/accounts/guards.server";
import { listProviderOfferings } from "~/modules/sessions/queries.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "provider.offerings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  const offerings = await listProviderOfferings(user.organisation.id);
  return { offerings };
}

export default function PlannerOfferings() {
  const { offerings } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useT();
  return (
    <>
      <h1>{t("provider.offerings.title")}</h1>
      {params.get("saved") ? <Notice>{t("provider.offerings.saved")}</Notice> : null}
      <p>
        <Link className="button" to="/provider/offerings/new">
          {t("provider.offerings.new")}
        </Link>
      </p>
      {offerings.length === 0 ? (
        <p>{t("provider.offerings.none")}</p>
      ) : (
        <DataTable
          caption={t("provider.offerings.title")}
          hiddenCaption
          columns={[
            t("provider.offering.title"),
            t("provider.offering.format"),
            t("provider.offering.deliveryMode"),
            t("provider.offering.bookingMode"),
            t("provider.offerings.actions"),
          ]}
        >
          {offerings.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/provider/offerings/${o.id}`}>{o.title}</Link>
              </td>
              <td>{t(`provider.format.${o.format}`)}</td>
              <td>{t(`provider.delivery.${o.deliveryMode}`)}</td>
              <td>{t(`provider.bookingMode.${o.bookingMode}`)}</td>
              <td>
                {o.bookingMode === "open" ? (
                  <Link to={`/provider/sessions/new?offering=${o.id}`}>
                    {t("provider.offerings.plan")}
                    <span className="visually-hidden">: {o.title}</span>
                  </Link>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
