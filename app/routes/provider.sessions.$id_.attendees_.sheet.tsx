import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { placeText } from "~/components/bookings/ui";
import { BackLink, titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { attendanceSheet } from "~/modules/bookings/pages.server";
import { formatDate, formatTime } from "~/modules/time/brussels";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleMeta(matches, "bookings.sheet.title", data?.session.title);

/** GET /provider/sessions/:id/attendees/sheet — a printable attendance sheet: one row and a signature box per confirmed attendee. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "provider");
  if (!isUuid(params.id)) notFound();
  const sheet = await attendanceSheet({ providerId: user.organisation.id, sessionId: params.id.toLowerCase() });
  notFoundUnless(sheet);
  return sheet;
}

export default function AttendanceSheet() {
  const { session, attendees } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const [start, end] = [new Date(session.startsAt), new Date(session.endsAt)];
  return (
    <article className="attendance-sheet">
      <BackLink to={`/provider/sessions/${session.id}/attendees`}>{t("bookings.sheet.back")}</BackLink>
      <p className="no-print hint">{t("bookings.sheet.printHint")}</p>
      <h1>
        {t("bookings.sheet.title")}: {session.title}
      </h1>
      <dl className="details sheet-facts">
        <dt>{t("bookings.session.provider")}</dt>
        <dd>{session.providerName}</dd>
        <dt>{t("bookings.sheet.date")}</dt>
        <dd>
          <time dateTime={session.startsAt}>{formatDate(start, locale)}</time>
        </dd>
        <dt>{t("bookings.sheet.time")}</dt>
        <dd>
          {formatTime(start)}–{formatTime(end)}
        </dd>
        <dt>{t("bookings.session.where")}</dt>
        <dd>{placeText(t, session)}</dd>
      </dl>
      {attendees.length === 0 ? (
        <p>{t("bookings.sheet.none")}</p>
      ) : (
        <table className="sheet-table">
          <caption className="visually-hidden">{t("bookings.attendees.caption", { title: session.title })}</caption>
          <thead>
            <tr>
              <th scope="col" className="sheet-n">
                {t("bookings.sheet.number")}
              </th>
              <th scope="col">{t("bookings.col.name")}</th>
              <th scope="col">{t("bookings.col.municipality")}</th>
              <th scope="col" className="sheet-signature">
                {t("bookings.sheet.signature")}
              </th>
            </tr>
          </thead>
          <tbody>
            {attendees.map((a, i) => (
              <tr key={a.id}>
                <td className="sheet-n">{i + 1}</td>
                <th scope="row">{a.name}</th>
                <td>{a.municipality}</td>
                <td className="sheet-signature" />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
