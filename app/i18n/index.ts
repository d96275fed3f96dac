import { useRouteLoaderData } from "@remix-run/react";
import { dateInWords } from "../modules/time/brussels";
import { accounts } from "./accounts";
import { bookings } from "./bookings";
import { catalog } from "./catalog";
import { certificates } from "./certificates";
import { common } from "./common";
import { formats } from "./formats";
import { importText } from "./import";
import { notifications } from "./notifications";
import { planner } from "./planner";
import { privacy } from "./privacy";
import { provider } from "./provider";
import { reports } from "./reports";
import { requests } from "./requests";

export type Locale = "nl" | "en";
export const locales: Locale[] = ["nl", "en"];
export const defaultLocale: Locale = "nl";

/**
 * All message catalogs. Areas add their own file (e.g. ./catalog.ts exporting
 * { nl: {...}, en: {...} }) and spread it here; `en` must have the same keys as `nl`.
 */
const nl = {
  ...common.nl,
  ...catalog.nl,
  ...accounts.nl,
  ...provider.nl,
  ...bookings.nl,
  ...requests.nl,
  ...reports.nl,
  ...privacy.nl,
  ...importText.nl,
  ...formats.nl,
  ...planner.nl,
  ...notifications.nl,
  ...certificates.nl,
} as const;
const en: Record<keyof typeof nl, string> = {
  ...common.en,
  ...catalog.en,
  ...accounts.en,
  ...provider.en,
  ...bookings.en,
  ...requests.en,
  ...reports.en,
  ...privacy.en,
  ...importText.en,
  ...formats.en,
  ...planner.en,
  ...notifications.en,
  ...certificates.en,
};

export type MessageKey = keyof typeof nl;
const catalogs: Record<Locale, Record<MessageKey, string>> = { nl, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A variable's text in a message. An ISO date or time ("2027-01-23", "2027-01-23T14:00",
 * an instant) is written in words in the message's language, in Brussels time: messages
 * never show ISO dates, whoever filled in the variable (ADR 0054).
 */
function varText(value: string | number | undefined, name: string, locale: Locale): string {
  if (value === undefined) return `{${name}}`;
  if (typeof value === "number") return String(value);
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? (dateInWords(value, locale) ?? value) : value;
}

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, vars) => {
    const text = messages[key] ?? catalogs.nl[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => varText(vars[name], name, locale)) : text;
  };
}

/** Plural keys come in pairs, `<base>.one` and `<base>.other`; Intl.PluralRules picks one. */
type PluralBase<K extends string> = K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
export type PluralKey = PluralBase<MessageKey>;
export type TranslatePlural = (base: PluralKey, n: number, vars?: Record<string, string | number>) => string;

const pluralRules: Record<Locale, Intl.PluralRules> = { nl: new Intl.PluralRules("nl-BE"), en: new Intl.PluralRules("en") };

const countFormats: Record<Locale, Intl.NumberFormat> = { nl: new Intl.NumberFormat("nl-BE"), en: new Intl.NumberFormat("en-GB") };

/** A count as written in the locale: "1.000" (nl-BE), "1,000" (en). */
export function formatCount(n: number, locale: Locale): string {
  return countFormats[locale].format(n);
}

/**
 * "1 sessie gevonden" / "12 sessies gevonden" / "1.000 sessies gevonden": never brackets
 * such as "sessie(s)"; `{n}` is the count written in the locale unless vars give their own.
 */
export function pluralTranslator(locale: Locale): TranslatePlural {
  const t = translator(locale);
  return (base, n, vars) => {
    const form = pluralRules[locale].select(n) === "one" ? "one" : "other";
    return t(`${base}.${form}` as MessageKey, { n: formatCount(n, locale), ...vars });
  };
}

export function isLocale(value: unknown): value is Locale {
  return value === "nl" || value === "en";
}

/** Locale from the `lang` cookie; Dutch unless the visitor chose English. */
export function localeFromRequest(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)lang=(nl|en)(?:;|$)/.exec(cookie);
  return isLocale(match?.[1]) ? match[1] : defaultLocale;
}

/** In components: the locale chosen in the root loader, and its translator. */
export function useT(): { t: Translate; tp: TranslatePlural; locale: Locale } {
  const data = useRouteLoaderData("root") as { locale?: Locale } | undefined;
  const locale = isLocale(data?.locale) ? data.locale : defaultLocale;
  return { t: translator(locale), tp: pluralTranslator(locale), locale };
}
