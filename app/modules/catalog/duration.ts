/**
 * Client-safe, pure: how long an offering takes, in words (#12). A single session reads
 * "2 uur" / "3,5 uur" / "1 uur 15 minuten"; a multi-session format reads "6 sessies van
 * 2 uur, over 3 maanden" or "Intake + 6 sessies van 1 uur"; a trajectory whose number of
 * sessions is agreed per case reads "Sessies van 1 uur, het aantal in onderling overleg".
 * Plurals through Intl.PluralRules (pluralTranslator), numbers in the locale's notation.
 */
import { type Locale, pluralTranslator, translator } from "~/i18n";

export type DurationShape = {
  format: string;
  /** Length of one session. */
  durationMinutes: number;
  /** Sessions in the format; null or undefined: one (or, for a trajectory, agreed per case). */
  sessionCount?: number | null;
  /** Starts with an intake conversation. */
  intake?: boolean | null;
  /** Months the sessions are spread over. */
  spanMonths?: number | null;
};

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  nl: new Intl.NumberFormat("nl-BE", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }),
};

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** One session's length: "45 minuten", "1 uur", "1,5 uur", "2 uur 15 minuten" (en: "1.5 hours"). */
export function lengthInWords(minutes: number, locale: Locale): string {
  const tp = pluralTranslator(locale);
  const whole = Math.max(0, Math.round(minutes));
  const hours = (n: number) => tp("duration.hours", n, { n: numberFormats[locale].format(n) });
  const mins = (n: number) => tp("duration.minutes", n, { n: numberFormats[locale].format(n) });
  if (whole < 60) return mins(whole);
  // Whole and half hours as one number ("3,5 uur"); other lengths as hours and minutes.
  if (whole % 30 === 0) return hours(whole / 60);
  return translator(locale)("duration.hoursMinutes", { hours: hours(Math.floor(whole / 60)), minutes: mins(whole % 60) });
}

/** Does the offering consist of more than one meeting (or of a number agreed per case)? */
export function isMultiSession(o: DurationShape): boolean {
  if (o.sessionCount == null) return o.format === "trajectory" || o.intake === true;
  return o.sessionCount > 1 || o.intake === true;
}

/** The whole offering's duration in words, capitalised as a value on its own. */
export function durationInWords(o: DurationShape, locale: Locale): string {
  const t = translator(locale);
  const tp = pluralTranslator(locale);
  const length = lengthInWords(o.durationMinutes, locale);
  if (!isMultiSession(o)) return length;

  const count = o.sessionCount ?? (o.format === "trajectory" ? null : 1);
  let words =
    count === null
      ? t("duration.openCount", { length })
      : t("duration.sessionsOf", { sessions: tp("duration.sessions", count, { n: numberFormats[locale].format(count) }), length });
  if (o.intake) words = t("duration.intake", { rest: words });
  if (o.spanMonths != null && o.spanMonths > 0) {
    words = t("duration.over", { what: words, months: tp("duration.months", o.spanMonths, { n: numberFormats[locale].format(o.spanMonths) }) });
  }
  return upperFirst(words);
}
