/** Presentational parts of the request pages (municipality, provider and operator side). */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { type MessageKey, type Translate, useT } from "~/i18n";
import { dateInWords, type Locale } from "~/modules/time/brussels";
import type { FormError, FormErrors } from "~/utils/form-errors";
import { formParts } from "../form";
import { dateTimeText } from "../page";

/** The request forms' parts: field ids "rq-subject". */
export const { fieldId, fieldAria, ErrorText, TextField, TextAreaField, ErrorSummary } = formParts({ idPrefix: "rq", summary: "requests.error.summary" });

/** A refused submission of the request page: which form (intent) it came from, and why. */
type Refusal = { intent: string; formError?: FormError; errors: FormErrors };

/**
 * One form of the request page: the summary of its last refusal, the form posting its
 * intent with the fields given, and the submit button.
 */
export function IntentForm({
  intent,
  failed,
  busy,
  submit,
  submitClass = "primary",
  className = "stack",
  noValidate = true,
  formKey,
  children,
}: {
  intent: string;
  /** The page's last refusal, whichever form it came from. */
  failed: Refusal | undefined;
  busy: boolean;
  submit: ReactNode;
  submitClass?: "primary" | "danger";
  className?: string;
  noValidate?: boolean;
  /** Remounts the form (its fields empty again) when it changes. */
  formKey?: string;
  children: ReactNode;
}) {
  const mine = failed?.intent === intent ? failed : undefined;
  return (
    <>
      <ErrorSummary trigger={mine} formError={mine?.formError} errors={mine?.errors ?? {}} />
      <Form method="post" noValidate={noValidate} className={className} key={formKey}>
        <input type="hidden" name="intent" value={intent} />
        {children}
        <div className="form-actions">
          <button type="submit" className={submitClass} disabled={busy}>
            {submit}
          </button>
        </div>
      </Form>
    </>
  );
}

const statusTone: Record<string, string> = { submitted: "warn", proposed: "", accepted: "ok", declined: "danger", withdrawn: "" };

/** The status as a word, never only a colour. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  return <span className={`badge request-status request-${status} ${statusTone[status] ?? ""}`}>{t(`requests.status.${status}` as MessageKey)}</span>;
}

export const kindLabel = (t: Translate, kind: string) => t(`requests.kind.${kind}` as MessageKey);

export function dateText(date: string, locale: Locale): string {
  return dateInWords(date, locale) ?? date;
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
