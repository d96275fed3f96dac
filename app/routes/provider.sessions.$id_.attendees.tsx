import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SeatStatus, SessionFacts } from "~/components/bookings/ui";
import { Notice } from "~/components/form";
import { BackLink, DataTable, titleMeta } from "~/components/page";
import { useT } from "~/i18n";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import type { FormError } from "~/modules/bookings/form";
import { type AttendanceValue, attendeesPage, saveAttendance } from "~/modules/bookings/pages.server";
import { uuidParam } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleMeta(matches, "bookings.attendees.title", data?.session.title);

async function guard(request: Request, id: string | undefined) {
  const user = await requireRole(request, "provider");
  return { user, sessionId: uuidParam(id) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, sessionId } = await guard(request, params.id);
  const page = await attendeesPage({ providerId: user.organisation.id, sessionId, now: new Date() });
  notFoundUnless(page);
  return page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sessionId } = await guard(request, params.id);
  const form = await request.formData();
  const values = new Map<string, AttendanceValue>();
  for (const [key, value] of form) {
    const m = /^attendance\.(.+)$/.exec(key);
    if (!m || !isUuid(m[1])) continue;
    values.set(m[1].toLowerCase(), value === "present" || value === "absent" ? value : null);
  }
  const result = await saveAttendance({ providerId: user.organisation.id, userId: user.id, sessionId, values, now: new Date() });
  if (!result.ok) return data<{ formError: FormError }>({ formError: result.formError }, result.status);
  throw redirect(`/provider/sessions/${sessionId}/attendees?saved=${result.changed}`);
}

const attendanceOptions = [
  { value: "present", key: "bookings.attendance.present" },
  { value: "absent", key: "bookings.attendance.absent" },
  { value: "", key: "bookings.attendance.unknown" },
] as const;

export default function Attendees() {
  const { session, attendees, canRegister } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const saved = result ? null : params.get("saved");
  const confirmed = attendees.filter((a) => a.status === "confirmed").length;
  const waitlisted = attendees.filter((a) => a.status === "waitlisted").length;
  const registering = canRegister && confirmed > 0;

  const table = (
    <DataTable
      className="attendee-table"
      caption={t("bookings.attendees.caption", { title: session.title })}
      hiddenCaption
      columns={[
        t("bookings.col.name"),
        t("bookings.col.email"),
        t("bookings.col.municipality"),
        t("bookings.col.status"),
        t("bookings.col.position"),
        t("bookings.col.attendance"),
      ]}
    >
      {attendees.map((a) => (
        <tr key={a.id} className={`seat-row seat-row-${a.status}`}>
          <th scope="row" data-label={t("bookings.col.name")}>
            {a.name}
          </th>
          <td data-label={t("bookings.col.email")}>
            <a href={`mailto:${a.email}`}>{a.email}</a>
          </td>
          <td data-label={t("bookings.col.municipality")}>{a.municipality.name}</td>
          <td data-label={t("bookings.col.status")}>
            <SeatStatus seat={a} />
          </td>
          <td data-label={t("bookings.col.position")}>{a.waitlistPosition ?? "—"}</td>
          <td data-label={t("bookings.col.attendance")}>
            {registering && a.status === "confirmed" ? (
              <fieldset className="attendance-choice">
                <legend className="visually-hidden">{t("bookings.attendance.legend", { name: a.name })}</legend>
                {attendanceOptions.map((o) => (
                  <label key={o.value} className="choice">
                    <input type="radio" name={`attendance.${a.id}`} value={o.value} defaultChecked={(a.attendance ?? "") === o.value} />
                    {t(o.key)}
                  </label>
                ))}
              </fieldset>
            ) : a.attendance ? (
              t(`bookings.attendance.${a.attendance}`)
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );

  return (
    <>
      <BackLink to={`/provider/sessions/${session.id}`}>{t("bookings.attendees.back")}</BackLink>
      <h1>
        {t("bookings.attendees.title")}: {session.title}
      </h1>
      {saved !== null ? (
        <Notice>
          <p>
            {saved === "0"
              ? t("bookings.attendees.savedNone")
              : saved === "1"
                ? t("bookings.attendees.savedOne")
                : t("bookings.attendees.savedMany", { n: saved })}
          </p>
        </Notice>
      ) : null}
      <ErrorSummary trigger={result} formError={result?.formError} />
      {session.status === "cancelled" ? <p className="notice error">{t("bookings.attendees.sessionCancelled")}</p> : null}
      <SessionFacts session={session} />
      <p>{t("bookings.attendees.summary", { confirmed, capacity: session.capacity, waitlisted })}</p>
      {attendees.length > 0 ? (
        <ul className="export-links">
          <li>
            <a href={`/provider/sessions/${session.id}/attendees.csv`} className="button secondary" download>
              {t("bookings.attendees.csv")}
            </a>
          </li>
          <li>
            <a href={`/provider/sessions/${session.id}/attendees.xlsx`} className="button secondary" download>
              {t("bookings.attendees.xlsx")}
            </a>
          </li>
          <li>
            <a href={`/provider/sessions/${session.id}/attendees/sheet`} className="button secondary">
              {t("bookings.attendees.sheet")}
            </a>
          </li>
        </ul>
      ) : null}

      {attendees.length === 0 ? (
        <p>{t("bookings.attendees.none")}</p>
      ) : registering ? (
        <section aria-labelledby="attendance-title">
          <h2 id="attendance-title">{t("bookings.attendees.attendanceTitle")}</h2>
          <p className="hint">{t("bookings.attendees.attendanceHint")}</p>
          <Form method="post" action={`/provider/sessions/${session.id}/attendees`}>
            {table}
            <p>
              <button type="submit" className="primary" disabled={busy}>
                {t("bookings.attendees.save")}
              </button>
            </p>
          </Form>
        </section>
      ) : (
        <>
          {session.status !== "cancelled" && !canRegister ? <p className="hint">{t("bookings.attendees.attendanceLater")}</p> : null}
          {table}
        </>
      )}
    </>
  );
}
