import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, SeatStatus, SessionFacts, TextField } from "~/components/bookings/ui";
import { IntentButton, Notice } from "~/components/form";
import { BackLink, DataTable, titleMeta } from "~/components/page";
import { type Translate, useT } from "~/i18n";
import { municipalityActor } from "~/modules/accounts/actors";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import { type FormError, type FormErrors, joinNames, type Row, substituteField } from "~/modules/bookings/form";
import { askCancelSeat, bookingPage, submitCancel, submitSubstitute } from "~/modules/bookings/pages.server";
import { formatDate, formatTime } from "~/modules/time/brussels";
import { text } from "~/utils/form-parse";
import { uuidParam } from "~/utils/http.server";
import { pageAnswer, retryAfterPageHeaders } from "~/utils/retry-after.server";
import { isUuid } from "~/utils/uuid";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  titleMeta(matches, "bookings.booking.metaTitle", data?.session.title);
// A mail-limit refusal (429) says when to try again, as the API does (ADR 0063).
export const headers = retryAfterPageHeaders;

async function guard(request: Request, id: string | undefined) {
  const user = await requireRole(request, "coordinator");
  return { user, bookingId: uuidParam(id), actor: municipalityActor(user) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bookingId, actor } = await guard(request, params.id);
  const page = await bookingPage({ bookingId, municipalityId: actor.municipalityId, now: new Date() });
  notFoundUnless(page);
  return page;
}

type ActionResult = {
  seatId?: string;
  /** An unconfirmed "cancel this seat": the page asks first, nothing has changed. */
  confirmSeatId?: string;
  formError?: FormError;
  errors?: FormErrors;
  values?: Row;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { bookingId, actor } = await guard(request, params.id);
  const form = await request.formData();
  const intent = text(form, "intent");
  const seatId = text(form, "seatId").toLowerCase();
  const now = new Date();
  const back = (query: string) => redirect(`/bookings/${bookingId}?${query}`);

  if (intent === "cancel-booking") {
    const result = await submitCancel({ actor, bookingId, now });
    if (result.ok) throw back(`notice=booking-cancelled${result.promoted ? "&promoted=1" : ""}`);
    return data<ActionResult>({ formError: result.formError }, pageAnswer(result));
  }
  if (intent !== "cancel-seat" && intent !== "substitute") {
    return data<ActionResult>({ formError: { key: "bookings.error.seatGone" } }, 400);
  }
  if (!isUuid(seatId)) return data<ActionResult>({ formError: { key: "bookings.error.seatGone" } }, 404);
  if (intent === "cancel-seat") {
    if (text(form, "confirm") !== "yes") {
      // The first click only asks (works without JavaScript); the confirmed POST cancels.
      const asked = await askCancelSeat({ actor, bookingId, seatId, now });
      if (!asked.ok) return data<ActionResult>({ seatId, formError: asked.formError }, asked.status);
      return data<ActionResult>({ confirmSeatId: seatId });
    }
    const result = await submitCancel({ actor, bookingId, seatId, now });
    if (result.ok) throw back(`notice=seat-cancelled${result.promoted ? "&promoted=1" : ""}`);
    return data<ActionResult>({ seatId, formError: result.formError }, pageAnswer(result));
  }
  const values = { name: text(form, substituteField(seatId, "name")), email: text(form, substituteField(seatId, "email")) };
  const allowOtherDomains = form.get("allowOtherDomains") === "on";
  const result = await submitSubstitute({ actor, bookingId, seatId, values, allowOtherDomains, now });
  if (result.ok) throw back("notice=substituted");
  return data<ActionResult>({ seatId, formError: result.formError, errors: result.errors, values: result.values }, pageAnswer(result));
}

type Attendee = { id: string; name: string; status: string; waitlistPosition: number | null };

/** "Uw boeking is geregistreerd. Bevestigd: An en Bart. Op de wachtlijst: Carla (plaats 1)." */
function BookedNotice({ attendees }: { attendees: Attendee[] }) {
  const { t } = useT();
  const confirmed = attendees.filter((a) => a.status === "confirmed").map((a) => a.name);
  const waitlisted = attendees
    .filter((a) => a.status === "waitlisted")
    .map((a) => (a.waitlistPosition ? t("bookings.notice.waitlistedEntry", { name: a.name, n: a.waitlistPosition }) : a.name));
  const and = t("bookings.and");
  return (
    <Notice>
      <p>
        <strong>{t("bookings.notice.booked")}</strong>
      </p>
      {confirmed.length ? <p className="booked-confirmed">{t("bookings.notice.confirmedList", { names: joinNames(confirmed, and) })}</p> : null}
      {waitlisted.length ? <p className="booked-waitlisted">{t("bookings.notice.waitlistedList", { names: joinNames(waitlisted, and) })}</p> : null}
      <p>{t("bookings.notice.mails")}</p>
    </Notice>
  );
}

function noticeText(t: Translate, notice: string | null): string | null {
  if (notice === "seat-cancelled") return t("bookings.notice.seatCancelled");
  if (notice === "booking-cancelled") return t("bookings.notice.bookingCancelled");
  if (notice === "substituted") return t("bookings.notice.substituted");
  return null;
}

/** "Plaats van An annuleren?": the step between the first click and the cancellation. */
function ConfirmSeatCancel({ bookingId, seat, busy }: { bookingId: string; seat: Attendee & { email: string }; busy: boolean }) {
  const { t } = useT();
  return (
    <section className="notice error confirm-panel confirm-seat" aria-labelledby="confirm-seat-title" role="alert">
      <h2 id="confirm-seat-title">{t("bookings.seat.confirmTitle", { name: seat.name })}</h2>
      <p>{seat.status === "waitlisted" ? t("bookings.seat.confirmTextWaitlisted", { name: seat.name }) : t("bookings.seat.confirmText", { name: seat.name })}</p>
      <div className="row-actions">
        <IntentButton intent="cancel-seat" fields={{ seatId: seat.id, confirm: "yes" }} action={`/bookings/${bookingId}`} formClassName="inline-form" className="danger" disabled={busy}>
          {t("bookings.seat.confirmYes", { name: seat.name })}
        </IntentButton>
        <Link to={`/bookings/${bookingId}`} className="button secondary">
          {t("bookings.seat.confirmNo")}
        </Link>
      </div>
    </section>
  );
}

export default function BookingPage() {
  const { booking, session, locked, bookable, onlineUrl, fromRequest } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const busy = useNavigation().state === "submitting";
  const notice = result ? null : params.get("notice");
  const active = booking.attendees.filter((a) => a.status !== "cancelled");
  const confirming = !locked && active.length > 0 && params.get("confirm") === "cancel-booking";
  const created = new Date(booking.createdAt);
  const plain = noticeText(t, notice);
  const confirmSeat = result?.confirmSeatId ? booking.attendees.find((a) => a.id === result.confirmSeatId && a.status !== "cancelled") : undefined;

  return (
    <>
      <BackLink to="/bookings">{t("bookings.booking.back")}</BackLink>
      <h1>{session.title}</h1>
      <p className="meta">{t("bookings.booking.madeOn", { date: formatDate(created, locale), time: formatTime(created) })}</p>

      {notice === "booked" ? <BookedNotice attendees={booking.attendees} /> : null}
      {plain ? (
        <Notice>
          <p>{plain}</p>
          {params.get("promoted") ? <p>{t("bookings.notice.promoted")}</p> : null}
        </Notice>
      ) : null}
      <ErrorSummary trigger={result} formError={result?.formError} errors={result?.errors} />
      {confirmSeat && !locked ? <ConfirmSeatCancel bookingId={booking.id} seat={confirmSeat} busy={busy} /> : null}

      {locked === "cancelled" ? <p className="notice error">{t("bookings.booking.lockedCancelled")}</p> : null}
      {locked === "started" ? <p className="notice">{t("bookings.booking.lockedStarted")}</p> : null}

      <SessionFacts session={session}>
        {onlineUrl ? (
          <>
            <dt>{t("bookings.booking.join")}</dt>
            <dd>
              <a href={onlineUrl} rel="noreferrer" className="online-link">
                {onlineUrl}
              </a>
              <br />
              <span className="meta">{t("bookings.booking.joinNote")}</span>
            </dd>
          </>
        ) : null}
      </SessionFacts>
      {fromRequest ? <p className="meta">{t("bookings.booking.fromRequest")}</p> : null}
      <p className="row-actions">
        <Link to={`/sessions/${session.id}`}>{t("bookings.booking.sessionPage")}</Link>
        {bookable ? <Link to={`/sessions/${session.id}/book`}>{t("bookings.booking.bookMore")}</Link> : null}
      </p>

      <h2 id="attendees-title">{t("bookings.booking.attendees")}</h2>
      {active.length === 0 ? <p>{t("bookings.booking.allCancelled")}</p> : null}
      <DataTable
        className="seat-table"
        labelledBy="attendees-title"
        columns={[t("bookings.col.name"), t("bookings.col.email"), t("bookings.col.status"), !locked && t("bookings.col.actions")]}
      >
        {booking.attendees.map((seat) => {
          const mine = result?.seatId === seat.id ? result : undefined;
          return (
            <tr key={seat.id} className={`seat-row seat-row-${seat.status}`} data-seat-id={seat.id}>
              <th scope="row" data-label={t("bookings.col.name")}>
                {seat.name}
              </th>
              <td data-label={t("bookings.col.email")}>{seat.email}</td>
              <td data-label={t("bookings.col.status")}>
                <SeatStatus seat={seat} />
              </td>
              {locked ? null : (
                <td data-label={t("bookings.col.actions")}>
                  {seat.status === "cancelled" ? (
                    t("bookings.seat.noActions")
                  ) : (
                    <div className="seat-actions">
                      <IntentButton intent="cancel-seat" fields={{ seatId: seat.id }} action={`/bookings/${booking.id}`} formClassName="inline-form" className="secondary" disabled={busy}>
                        {t("bookings.seat.cancel", { name: seat.name })}
                      </IntentButton>
                      <details className="substitute" open={Boolean(mine?.errors)}>
                        <summary>{t("bookings.seat.substitute", { name: seat.name })}</summary>
                        <Form method="post" action={`/bookings/${booking.id}`} className="stack" noValidate>
                          <input type="hidden" name="intent" value="substitute" />
                          <input type="hidden" name="seatId" value={seat.id} />
                          <TextField
                            name={substituteField(seat.id, "name")}
                            label={t("bookings.seat.newName")}
                            autoComplete="off"
                            defaultValue={mine?.values?.name ?? ""}
                            error={mine?.errors?.[substituteField(seat.id, "name")]}
                          />
                          <TextField
                            name={substituteField(seat.id, "email")}
                            label={t("bookings.seat.newEmail")}
                            type="email"
                            autoComplete="off"
                            spellCheck={false}
                            defaultValue={mine?.values?.email ?? ""}
                            error={mine?.errors?.[substituteField(seat.id, "email")]}
                          />
                          {mine?.errors?.[substituteField(seat.id, "email")]?.key === "bookings.error.emailDomain" ? (
                            <div className="field checkbox">
                              <input type="checkbox" id={`allowOtherDomains-${seat.id}`} name="allowOtherDomains" />
                              <label htmlFor={`allowOtherDomains-${seat.id}`}>{t("bookings.form.allowOtherDomains")}</label>
                            </div>
                          ) : null}
                          <div>
                            <button type="submit" className="primary" disabled={busy}>
                              {t("bookings.seat.substituteSubmit")}
                            </button>
                          </div>
                        </Form>
                      </details>
                    </div>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </DataTable>

      {!locked && active.length > 0 ? (
        confirming ? (
          <section className="notice error confirm-panel" aria-labelledby="confirm-title">
            <h2 id="confirm-title">{t("bookings.booking.confirmCancelAllTitle")}</h2>
            <p>
              {active.length === 1
                ? t("bookings.booking.confirmCancelAllOne")
                : t("bookings.booking.confirmCancelAllMany", { n: active.length })}
            </p>
            <div className="row-actions">
              <IntentButton intent="cancel-booking" action={`/bookings/${booking.id}`} formClassName="inline-form" className="danger" disabled={busy}>
                {t("bookings.booking.confirmYes")}
              </IntentButton>
              <Link to={`/bookings/${booking.id}`} className="button secondary">
                {t("bookings.booking.confirmNo")}
              </Link>
            </div>
          </section>
        ) : (
          <p className="cancel-all">
            <Link to="?confirm=cancel-booking" className="button secondary">
              {t("bookings.booking.cancelAll")}
            </Link>
          </p>
        )
      ) : null}
    </>
  );
}
