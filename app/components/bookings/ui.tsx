/** Presentational parts of the booking pages (coordinator and provider side). */
import type { MetaArgs } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { type InputHTMLAttributes, type ReactNode, useEffect, useRef } from "react";
import { isLocale, type MessageKey, type Translate, translator, useT } from "~/i18n";
import type { FormError, FormErrors, SessionSummary } from "~/modules/bookings/booking-form";
import { formatDate, formatRange, formatTime } from "~/modules/time/brussels";

/** "<page> — Expertenpool" in the visitor's language. */
export function bookingsMeta(matches: MetaArgs["matches"], key: MessageKey, title?: string) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${title ? `${title} — ` : ""}${t(key)} — Expertenpool` }];
}

export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
export const say = (t: Translate, e: FormError) => t(e.key, e.vars);

/** aria wiring of one field: id, aria-invalid and aria-describedby (error first, then hint). */
export function fieldAria(name: string, error?: FormError, hintId?: string) {
  const id = fieldId(name);
  const describedBy = [error ? `${id}-error` : null, hintId ?? null].filter(Boolean).join(" ") || undefined;
  return { id, "aria-invalid": error ? (true as const) : undefined, "aria-describedby": describedBy };
}

export function ErrorText({ name, error }: { name: string; error?: FormError }) {
  const { t } = useT();
  if (!error) return null;
  return (
    <p className="error" id={`${fieldId(name)}-error`}>
      {say(t, error)}
    </p>
  );
}

export function TextInput({
  name,
  label,
  error,
  hintId,
  className,
  ...input
}: { name: string; label: ReactNode; error?: FormError; hintId?: string; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "name" | "id" | "className"
>) {
  const aria = fieldAria(name, error, hintId);
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={aria.id}>{label}</label>
      <ErrorText name={name} error={error} />
      <input name={name} {...aria} {...input} />
    </div>
  );
}

/**
 * The form's error summary (role="alert"): focused after each failed submission so that
 * keyboard and screen-reader users land on it; its links lead to the fields.
 */
export function ErrorSummary({
  trigger,
  formError,
  errors,
  labels,
}: {
  trigger: unknown;
  formError?: FormError;
  errors?: FormErrors;
  labels?: (field: string) => string;
}) {
  const { t } = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, FormError] => Boolean(e[1]));
  const shown = Boolean(formError) || entries.length > 0;
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus once per submission
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [trigger]);
  if (!shown) return null;
  return (
    <div className="notice error form-errors" role="alert" tabIndex={-1} ref={ref}>
      <p className="form-error">{say(t, formError ?? { key: "bookings.error.summary" })}</p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, error]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>
                {labels ? `${labels(name)}: ` : ""}
                {say(t, error)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice success" role="status">
      {children}
    </div>
  );
}

export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p className="back-link">
      <Link to={to}>← {children}</Link>
    </p>
  );
}

/** Bevestigd / Wachtlijst (plaats n) / Geannuleerd — a word, never only a colour. */
export function seatStatusText(t: Translate, seat: { status: string; waitlistPosition: number | null }): string {
  if (seat.status === "confirmed") return t("bookings.status.confirmed");
  if (seat.status === "waitlisted") {
    return seat.waitlistPosition ? t("bookings.status.waitlistedAt", { n: seat.waitlistPosition }) : t("bookings.status.waitlisted");
  }
  return t("bookings.status.cancelled");
}

export function SeatStatus({ seat }: { seat: { status: string; waitlistPosition: number | null } }) {
  const { t } = useT();
  const tone = seat.status === "confirmed" ? "ok" : seat.status === "waitlisted" ? "warn" : "danger";
  return <span className={`badge ${tone} seat-status seat-${seat.status}`}>{seatStatusText(t, seat)}</span>;
}

export function placeText(t: Translate, s: Pick<SessionSummary, "locationName" | "locationAddress" | "deliveryMode">): string {
  const place = [s.locationName, s.locationAddress].filter(Boolean).join(", ");
  if (!place || s.deliveryMode === "online") return t("bookings.session.online");
  return s.deliveryMode === "hybrid" ? t("bookings.session.hybrid", { place }) : place;
}

export function seatsText(t: Translate, s: Pick<SessionSummary, "capacity" | "seatsTaken">): string {
  const left = Math.max(0, s.capacity - s.seatsTaken);
  if (left === 0) return t("bookings.session.full", { capacity: s.capacity });
  if (left === 1) return t("bookings.session.seatLeft", { capacity: s.capacity });
  return t("bookings.session.seatsLeft", { n: left, capacity: s.capacity });
}

export function waitlistText(t: Translate, n: number): string {
  if (n === 0) return t("bookings.session.waitlistNone");
  return n === 1 ? t("bookings.session.waitlistOne") : t("bookings.session.waitlistMany", { n });
}

/** "dinsdag 30 maart 2027, 14:00" in Brussels time. */
export function dateTimeText(iso: string, locale: "nl" | "en"): string {
  const d = new Date(iso);
  return `${formatDate(d, locale)}, ${formatTime(d)}`;
}

/** The session's when / where / seats / waitlist / deadline, as a description list. */
export function SessionFacts({ session, children }: { session: SessionSummary; children?: ReactNode }) {
  const { t, locale } = useT();
  const cancelled = session.status === "cancelled";
  return (
    <dl className="details session-facts">
      <dt>{t("bookings.session.when")}</dt>
      <dd>
        <time dateTime={session.startsAt}>{formatRange(new Date(session.startsAt), new Date(session.endsAt), locale)}</time>
        <br />
        <span className="meta">{t("bookings.timesNote")}</span>
      </dd>
      <dt>{t("bookings.session.where")}</dt>
      <dd>{placeText(t, session)}</dd>
      <dt>{t("bookings.session.provider")}</dt>
      <dd>{session.providerName}</dd>
      {cancelled ? null : (
        <>
          <dt>{t("bookings.session.seats")}</dt>
          <dd>{seatsText(t, session)}</dd>
          <dt>{t("bookings.session.waitlist")}</dt>
          <dd>{waitlistText(t, session.waitlistCount)}</dd>
          <dt>{t("bookings.session.deadline")}</dt>
          <dd>
            <time dateTime={session.bookingDeadline}>{dateTimeText(session.bookingDeadline, locale)}</time>
          </dd>
        </>
      )}
      {children}
    </dl>
  );
}
