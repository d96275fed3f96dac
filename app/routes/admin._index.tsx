import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable, titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { listOrganisations } from "~/modules/accounts/admin.server";
import { requireRole } from "~/modules/accounts/guards.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.admin.title");

// Accounts and one-time links: never cached, by the browser or anything in between.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return { organisations: await listOrganisations() };
}

const kinds = ["municipality", "provider", "operator"] as const;

export default function AdminIndex() {
  const { organisations } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t("accounts.admin.title")}</h1>
      <p>{t("accounts.admin.intro")}</p>
      <p>
        <Link to="/admin/organisations/new" className="button">
          {t("accounts.admin.newOrganisation")}
        </Link>{" "}
        <Link to="/admin/reports" className="button secondary">
          {t("reports.nav")}
        </Link>{" "}
        <Link to="/admin/privacy" className="button secondary">
          {t("privacy.admin.navLink")}
        </Link>
      </p>
      {kinds.map((kind) => {
        const list = organisations.filter((o) => o.kind === kind);
        return (
          <section key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>
              {t(`accounts.kinds.${kind}`)} <span className="meta">({list.length})</span>
            </h2>
            {list.length === 0 ? (
              <p className="meta">{t("accounts.admin.noOrganisations")}</p>
            ) : (
              <DataTable columns={[t("accounts.col.organisation"), t("accounts.field.slug"), t("accounts.col.users")]}>
                {list.map((org) => (
                  <tr key={org.id}>
                    <td>
                      <Link to={`/admin/organisations/${org.id}`}>{org.name}</Link>
                    </td>
                    <td>
                      <code>{org.slug}</code>
                    </td>
                    <td>
                      {org.users.length === 0 ? (
                        <span className="meta">{t("accounts.admin.noUsers")}</span>
                      ) : (
                        <ul className="plain-list">
                          {org.users.map((u) => (
                            <li key={u.id}>
                              {u.name} <span className="meta">&lt;{u.email}&gt;</span>
                              {!u.active ? <span className="badge danger">{t("accounts.status.inactive")}</span> : null}
                              {u.active && !u.hasPassword ? <span className="badge warn">{t("accounts.status.noPassword")}</span> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        );
      })}
    </>
  );
}
