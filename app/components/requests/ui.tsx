/** Presentational parts of the request pages (municipality, provider and operator side). */
import type { MetaArgs } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes, useEffect, useRef } from "react";
import { isLocale, type MessageKey, type Translate, translator, useT } from "~/i18n";
import type { FormError, FormErrors } from "~/modules/requests/forms";
import { formatDate, formatTime, type Locale } from "~/modules/time/brussels";

/** "<page> — Expertenpool" in the visitor's language (never the request's subject: titles end up in histories). */
export function requestsMeta(matches: MetaArgs["matches"], key: MessageKey) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${t(key)} — Expertenpool` }];
}

export const fieldId = (name: string) => `rq-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
const say = (t: Translate, e: FormError) => t(e.key, e.vars);

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

type Common = { name: string; label: ReactNode; error?: FormError; hint?: ReactNode; className?: string };

export function TextField({ name, label, error, hint, className, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id" | "className">) {
  const hintId = hint ? `${fieldId(name)}-hint` : undefined;
  const aria = fieldAria(name, error, hintId);
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={aria.id}>{label}</label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <ErrorText name={name} error={error} />
      <input name={name} {...aria} {...input} />
    </div>
  );
}

export function TextAreaField({
  name,
  label,
  error,
  hint,
  className,
  ...area
}: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "className">) {
  const hintId = hint ? `${fieldId(name)}-hint` : undefined;
  const aria = fieldAria(name, error, hintId);
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={aria.id}>{label}</label>
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <ErrorText name={name} error={error} />
      <textarea name={name} {...aria} {...area} />
    </div>
  );
}

/**
 * The form's error summary (role="alert"), focused after a failed submission; its links
 * lead to the fields.
 */
export function ErrorSummary({ trigger, formError, errors }: { trigger: unknown; formError?: FormError; errors?: FormErrors }) {
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
      <p className="form-error">{say(t, formError ?? { key: "requests.error.summary" })}</p>
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, error]) => (
            <li key={name}>
              <a href={`#${fieldId(name)}`}>{say(t, error)}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Notice({ children, tone = "success" }: { children: ReactNode; tone?: "success" | "error" | "info" }) {
  return (
    <div className={`notice ${tone === "info" ? "" : tone}`} role="status">
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

const statusTone: Record<string, string> = { submitted: "warn", proposed: "", accepted: "ok", declined: "danger", withdrawn: "" };

/** The status as a word, never only a colour. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  return <span className={`badge request-status request-${status} ${statusTone[status] ?? ""}`}>{t(`requests.status.${status}` as MessageKey)}</span>;
}

export const kindLabel = (t: Translate, kind: string) => t(`requests.kind.${kind}` as MessageKey);

/** "dinsdag 30 maart 2027, 14:00" in Brussels time. */
export function dateTimeText(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return `${formatDate(d, locale)}, ${formatTime(d)}`;
}

export function dateText(date: string, locale: Locale): string {
  // A calendar date: noon Brussels keeps it on the same day in any zone.
  return formatDate(new Date(`${date}T12:00:00+01:00`), locale);
}

/** A length of time as people say it: minutes, hours, then days. */
export function durationText(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return t("requests.duration.minutes", { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t("requests.duration.hours", { n: hours });
  const days = Math.floor(hours / 24);
  return days === 1 ? t("requests.duration.day") : t("requests.duration.days", { n: days });
}

/** The response clock: time left or overdue while submitted; when it was answered after that. */
export function ResponseClock({
  request,
  now,
}: {
  request: { status: string; responseDueAt: string; firstResponseAt: string | null; overdue: boolean; closedAt: string | null };
  now: number;
}) {
  const { t, locale } = useT();
  const due = new Date(request.responseDueAt).getTime();
  if (request.status !== "submitted") {
    if (request.firstResponseAt) return <>{t("requests.clock.answered", { date: dateTimeText(request.firstResponseAt, locale) })}</>;
    return <>{t("requests.clock.closed")}</>;
  }
  const when = t("requests.clock.due", { date: dateTimeText(request.responseDueAt, locale) });
  if (request.overdue) {
    return (
      <>
        <span className="badge danger">{t("requests.overdue")}</span> <strong>{t("requests.clock.late", { duration: durationText(t, now - due) })}</strong>{" "}
        <span className="meta">({when})</span>
      </>
    );
  }
  return (
    <>
      {t("requests.clock.left", { duration: durationText(t, due - now) })} <span className="meta">({when})</span>
    </>
  );
}
