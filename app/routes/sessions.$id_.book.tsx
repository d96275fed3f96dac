import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, ErrorText, fieldAria, fieldId, SessionFacts, TextField } from "~/components/bookings/ui";
import { Notice, SubmitButtons } from "~/components/form";
import { BackLink, titleMeta } from "~/components/page";
import { type Translate, useT } from "~/i18n";
import { municipalityActor } from "~/modules/accounts/actors";
import { notFoundUnless, requireRole } from "~/modules/accounts/guards.server";
import {
  collectAttendees,
  type FormError,
  type FormErrors,
  MAX_ROWS,
  MIN_ROWS,
  padRows,
  type Row,
  readRows,
  rowField,
  validateRows,
} from "~/modules/bookings/form";
import { newIdempotencyKey, sessionForBooking, submitBooking } from "~/modules/bookings/pages.server";
import { MAX_PASTED_LINES } from "~/modules/bookings/schemas";
import { text } from "~/utils/form-parse";
import { uuidParam } from "~/utils/http.server";
import { pageAnswer, retryAfterPageHeaders } from "~/utils/retry-after.server";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleMeta(matches, "bookings.book.title", data?.session.title);
// A mail-limit refusal (429) says when to try again, as the API does (ADR 0063).
export const headers = retryAfterPageHeaders;

async function guard(request: Request, id: string | undefined) {
  const user = await requireRole(request, "coordinator");
  return { user, sessionId: uuidParam(id) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, sessionId } = await guard(request, params.id);
  const info = await sessionForBooking({ sessionId, municipalityId: user.organisation.id, now: new Date() });
  notFoundUnless(info);
  // One key per rendered form: a double submit of this form books once.
  return { ...info, municipality: user.organisation.name, idempotencyKey: newIdempotencyKey() };
}

type ActionResult = {
  /** Changes with every answer, so the form re-renders with the rows as the server sees them. */
  formId: string;
  rows: Row[];
  paste: string;
  idempotencyKey: string;
  errors: FormErrors;
  formError?: FormError;
  unparsed?: { line: number; text: string }[];
  notice?: FormError;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, sessionId } = await guard(request, params.id);
  const form = await request.formData();
  const intent = text(form, "intent") || "book";
  const posted = readRows(form);
  const paste = text(form, "paste");
  const idempotencyKey = text(form, "idempotencyKey") || newIdempotencyKey();
  const answer = (result: Omit<ActionResult, "formId" | "idempotencyKey"> & { idempotencyKey?: string }, status: number | ResponseInit = 200) =>
    data<ActionResult>({ formId: newIdempotencyKey(), idempotencyKey, ...result }, status);

  if (intent === "add") {
    const rows = padRows(posted, Math.min(MAX_ROWS, Math.max(MIN_ROWS, posted.length) + 1));
    return answer({ rows, paste, errors: {}, notice: { key: "bookings.form.rowAdded" } });
  }

  const { rows, unparsed, tooLong } = collectAttendees(posted, paste);
  if (tooLong) {
    // Refused unread (and not echoed back): at most MAX_PASTED_LINES colleagues at once.
    return answer({ rows: posted, paste: "", errors: { paste: { key: "bookings.error.pasteTooLong", vars: { max: MAX_PASTED_LINES } } } }, 422);
  }
  const rest = unparsed.map((u) => u.text).join("\n");
  if (intent === "import") {
    if (!paste.trim()) return answer({ rows: posted, paste, errors: { paste: { key: "bookings.error.pasteEmpty" } } }, 422);
    const imported = rows.length - posted.filter((r) => r.name.trim() || r.email.trim()).length;
    return answer({
      rows,
      paste: rest,
      unparsed,
      errors: unparsed.length ? { paste: { key: "bookings.error.unparsedField", vars: { n: unparsed.length } } } : {},
      notice: { key: "bookings.form.imported", vars: { n: imported } },
    });
  }

  if (unparsed.length > 0) {
    // Nothing is booked while part of the pasted list is unreadable; what was read becomes
    // rows, checked now too, so that every problem shows at once.
    return answer(
      {
        rows,
        paste: rest,
        unparsed,
        errors: {
          ...(rows.length > 0 ? validateRows(rows).errors : {}),
          paste: { key: "bookings.error.unparsedField", vars: { n: unparsed.length } },
        },
        formError: { key: "bookings.error.summary" },
      },
      422,
    );
  }

  const actor = municipalityActor(user);
  const allowOtherDomains = form.get("allowOtherDomains") === "on";
  const result = await submitBooking({ actor, sessionId, rows, idempotencyKey, allowOtherDomains, now: new Date() });
  if (result.ok) throw redirect(`/bookings/${result.bookingId}?notice=booked`);
  return answer(
    {
      rows: result.rows,
      paste: "",
      errors: result.errors,
      formError: result.formError,
      ...(result.freshKey ? { idempotencyKey: newIdempotencyKey() } : {}),
    },
    pageAnswer(result),
  );
}

function fieldLabel(t: Translate, field: string): string {
  const m = /^attendees\.(\d+)\.(name|email)$/.exec(field);
  if (m) return `${t("bookings.form.row", { n: Number(m[1]) + 1 })}, ${t(m[2] === "name" ? "bookings.form.name" : "bookings.form.email")}`;
  if (field === "paste") return t("bookings.form.paste");
  return t("bookings.form.attendees");
}

export default function BookSeats() {
  const { session, ownSeats, closed, municipality, idempotencyKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  const busy = useNavigation().state === "submitting";
  const rows = result?.rows ? padRows(result.rows) : padRows([]);
  const errors = result?.errors ?? {};
  const cap = session.maxSeatsPerMunicipality;
  const listError = errors.attendees;
  const pasteAria = fieldAria("paste", errors.paste, "paste-hint");

  return (
    <>
      <BackLink to={`/sessions/${session.id}`}>{t("bookings.book.back")}</BackLink>
      <h1>{t("bookings.book.title")}</h1>

      <section aria-labelledby="session-title" className="booking-session">
        <h2 id="session-title">{session.title}</h2>
        <SessionFacts session={session}>
          {cap ? (
            <>
              <dt>{t("bookings.session.cap")}</dt>
              <dd>
                {ownSeats >= cap ? t("bookings.session.capReached", { max: cap }) : t("bookings.session.capText", { max: cap, left: cap - ownSeats })}
              </dd>
            </>
          ) : null}
        </SessionFacts>
        {ownSeats > 0 ? (
          <p>
            {ownSeats === 1 ? t("bookings.session.ownSeatsOne") : t("bookings.session.ownSeatsMany", { n: ownSeats })}{" "}
            <Link to="/bookings">{t("bookings.session.toBookings")}</Link>
          </p>
        ) : null}
      </section>

      {closed ? (
        <Notice tone="error">
          <p>{closed === "cancelled" ? t("bookings.book.closedCancelled") : t("bookings.book.closedDeadline")}</p>
          {result?.formError ? <p>{t(result.formError.key, result.formError.vars)}</p> : null}
        </Notice>
      ) : (
        <section aria-labelledby="form-title">
          <h2 id="form-title">{t("bookings.form.attendees")}</h2>
          <p>{t("bookings.book.intro", { municipality })}</p>
          {result?.notice && !result.formError ? <Notice>{t(result.notice.key, result.notice.vars)}</Notice> : null}
          <ErrorSummary trigger={result} formError={result?.formError} errors={errors} labels={(f) => fieldLabel(t, f)} />
          <Form method="post" noValidate className="booking-form" key={result?.formId ?? "initial"}>
            {/* Enter in a field books (the first submit button is the default one), not "add a row". */}
            <button type="submit" name="intent" value="book" className="default-submit" tabIndex={-1} aria-hidden="true">
              {t("bookings.form.submit")}
            </button>
            <input type="hidden" name="idempotencyKey" value={result?.idempotencyKey ?? idempotencyKey} />
            <fieldset
              className="attendee-rows"
              id={fieldId("attendees")}
              tabIndex={-1}
              aria-describedby={[listError ? `${fieldId("attendees")}-error` : null, "attendees-hint"].filter(Boolean).join(" ")}
            >
              <legend className="visually-hidden">{t("bookings.form.attendees")}</legend>
              <p className="hint" id="attendees-hint">
                {t("bookings.form.attendeesHint")}
              </p>
              <ErrorText name="attendees" error={listError} />
              <ol className="attendee-list">
                {rows.map((row, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions; the form is re-keyed on every answer
                  <li key={i}>
                    <fieldset className="attendee-row">
                      <legend className="row-legend">{t("bookings.form.row", { n: i + 1 })}</legend>
                      <TextField
                        name={rowField(i, "name")}
                        label={t("bookings.form.name")}
                        defaultValue={row.name}
                        autoComplete="off"
                        error={errors[rowField(i, "name")]}
                      />
                      <TextField
                        name={rowField(i, "email")}
                        label={t("bookings.form.email")}
                        type="email"
                        defaultValue={row.email}
                        autoComplete="off"
                        spellCheck={false}
                        error={errors[rowField(i, "email")]}
                      />
                    </fieldset>
                  </li>
                ))}
              </ol>
              {rows.length < MAX_ROWS ? (
                <button type="submit" name="intent" value="add" className="secondary" formNoValidate>
                  {t("bookings.form.addRow")}
                </button>
              ) : null}
            </fieldset>

            <div className="field paste-field">
              <label htmlFor={pasteAria.id}>{t("bookings.form.paste")}</label>
              <p className="hint" id="paste-hint">
                {t("bookings.form.pasteHint")}
              </p>
              {errors.paste ? (
                <div className="error" id={`${pasteAria.id}-error`}>
                  <p>{t(errors.paste.key, errors.paste.vars)}</p>
                  {result?.unparsed?.length ? (
                    <ul className="unparsed-lines">
                      {result.unparsed.map((u) => (
                        <li key={u.line}>{t("bookings.error.unparsedLine", { line: u.line, text: u.text })}</li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ) : null}
              <textarea name="paste" rows={5} defaultValue={result?.paste ?? ""} spellCheck={false} {...pasteAria} />
              <div>
                <button type="submit" name="intent" value="import" className="secondary">
                  {t("bookings.form.importList")}
                </button>
              </div>
            </div>

            {Object.values(errors).some((e) => e?.key === "bookings.error.emailDomain") ? (
              <div className="field checkbox">
                <input type="checkbox" id="allowOtherDomains" name="allowOtherDomains" />
                <label htmlFor="allowOtherDomains">{t("bookings.form.allowOtherDomains")}</label>
              </div>
            ) : null}
            <p className="hint">{t("bookings.form.waitlistNote")}</p>
            <SubmitButtons
              className="form-actions"
              disabled={busy}
              buttons={[
                { intent: "book", className: "primary", label: busy ? t("bookings.form.submitting") : t("bookings.form.submit") },
              ]}
            />
          </Form>
        </section>
      )}
    </>
  );
}
