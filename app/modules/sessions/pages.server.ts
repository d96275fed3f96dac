/**
 * The planner's forms as use cases, so that routes stay thin: each function takes the
 * submitted fields, parses them (form.ts), makes the domain call (publishing.server.ts,
 * offerings.server.ts) and answers with either the outcome or Dutch field errors.
 */

import { type ProviderActor, providerActor } from "~/modules/accounts/actors";
import { parseForm } from "~/utils/form-parse";
import { notFound } from "~/utils/http.server";
import { isUuid } from "~/utils/uuid";
import { DomainError } from "../../utils/errors";
import { saveAvailability } from "../availability/availability.server";
import { type ClosingConflict, closingConflicts } from "../availability/conflicts.server";
import { type AvailabilityFormValues, parseAvailabilityForm } from "../availability/form";
import { isWithinAvailability } from "../availability/hours";
import { type HolidayKey, holidayOn } from "../holidays/holidays";
import { domainErrorToForm, type FormError, type FormErrors, parseSessionEditForm, parseSessionForm, type SessionEditValues, type SessionFormValues, scheduleFields, statusForDomainError } from "./form";
import type { Format } from "./formats";
import { type OfferingFormValues, offeringCandidate, offeringErrors } from "./offering-form";
import { createOffering, updateOffering } from "./offerings.server";
import { cancelSession, createSessions, previewSeries, updateSession } from "./publishing.server";
import { getAvailability, getPlannerSession, getProviderOffering, listStaff } from "./queries.server";
import { cancelSessionSchema, offeringSchema } from "./schemas";

/** The planner acting for their provider (the same as accounts/actors' providerActor). */
export const plannerActor = providerActor;

export type Failure = { ok: false; status: number; errors: FormErrors; formError?: FormError };

function fromDomainError(e: unknown): Failure {
  if (!(e instanceof DomainError)) throw e;
  if (e.code === "NOT_FOUND") notFound();
  const { errors, formError } = domainErrorToForm(e);
  return { ok: false, status: statusForDomainError(e.code), errors, formError };
}

/** The domain call's outcome, marked ok; a refusal (DomainError) as the form's errors. */
async function outcome<T extends object>(call: () => Promise<T>): Promise<Failure | ({ ok: true } & T)> {
  try {
    return { ok: true, ...(await call()) };
  } catch (e) {
    return fromDomainError(e);
  }
}

const invalid = (errors: FormErrors): Failure => ({ ok: false, status: 422, errors, formError: { key: "provider.error.summary" } });

// ---------------------------------------------------------------- sessions

export type PreviewDate = { date: string; startsAt: Date; endsAt: Date; outside: boolean; past: boolean; holiday: HolidayKey | null };

/** A series' dates on a public holiday that the planner did not keep: skipped by default (ADR 0056). */
function holidaySkips(dates: { date: string }[], keep: string[] = []): string[] {
  return dates.filter((d) => holidayOn(d.date) && !keep.includes(d.date)).map((d) => d.date);
}

/**
 * The new-session form: "preview" lists the dates (Brussels) the series would get, with
 * those outside the available hours marked; "save" creates the session(s).
 */
export async function submitNewSession(args: {
  actor: ProviderActor;
  values: SessionFormValues;
  intent: "preview" | "save";
  now: Date;
}): Promise<Failure | { ok: true; preview: PreviewDate[] } | { ok: true; sessionIds: string[]; seriesId: string | null }> {
  const { actor, values, now } = args;
  const offering = isUuid(values.offeringId)
    ? await getProviderOffering({ providerId: actor.providerId, offeringId: values.offeringId })
    : null;
  const parsed = parseSessionForm(
    values,
    offering && {
      format: offering.format as Format,
      durationMinutes: offering.durationMinutes,
      defaultCapacity: offering.defaultCapacity,
      deliveryMode: offering.deliveryMode,
    },
    now,
  );
  if (args.intent === "preview") {
    // The preview needs only the schedule; the other fields are checked on "save".
    if (!parsed.plan) {
      const errors = parsed.ok ? {} : parsed.errors;
      return invalid(Object.fromEntries(scheduleFields.filter((f) => errors[f]).map((f) => [f, errors[f]])));
    }
    const { plan } = parsed;
    return outcome(async () => {
      const dates = previewSeries({ startsAt: plan.startsAt, durationMinutes: plan.durationMinutes, rrule: plan.rrule ?? "FREQ=DAILY;COUNT=1" });
      const calendars = [await getAvailability({ providerId: actor.providerId })];
      const trainerIds = values.trainerIds.filter(isUuid);
      for (const id of trainerIds) calendars.push(await getAvailability({ providerId: actor.providerId, trainerUserId: id }));
      return {
        preview: dates.map((d) => ({
          ...d,
          outside: calendars.some((c) => !isWithinAvailability(c, d.startsAt, d.endsAt)),
          past: d.startsAt <= now,
          holiday: plan.rrule ? (holidayOn(d.date)?.key ?? null) : null,
        })),
      };
    });
  }
  if (!parsed.ok) return invalid(parsed.errors);
  const { input } = parsed;
  return outcome(async () => {
    if (input.recurrence) {
      const dates = previewSeries({ startsAt: input.startsAt, durationMinutes: input.durationMinutes ?? 0, rrule: input.recurrence.rrule });
      const exdates = [...new Set([...(input.recurrence.exdates ?? []), ...holidaySkips(dates, values.keepHoliday)])];
      input.recurrence = { ...input.recurrence, exdates };
    }
    return createSessions({ actor, input, now });
  });
}

/** The edit form of one session (404 for another provider's session). */
export async function submitSessionEdit(args: {
  actor: ProviderActor;
  sessionId: string;
  values: SessionEditValues;
  now: Date;
}): Promise<Failure | { ok: true; sessionIds: string[] }> {
  const { actor, now } = args;
  const session = await getPlannerSession({ providerId: actor.providerId, sessionId: args.sessionId });
  if (!session) notFound();
  if (session.status === "cancelled") return { ok: false, status: 409, errors: {}, formError: { key: "provider.error.invalidState" } };
  const parsed = parseSessionEditForm(args.values, { ...session, trainerIds: session.trainers.map((t) => t.id) }, now);
  if (!parsed.ok) return invalid(parsed.errors);
  if (!parsed.changed) return { ok: true, sessionIds: [] };
  return outcome(() => updateSession({ actor, sessionId: session.id, input: parsed.input, now }));
}

export async function submitSessionCancel(args: {
  actor: ProviderActor;
  sessionId: string;
  reason: string;
  scope: string;
  now: Date;
}): Promise<Failure | { ok: true; sessionIds: string[] }> {
  const parsed = cancelSessionSchema.safeParse({ reason: args.reason, scope: args.scope || "this" });
  if (!parsed.success) {
    const errors: FormErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      errors[field === "reason" ? "reason" : "cancelScope"] = { key: field === "reason" ? "provider.error.reason" : "provider.error.scope" };
    }
    return invalid(errors);
  }
  if (!isUuid(args.sessionId)) notFound();
  return outcome(() => cancelSession({ actor: args.actor, sessionId: args.sessionId, reason: parsed.data.reason, scope: parsed.data.scope, now: args.now }));
}

// ---------------------------------------------------------------- availability

/**
 * Saves the availability form. When a newly closed day (or a holiday no longer reopened)
 * holds published sessions, nothing is saved until the planner confirms those sessions by
 * id (`confirmed`): the answer names them instead.
 */
export async function submitAvailability(args: {
  actor: ProviderActor;
  trainerUserId: string | null;
  values: AvailabilityFormValues;
  confirmed?: string[];
  now: Date;
}): Promise<Failure | { ok: true; stranded: number } | { ok: false; status: 200; confirm: ClosingConflict[] }> {
  if (args.trainerUserId) {
    const staff = await listStaff(args.actor.providerId);
    if (!staff.some((s) => s.id === args.trainerUserId)) notFound();
  }
  const parsed = parseAvailabilityForm(args.values);
  if (!parsed.ok) return invalid(parsed.errors);
  const conflicts = await closingConflicts({
    providerId: args.actor.providerId,
    trainerUserId: args.trainerUserId,
    previous: await getAvailability({ providerId: args.actor.providerId, trainerUserId: args.trainerUserId }),
    next: parsed.availability,
    now: args.now,
  });
  const confirmed = new Set(args.confirmed ?? []);
  if (conflicts.some((c) => !confirmed.has(c.id))) return { ok: false, status: 200, confirm: conflicts };
  return outcome(async () => {
    await saveAvailability({ actor: args.actor, trainerUserId: args.trainerUserId, availability: parsed.availability, strandedSessions: conflicts.length, now: args.now });
    return { stranded: conflicts.length };
  });
}

// ---------------------------------------------------------------- offerings

export async function submitOffering(args: {
  actor: ProviderActor;
  offeringId?: string;
  values: OfferingFormValues;
  now: Date;
}): Promise<Failure | { ok: true; id: string; slug: string }> {
  const parsed = parseForm(offeringSchema, offeringCandidate(args.values));
  if (!parsed.ok) return invalid(offeringErrors(parsed.issues));
  return outcome(async () => {
    if (args.offeringId) {
      if (!isUuid(args.offeringId)) notFound();
      return updateOffering({ actor: args.actor, offeringId: args.offeringId, input: parsed.data, now: args.now });
    }
    return createOffering({ actor: args.actor, input: parsed.data, now: args.now });
  });
}
