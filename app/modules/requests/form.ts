/**
 * The web forms of requests (client-safe): posted fields → the same inputs the API takes,
 * and field errors (zod issues, DomainError fields) → Dutch/English messages by key.
 */
import type { MessageKey } from "~/i18n";
import { reasonMessage, requestReasonMessages } from "~/i18n/reasons";
import type { FieldReason } from "~/utils/errors";
import type { FormError, FormErrors } from "~/utils/form-errors";
import { int, isTime, optional } from "~/utils/form-parse";
import { ZONE } from "../time/brussels";
import { checkPeriod } from "../time/period";
import { MAX_PREFERRED_DATES, MAX_SLOTS } from "./schemas";

export type { FormError, FormErrors };

type Source = { get(name: string): FormDataEntryValue | null; getAll(name: string): FormDataEntryValue[] };

export const str = (form: Source, name: string): string => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};
const all = (form: Source, name: string): string[] => form.getAll(name).filter((v): v is string => typeof v === "string");

// ---------------------------------------------------------------- the new-request form

export const PREFERRED_DATE_FIELDS = 3;

export type RequestFormValues = {
  kind: string;
  offeringId: string;
  subject: string;
  participants: string;
  deliveryMode: string;
  location: string;
  preferredDates: string[];
  message: string;
};

/** The posted form as typed (for re-rendering) and as the API input (for validation). */
export function readRequestForm(form: Source, providerId: string | undefined): { values: RequestFormValues; input: Record<string, unknown>; dateIndex: number[] } {
  const dates = all(form, "preferredDates").slice(0, MAX_PREFERRED_DATES);
  const values: RequestFormValues = {
    kind: str(form, "kind"),
    offeringId: str(form, "offeringId"),
    subject: str(form, "subject"),
    participants: str(form, "participants").trim(),
    deliveryMode: str(form, "deliveryMode"),
    location: str(form, "location"),
    preferredDates: dates,
    message: str(form, "message"),
  };
  // Blank date fields are skipped; dateIndex maps a filled date back to its field.
  const dateIndex: number[] = [];
  const filled: string[] = [];
  dates.forEach((d, i) => {
    if (d.trim()) {
      dateIndex.push(i);
      filled.push(d.trim());
    }
  });
  const input: Record<string, unknown> = {
    ...(providerId ? { providerId } : {}),
    kind: optional(values.kind),
    subject: values.subject,
    message: values.message,
    participants: int(values.participants),
    deliveryMode: optional(values.deliveryMode),
    location: values.location.trim() || null,
    preferredDates: filled,
  };
  if (values.offeringId) input.offeringId = values.offeringId;
  return { values, input, dateIndex };
}

// ---------------------------------------------------------------- the proposal form

export type SlotRow = { date: string; start: string; end: string };
export const slotField = (i: number, part: keyof SlotRow) => `slots.${i}.${part}`;

export function readSlotRows(form: Source): SlotRow[] {
  const rows: SlotRow[] = [];
  for (let i = 0; i < MAX_SLOTS; i++) {
    const date = form.get(slotField(i, "date"));
    if (date === null) continue;
    rows.push({ date: str(form, slotField(i, "date")).trim(), start: str(form, slotField(i, "start")).trim(), end: str(form, slotField(i, "end")).trim() });
  }
  return rows;
}

export function padSlotRows(rows: SlotRow[], min: number): SlotRow[] {
  const out = rows.slice(0, MAX_SLOTS);
  while (out.length < Math.min(min, MAX_SLOTS)) out.push({ date: "", start: "", end: "" });
  return out;
}

/** The shape of a date; whether it exists is the time rules' (an impossible date is an invalid time, as in the API). */
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * Filled rows → slots of wall-clock times in Brussels. Blank rows are skipped; rowIndex maps
 * a slot back to its row so that the server's `slots.<n>.startsAt` lands on the right row.
 * Reading a date and "HH:mm" is the form's; the times themselves (the daylight-saving change,
 * end after start, at most 24 hours, still to come) are time/period.ts's, as for the API.
 */
export function slotsFromRows(rows: SlotRow[], now: Date): { slots: { startsAt: string; endsAt: string }[]; rowIndex: number[]; errors: FormErrors } {
  const errors: FormErrors = {};
  const slots: { startsAt: string; endsAt: string }[] = [];
  const rowIndex: number[] = [];
  rows.forEach((r, i) => {
    if (!r.date && !r.start && !r.end) return;
    if (!isDate(r.date)) errors[slotField(i, "date")] = { key: "requests.error.slotDate" };
    if (!isTime(r.start)) errors[slotField(i, "start")] = { key: "requests.error.slotTime" };
    if (!isTime(r.end)) errors[slotField(i, "end")] = { key: "requests.error.slotTime" };
    const slot = { startsAt: `${r.date}T${r.start}`, endsAt: `${r.date}T${r.end}` };
    if (isDate(r.date) && isTime(r.start) && isTime(r.end)) {
      const fields = { start: slotField(i, "start"), end: slotField(i, "end") };
      for (const refusal of checkPeriod(slot, { zone: ZONE, now, fields }).refusals) {
        errors[refusal.field] ??= reasonMessage(requestReasonMessages, refusal, refusal.field, { key: "requests.error.slotInvalid" });
      }
    }
    slots.push(slot);
    rowIndex.push(i);
  });
  if (slots.length === 0 && Object.keys(errors).length === 0) errors[slotField(0, "date")] = { key: "requests.error.slotsEmpty" };
  return { slots, rowIndex, errors };
}

// ---------------------------------------------------------------- errors

/**
 * Field errors as message keys: a DomainError's reasons (mapped in app/i18n/reasons.ts), or
 * for schema issues (zod) the field's generic message. Never reads the English text.
 * `rowIndex`/`dateIndex` translate positions in the submitted list back to form rows.
 */
export function formErrorsOf(
  fields: Record<string, string> | undefined,
  maps: { rowIndex?: number[]; dateIndex?: number[] } = {},
  reasons: Record<string, FieldReason> = {},
): FormErrors {
  const errors: FormErrors = {};
  for (const field of Object.keys(fields ?? {})) {
    const reason = reasons[field];
    const slot = /^slots\.(\d+)\.(startsAt|endsAt)$/.exec(field);
    if (slot) {
      const row = maps.rowIndex?.[Number(slot[1])] ?? Number(slot[1]);
      const part = slot[2] === "startsAt" ? "start" : "end";
      errors[slotField(row, part)] = reasonMessage(requestReasonMessages, reason, field, { key: "requests.error.slotInvalid" });
      continue;
    }
    if (field === "slots") {
      errors[slotField(0, "date")] = { key: "requests.error.slotsEmpty" };
      continue;
    }
    const date = /^preferredDates\.(\d+)$/.exec(field);
    if (date) {
      const i = maps.dateIndex?.[Number(date[1])] ?? Number(date[1]);
      errors[`preferredDates.${i}`] = reasonMessage(requestReasonMessages, reason, field, { key: "requests.error.preferredDate" });
      continue;
    }
    if (field === "preferredDates") {
      errors["preferredDates.0"] = { key: "requests.error.preferredDate" };
      continue;
    }
    if (/^slotIds(\.\d+)?$/.test(field)) {
      errors.slotIds = { key: field === "slotIds" ? "requests.error.slotIds" : "requests.error.slotUnavailable" };
      continue;
    }
    const simple: Record<string, MessageKey> = {
      kind: "requests.error.kind",
      offeringId: "requests.error.offering",
      providerId: "requests.error.provider",
      subject: "requests.error.subject",
      message: "requests.error.message",
      participants: "requests.error.participants",
      deliveryMode: "requests.error.deliveryMode",
      location: "requests.error.location",
      reason: "requests.error.reason",
      body: "requests.error.body",
    };
    const key = simple[field];
    if (key) errors[field] = { key };
    else errors._ = { key: "requests.error.generic" };
  }
  return errors;
}

/** A whole-form message for an error code without fields. */
export function formErrorOf(code: string): FormError {
  switch (code) {
    case "INVALID_STATE":
      return { key: "requests.error.invalidState" };
    case "OUTSIDE_AVAILABILITY":
      return { key: "requests.error.outside" };
    case "NOT_FOUND":
      return { key: "requests.error.notFound" };
    case "FORBIDDEN":
      return { key: "requests.error.forbidden" };
    case "RATE_LIMITED":
      return { key: "requests.error.mailLimit" };
    default:
      return { key: "requests.error.summary" };
  }
}
