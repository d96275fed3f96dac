import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Paragraphs, pageMeta, RequestButton, SessionCard } from "~/components/catalog/catalog-ui";
import { explainedAs, FormatLine } from "~/components/catalog/format-line";
import { ProgrammeAndAudience, TrainerList } from "~/components/catalog/offering-details";
import { useT } from "~/i18n";
import { getCurrentUser } from "~/modules/accounts/session.server";
import { getOfferingPage } from "~/modules/catalog/catalog.server";
import { trainerNames } from "~/modules/catalog/details.server";
import { durationInWords } from "~/modules/catalog/duration";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => data?.offering.title ?? t("error.notFound.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) notFound();
  const viewer = viewerOf(await getCurrentUser(request));
  const page = await getOfferingPage({ id: params.id.toLowerCase(), viewer, now: new Date() });
  if (!page) notFound();
  return {
    role: viewer?.role ?? null,
    offering: page.offering,
    // The offering has no fixed trainers: the ones assigned to its upcoming sessions are its usual ones.
    trainers: await trainerNames(page.sessions.map((s) => s.id)),
    provider: { slug: page.provider.slug, name: page.provider.name },
    sessions: page.sessions.map((s) => serializeSession(s, viewer)),
  };
}

export default function OfferingPage() {
  const { offering, provider, sessions, role, trainers } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const onRequest = offering.bookingMode === "on_request";
  return (
    <>
      <p className="meta">
        <Link to={`/providers/${provider.slug}`}>{provider.name}</Link>
      </p>
      <h1>{offering.title}</h1>
      <Paragraphs text={offering.description} />

      <section aria-labelledby="offering-details">
        <h2 id="offering-details">{t("catalog.offering.details")}</h2>
        <dl className="details">
          <dt>{t("catalog.offering.provider")}</dt>
          <dd>
            <Link to={`/providers/${provider.slug}`}>{provider.name}</Link>
          </dd>
          <dt>{t("catalog.offering.format")}</dt>
          <dd>
            {t(`catalog.format.${offering.format}`)}
            <FormatLine format={explainedAs(offering)} />
            <Link to={`/formats#${explainedAs(offering)}`}>{t("formats.link")}</Link>
          </dd>
          <dt>{t("catalog.offering.deliveryMode")}</dt>
          <dd>{t(`catalog.deliveryMode.${offering.deliveryMode}`)}</dd>
          <dt>{t("catalog.offering.duration")}</dt>
          <dd>{durationInWords(offering, locale)}</dd>
          {trainers.length > 0 ? (
            <>
              <dt>{t("details.usualTrainers")}</dt>
              <dd>
                <TrainerList names={trainers} />
              </dd>
            </>
          ) : null}
          <dt>{t("catalog.offering.bookingMode")}</dt>
          <dd>{t(`catalog.bookingMode.${offering.bookingMode}`)}</dd>
          {offering.hoursNote ? (
            <>
              <dt>{t("catalog.offering.hours")}</dt>
              <dd>{offering.hoursNote}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <ProgrammeAndAudience programme={offering.programme} audience={offering.audience} />

      {onRequest ? (
        <div className="notice request-cta">
          <p>{t("catalog.offering.onRequest")}</p>
          {role === null ? <p className="meta">{t("catalog.offering.requestLogin")}</p> : null}
          <p>
            <RequestButton providerSlug={provider.slug} offering={offering} role={role} />
          </p>
        </div>
      ) : null}

      {!onRequest || sessions.length > 0 ? (
        <section aria-labelledby="offering-sessions">
          <h2 id="offering-sessions">{t("catalog.offering.sessions")}</h2>
          {sessions.length === 0 ? (
            <p>{t("catalog.offering.noSessions")}</p>
          ) : (
            <ul className="cards">
              {sessions.map((s) => (
                <SessionCard key={s.id} session={s} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
