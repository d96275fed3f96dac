/** Form pieces and small presentational parts of the provider planner pages. */
import { Info } from "luxon";
import { type Locale, useT } from "~/i18n";
import { formParts } from "../form";

/** The planner forms' parts: field ids "f-startTime". */
export const { fieldAria, ErrorText, TextField, SelectField, TextAreaField, ChoiceGroup, ErrorSummary } = formParts({
  idPrefix: "f",
  summary: "provider.error.summary",
});

/** Draft / cancelled marked with a word, not only a colour. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  if (status === "draft") return <span className="badge warn status-draft">{t("provider.status.draft")}</span>;
  if (status === "cancelled") return <span className="badge danger status-cancelled">{t("provider.status.cancelled")}</span>;
  return <span className="badge ok status-published">{t("provider.status.published")}</span>;
}

/** Weekday names, Monday first: ["maandag", …]. */
export function weekdayNames(locale: Locale, length: "long" | "short" = "long"): string[] {
  return Info.weekdays(length, { locale: locale === "nl" ? "nl-BE" : "en-GB" });
}
