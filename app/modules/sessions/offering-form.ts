
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
};

/** The offering schema's issues (parseForm) → Dutch messages by field (the schema's own messages are English, for the API). */
export function offeringErrors(issues: FieldIssue[]): FormErrors {
  return issuesToErrors(issues, (issue) => {
    const field = issue.path.split(".")[0] ?? "";
    return [field, { key: offeringFieldKeys[field] ?? "provider.error.invalid" }];
  });
}
