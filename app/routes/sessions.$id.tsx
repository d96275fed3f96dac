import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Paragraphs, PrivateBadge, pageMeta, placeOf, SeatsBadge } from "~/components/catalog/catalog-ui";
import { explainedAs, FormatLine } from "~/components/catalog/format-line";
import { ProgrammeAndAudience, TrainerList } from "~/components/catalog/offering-details";
import { useT } from "~/i18n";
import { getCurrentUser } from "~/modules/accounts/session.server";
import { sessionCalendarLinks } from "~/modules/calendar/links";
import { getSession } from "~/modules/catalog/catalog.server";
import { getOfferingDetails, trainerNames } from "~/modules/catalog/details.server";
import { durationInWords, isMultiSession, lengthInWords } from "~/modules/catalog/duration";
import { serializeSession, viewerOf } from "~/modules/catalog/serialize";
import { formatDate, formatRange, formatTime } from "~/modules/time/brussels";
import { env } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageMeta(matches, (t) => data?.session.title ?? t("error.notFound.title"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isUuid(params.id)) notFound();
  const viewer = viewerOf(await getCurrentUser(request));
  const row = await getSession({ id: params.id.toLowerCase(), viewer });
  if (!row) notFound();
  const [offering, trainers] = await Promise.all([getOfferingDetails(row.offeringId), trainerNames([row.id])]);
  return {
    session: serializeSession(row, viewer),
    offering,
    trainers,
    cancelReason: row.status === "cancelled" ? row.cancelReason : null,
    bookingClosed: row.bookingDeadline.getTime() <= Date.now(),
    // Coordinators book; anonymous visitors are invited to log in first.
    booking: viewer === null ? "login" : viewer.role === "coordinator" ? "book" : null,
    // Add-to-calendar links end up in another site's calendar: they need absolute URLs.
    appUrl: env().appUrl,
  };
}

export default function SessionPage() {
  const { session, offering, trainers, cancelReason, bookingClosed, booking, appUrl } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const links = sessionCalendarLinks(
    {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      locationName: session.location?.name,
      locationAddress: session.location?.address,
      online: session.deliveryMode !== "on_site",
    },
    { appUrl, locale },
  );
  const cancelled = session.status === "cancelled";
  const start = new Date(session.startsAt);
  const deadline = new Date(session.bookingDeadline);
  return (
    <article aria-labelledby="session-title">
      <p className="meta">
        <Link to={`/providers/${session.provider.slug}`}>{session.provider.name}</Link> ·{" "}
        {t(`catalog.format.${session.format}`)}
      </p>
      <h1 id="session-title">{session.title}</h1>
      {offering ? <Paragraphs text={offering.description} /> : null}

      {cancelled ? (
        <div className="notice error" role="status">
          <p>
            <strong>{t("catalog.session.cancelledNotice")}</strong>
          </p>
          {cancelReason ? <p>{t("catalog.session.cancelReason", { reason: cancelReason })}</p> : null}
        </div>
      ) : null}

      <h2 className="visually-hidden">{t("catalog.session.details")}</h2>
      <dl className="details session-details">
        <dt>{t("catalog.session.when")}</dt>
        <dd>
          <time dateTime={session.startsAt}>{formatRange(start, new Date(session.endsAt), locale)}</time>
          <br />
          <span className="meta">{t("catalog.session.timesNote")}</span>
        </dd>
        <dt>{t("details.thisSession")}</dt>
        <dd>{lengthInWords((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000, locale)}</dd>
        {offering && isMultiSession(offering) ? (
          <>
            <dt>{t("details.course")}</dt>
            <dd>{durationInWords(offering, locale)}</dd>
          </>
        ) : null}
        <dt>{t("catalog.offering.format")}</dt>
        <dd>
          {t(`catalog.format.${session.format}`)}
          <FormatLine format={offering ? explainedAs(offering) : session.format} />
          <Link to={`/formats#${offering ? explainedAs(offering) : session.format}`}>{t("formats.link")}</Link>
        </dd>
        <dt>{trainers.length === 1 ? t("details.trainer") : t("details.trainers")}</dt>
        <dd>
          <TrainerList names={trainers} />
        </dd>
        <dt>{t("catalog.session.where")}</dt>
        <dd>
          {session.location?.name || session.location?.address ? (
            <>
              {session.location.name ? <span className="place-name">{session.location.name}</span> : null}
              {session.location.name && session.location.address ? <br /> : null}
              {session.location.address ? <span className="place-address">{session.location.address}</span> : null}
              {session.deliveryMode === "hybrid" ? (
                <>
                  <br />
                  <span className="meta">{t("catalog.deliveryMode.hybrid")}</span>
                </>
              ) : null}
            </>
          ) : (
            placeOf(t, session)
          )}
        </dd>
        {session.onlineUrl ? (
          <>
            <dt>{t("catalog.session.onlineUrl")}</dt>
            <dd>
              <a href={session.onlineUrl} rel="noopener noreferrer">
                {session.onlineUrl}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("catalog.session.status")}</dt>
        <dd>
          {cancelled ? (
            <span className="badge danger">{t("catalog.session.cancelled")}</span>
          ) : (
            <span className="badge">{t("catalog.session.statusPublished")}</span>
          )}
          <PrivateBadge session={session} />
        </dd>
        {!cancelled ? (
          <>
            <dt>{t("catalog.session.seats")}</dt>
            <dd>
              <SeatsBadge session={session} />{" "}
              <span className="meta">
                {t("catalog.session.seatsSummary", { available: session.seatsAvailable, capacity: session.capacity })}
              </span>
            </dd>
            <dt>{t("catalog.session.waitlist")}</dt>
            <dd>{t("catalog.session.waitlistCount", { n: session.waitlistCount })}</dd>
            <dt>{t("catalog.session.deadline")}</dt>
            <dd>
              <time dateTime={session.bookingDeadline}>
                {formatDate(deadline, locale)}, {formatTime(deadline)}
              </time>
              {bookingClosed ? (
                <>
                  <br />
                  <span className="meta">{t("catalog.session.deadlinePassed")}</span>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>{t("catalog.session.provider")}</dt>
        <dd>
          <Link to={`/providers/${session.provider.slug}`}>{session.provider.name}</Link>
        </dd>
        <dt>{t("catalog.session.offering")}</dt>
        <dd>
          <Link to={`/offerings/${session.offeringId}`}>{t("catalog.session.offeringLink")}</Link>
        </dd>
      </dl>

      <p className="session-actions">
        {booking && session.status === "published" && !bookingClosed ? (
          booking === "book" ? (
            <Link to={`/sessions/${session.id}/book`} className="button">
              {t("catalog.session.book")}
            </Link>
          ) : (
            <Link to={`/login?${new URLSearchParams({ redirectTo: `/sessions/${session.id}/book` })}`} className="button">
              {t("catalog.session.loginToBook")}
            </Link>
          )
        ) : null}{" "}
        <a href={`/api/v1/sessions/${session.id}/calendar.ics`} className="button secondary" type="text/calendar" download>
          {t("catalog.session.ics")}
        </a>
      </p>
      {session.status === "published" ? (
        <p className="meta">
          {t("catalog.session.addTo")}{" "}
          <a href={links.google} rel="noopener noreferrer" target="_blank">
            {t("catalog.session.google")}
          </a>
          {" · "}
          <a href={links.outlook} rel="noopener noreferrer" target="_blank">
            {t("catalog.session.outlook")}
          </a>
        </p>
      ) : null}

      {offering ? <ProgrammeAndAudience programme={offering.programme} audience={offering.audience} /> : null}
    </article>
  );
}
