
import type { MessageKey } from "~/i18n";
import type { FormErrors } from "~/utils/form-errors";
import { type FieldIssue, type FieldSource, int, issuesToErrors, str } from "~/utils/form-parse";
import { type Format, formatDefaults } from "./formats";

// ---------------------------------------------------------------- offering form

export type OfferingFormValues = {
  title: string;
  description: string;
  format: string;
  deliveryMode: string;
  durationMinutes: string;
  bookingMode: string;
  defaultCapacity: string;
  hoursNote: string;
  programme: string;
  audience: string;
  sessionCount: string;
  /** The checkbox: "on" when ticked, "" when not. */
  intake: string;
  spanMonths: string;
};

export function readOfferingForm(source: FieldSource): OfferingFormValues {
  return {
    title: str(source, "title"),
    description: str(source, "description"),
    format: str(source, "format"),
    deliveryMode: str(source, "deliveryMode"),
    durationMinutes: str(source, "durationMinutes"),
    bookingMode: str(source, "bookingMode"),
    defaultCapacity: str(source, "defaultCapacity"),
    hoursNote: str(source, "hoursNote"),
    programme: str(source, "programme"),
    audience: str(source, "audience"),
    sessionCount: str(source, "sessionCount"),
    intake: str(source, "intake"),
    spanMonths: str(source, "spanMonths"),
  };
}

/** Offering form → offeringSchema candidate; empty duration and capacity take the format's defaults. */
export function offeringCandidate(values: OfferingFormValues): Record<string, unknown> {
  const defaults = formatDefaults[values.format as Format] as (typeof formatDefaults)[Format] | undefined;
  const num = (v: string, fallback: number | undefined) => int(v) ?? fallback;
  return {
    title: values.title,
    description: values.description,
    format: values.format,
    deliveryMode: values.deliveryMode,
    durationMinutes: num(values.durationMinutes, defaults?.durationMinutes),
    bookingMode: values.bookingMode,
    defaultCapacity: num(values.defaultCapacity, defaults?.capacity),
    hoursNote: values.hoursNote || null,
    programme: values.programme || null,
    audience: values.audience || null,
    sessionCount: num(values.sessionCount, undefined) ?? null,
    // Anything but a ticked or an empty checkbox is not a boolean: the schema refuses it.
    intake: values.intake === "on" ? true : values.intake === "" ? false : values.intake,
    spanMonths: num(values.spanMonths, undefined) ?? null,
  };
}

const offeringFieldKeys: Record<string, MessageKey> = {
  title: "provider.error.title",
  description: "provider.error.description",
  format: "provider.error.format",
  deliveryMode: "provider.error.deliveryMode",
  durationMinutes: "provider.error.duration",
  bookingMode: "provider.error.bookingMode",
  defaultCapacity: "provider.error.capacity",
  hoursNote: "provider.error.hoursNote",
  programme: "details.error.programme",
  audience: "details.error.audience",
  sessionCount: "details.error.sessionCount",
  intake: "details.error.intake",
  spanMonths: "details.error.spanMonths",
};

/** The offering schema's issues (parseForm) → Dutch messages by field (the schema's own messages are English, for the API). */
export function offeringErrors(issues: FieldIssue[]): FormErrors {
  return issuesToErrors(issues, (issue) => {
    const field = issue.path.split(".")[0] ?? "";
    return [field, { key: offeringFieldKeys[field] ?? "provider.error.invalid" }];
  });
}
