import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Options } from "~/components/form";
import { CellList, DataTable, dateTimeText, titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { organisationQueryFromUrl, PAGE_SIZE, searchOrganisations } from "~/modules/accounts/admin-list.server";
import { requireRole } from "~/modules/accounts/guards.server";
import { recentMailLimitHits } from "~/modules/notifications/mail-limits.server";

export const meta: MetaFunction = ({ matches }) => titleMeta(matches, "accounts.admin.title");

// Accounts and one-time links: never cached, by the browser or anything in between.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const query = organisationQueryFromUrl(new URL(request.url));
  const [list, mailLimitHits] = await Promise.all([searchOrganisations(query), recentMailLimitHits({ now: new Date() })]);
  return { query, pageSize: PAGE_SIZE, mailLimitHits, ...list };
}

const kinds = ["municipality", "provider", "operator"] as const;

export default function AdminIndex() {
  const { organisations, query, total, page, pageCount, pageSize, mailLimitHits } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(query.kind ? { kind: query.kind } : {}), page: String(n) })}`;
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
        </Link>{" "}
        <Link to="/admin/import" className="button secondary">
          {t("import.link")}
        </Link>
      </p>
      {mailLimitHits.length > 0 ? (
        <section aria-labelledby="mail-limits" className="notice warn">
          <h2 id="mail-limits">{t("accounts.admin.mailLimits.title")}</h2>
          <p>{t("accounts.admin.mailLimits.intro")}</p>
          <ul>
            {mailLimitHits.map((hit) => (
              <li key={`${hit.at}-${hit.account ?? ""}-${hit.scope}`}>
                {t(hit.scope === "organisation" ? "accounts.admin.mailLimits.organisation" : "accounts.admin.mailLimits.account", {
                  when: dateTimeText(hit.at, locale),
                  organisation: hit.organisation ?? "—",
                  account: hit.account ?? "—",
                  limit: hit.limit,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" className="report-period" role="search">
        <fieldset>
          <legend className="visually-hidden">{t("adminList.search")}</legend>
          <p>
            <label htmlFor="org-q">{t("adminList.search")}</label>
            <input id="org-q" type="search" name="q" defaultValue={query.q} maxLength={100} aria-describedby="org-q-hint" />
            <span id="org-q-hint" className="hint">
              {t("adminList.searchHint")}
            </span>
          </p>
          <p>
            <label htmlFor="org-kind">{t("adminList.kind")}</label>
            <select id="org-kind" name="kind" defaultValue={query.kind}>
              <Options empty={t("adminList.allKinds")} values={kinds} label={(k) => t(`adminList.kind.${k}`)} />
            </select>
          </p>
          <button type="submit">{t("adminList.submit")}</button>
        </fieldset>
      </Form>
      <p className="meta" role="status">
        {total === 0
          ? t("adminList.none")
          : t("adminList.results", { from: (page - 1) * pageSize + 1, to: Math.min(total, page * pageSize), total })}
      </p>
      {kinds.map((kind) => {
        const list = organisations.filter((o) => o.kind === kind);
        if (list.length === 0 && (query.kind || query.q || pageCount > 1)) return null;
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
                      <CellList
                        items={org.users}
                        none={t("accounts.admin.noUsers")}
                        item={(u) => (
                          <>
                            {u.name} <span className="meta">&lt;{u.email}&gt;</span>
                            {!u.active ? <span className="badge danger">{t("accounts.status.inactive")}</span> : null}
                            {u.active && !u.hasPassword ? <span className="badge warn">{t("accounts.status.noPassword")}</span> : null}
                          </>
                        )}
                        more={
                          org.userCount > org.users.length ? (
                            <li className="meta">
                              <Link to={`/admin/organisations/${org.id}`}>{t("adminList.more", { n: org.userCount - org.users.length })}</Link>
                            </li>
                          ) : null
                        }
                      />
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        );
      })}
      {pageCount > 1 ? (
        <nav aria-label={t("adminList.pages")} className="pagination">
          {page > 1 ? <Link to={pageLink(page - 1)}>← {t("adminList.previous")}</Link> : null}{" "}
          <span>{t("adminList.page", { page, pages: pageCount })}</span>{" "}
          {page < pageCount ? <Link to={pageLink(page + 1)}>{t("adminList.next")} →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
