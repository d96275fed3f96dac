import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { pageMeta, RequestButton, SessionCard } from "~/components/catalog/catalog-ui";
import { explainedAs, FormatLine } from "~/components/catalog/format-line";
import { Options } from "~/components/form";
import { LinkCard } from "~/components/page";
import { formatCount, useT } from "~/i18n";
import { getCurrentUser } from "~/modules/accounts/session.server";
import { browseSessions, listOnRequestOfferings, repeatKey } from "~/modules/catalog/catalog.server";
import { DELIVERY_MODES, FORMATS } from "~/modules/catalog/constants";
import { formatMonth, upcomingMonths } from "~/modules/catalog/months";
import { parseSessionFilters, type SessionFilters } from "~/modules/catalog/schemas";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { TRIAGE_LINK } from "~/modules/requests/kinds";

const PAGE_SIZE = 12;

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, (t) => t("catalog.home.title"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { filters, cursor, invalid } = parseSessionFilters(new URL(request.url).searchParams);
  const viewer = viewerOf(await getCurrentUser(request));
  const now = new Date();
  const [result, onRequest] = await Promise.all([browseSessions({ viewer, now, filters, cursor, limit: PAGE_SIZE }), listOnRequestOfferings()]);
  const months = upcomingMonths(now, 12);
  if (result.filters.month && !months.includes(result.filters.month)) months.push(result.filters.month);
  return {
    filters: result.filters,
    invalidFilters: invalid.length > 0 || result.unknownProvider,
    providers: result.providers.map((p) => ({ slug: p.slug, name: p.name })),
    months,
    total: result.total,
    // Repeated sessions (one offering, one title) share a card: the first date here, "nog 4 data" for the rest.
    sessions: result.page.sessions
      .filter((s, i, all) => all.findIndex((o) => repeatKey(o) === repeatKey(s)) === i)
      .map((s) => ({ ...serializeSession(s, viewer), moreDates: Math.max(0, (result.perOffering.get(repeatKey(s)) ?? 1) - 1) })),
    nextCursor: result.page.nextCursor,
    prevCursor: result.page.prevCursor,
    role: viewer?.role ?? null,
    onRequest: onRequest
      .filter((o) => (!result.filters.provider || o.providerSlug === result.filters.provider) && (!result.filters.format || o.format === result.filters.format))
      .map((o) => ({ id: o.id, title: o.title, format: o.format, requestKind: o.requestKind, providerSlug: o.providerSlug, providerName: o.providerName })),
  };
}

function pageLink(filters: SessionFilters, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  params.set("cursor", cursor);
  return `/?${params}`;
}

/** One filter: a labelled select whose first option ("all …") lifts it. */
function FilterSelect({ id, name, label, value, all, children }: { id: string; name: string; label: string; value?: string; all: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {children}
      </select>
    </div>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const { t, tp, locale } = useT();
  const location = useLocation();
  const { filters } = data;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <h1>{t("catalog.home.title")}</h1>
      <p>{t("catalog.home.intro")}</p>

      {/* A plain GET form: filtering works without JavaScript. Remounted per URL so the fields follow it. */}
      <Form method="get" action="/" className="filters" key={location.search} aria-labelledby="filters-title">
        <h2 id="filters-title" className="visually-hidden">
          {t("catalog.filters.legend")}
        </h2>
        <div className="field search-field">
          <label htmlFor="filter-q">{t("catalog.search.label")}</label>
          <p className="hint" id="filter-q-hint">
            {t("catalog.search.hint")}
          </p>
          <input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ""} maxLength={200} aria-describedby="filter-q-hint" />
        </div>
        <FilterSelect id="filter-format" name="format" label={t("catalog.filters.format")} value={filters.format} all={t("catalog.filters.all")}>
          <Options values={FORMATS} label={(f) => t(`catalog.format.${f}`)} />
        </FilterSelect>
        <FilterSelect id="filter-provider" name="provider" label={t("catalog.filters.provider")} value={filters.provider} all={t("catalog.filters.allProviders")}>
          <Options values={data.providers} value={(p) => p.slug} label={(p) => p.name} />
        </FilterSelect>
        <FilterSelect id="filter-month" name="month" label={t("catalog.filters.month")} value={filters.month} all={t("catalog.filters.allMonths")}>
          <Options values={data.months} label={(m) => formatMonth(m, locale)} />
        </FilterSelect>
        <FilterSelect id="filter-delivery" name="deliveryMode" label={t("catalog.filters.deliveryMode")} value={filters.deliveryMode} all={t("catalog.filters.all")}>
          <Options values={DELIVERY_MODES} label={(d) => t(`catalog.deliveryMode.${d}`)} />
        </FilterSelect>
        <div className="filter-actions">
          <button type="submit" className="primary">
            {t("catalog.filters.submit")}
          </button>
          {filtered ? <Link to="/">{t("catalog.filters.reset")}</Link> : null}
        </div>
      </Form>
      <p className="formats-link">
        <Link to="/formats">{t("formats.link")}</Link>
      </p>

      {data.invalidFilters ? (
        <p className="notice error" role="status">
          {t("catalog.home.invalidFilters")}
        </p>
      ) : null}

      <section aria-labelledby="results-title">
        <h2 id="results-title">{t("catalog.home.results")}</h2>
        <p className="result-count" role="status">
          {data.total.more
            ? t("catalog.search.foundMore", { n: formatCount(data.total.n, locale) })
            : tp("catalog.search.found", data.total.n)}
        </p>
        {data.sessions.length === 0 ? (
          <p>{t("catalog.home.empty")}</p>
        ) : (
          <ul className="cards">
            {data.sessions.map((s) => (
              <SessionCard key={s.id} session={s} moreDates={s.moreDates} />
            ))}
          </ul>
        )}
        {data.prevCursor || data.nextCursor ? (
          <nav className="pagination" aria-label={t("catalog.pagination.label")}>
            {data.prevCursor ? (
              <Link to={pageLink(filters, data.prevCursor)} rel="prev">
                ← {t("catalog.pagination.previous")}
              </Link>
            ) : (
              <span />
            )}
            {data.nextCursor ? (
              <Link to={pageLink(filters, data.nextCursor)} rel="next">
                {t("catalog.pagination.next")} →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      {data.onRequest.length > 0 ? (
        <section aria-labelledby="on-request-title">
          <h2 id="on-request-title">{t("catalog.home.onRequest")}</h2>
          <p>{t("catalog.home.onRequestIntro")}</p>
          <ul className="cards">
            {data.onRequest.map((o) => (
              <LinkCard key={o.id} to={`/offerings/${o.id}`} title={o.title} heading="h3" className="offering-card">
                <p className="meta">
                  <Link to={`/providers/${o.providerSlug}`}>{o.providerName}</Link>
                  {" · "}
                  {t(`catalog.format.${o.format}`)}
                </p>
                <FormatLine format={explainedAs(o)} />
                <p>
                  <RequestButton providerSlug={o.providerSlug} offering={o} role={data.role} />
                </p>
              </LinkCard>
            ))}
          </ul>
          {data.role === "provider" || data.role === "admin" ? null : (
            <p>
              <Link to={TRIAGE_LINK}>{t("catalog.home.triage")}</Link>
            </p>
          )}
        </section>
      ) : null}
    </>
  );
}
