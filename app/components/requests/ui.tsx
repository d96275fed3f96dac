/** Presentational parts of the request pages (municipality, provider and operator side). */
import { type MessageKey, type Translate, useT } from "~/i18n";
import { dateInWords, type Locale } from "~/modules/time/brussels";
import { formParts } from "../form";
import { dateTimeText } from "../page";

/** The request forms' parts: field ids "rq-subject". */
export const { fieldId, fieldAria, ErrorText, TextField, TextAreaField, ErrorSummary } = formParts({ idPrefix: "rq", summary: "requests.error.summary" });

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
