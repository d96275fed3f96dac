/**
 * Field reasons of the domain modules → the UI's message keys (Dutch and English texts in
 * the area catalogs). The domain's English texts (the API's) play no part here, so
 * rewording one can never change what the UI says.
 */
import type { BookingReason } from "../modules/bookings/reasons";
import type { RequestReason } from "../modules/requests/reasons";
import type { SessionReason } from "../modules/sessions/reasons";
import type { FieldReason } from "../utils/errors";
import type { FormError } from "../utils/form-errors";

type Params = Record<string, string | number>;
type Mapping<R extends string> = { [K in R]: (params: Params, field: string) => FormError };

const p = (params: Params, name: string): string | number => params[name] ?? "";

/** Reasons the UI words alike: one message for each of them. */
function alike<R extends string>(reasons: R[], message: Mapping<R>[R]): Mapping<R> {
  return Object.fromEntries(reasons.map((r) => [r, message])) as Mapping<R>;
}

export const sessionReasonMessages: Mapping<SessionReason> = {
  unknown_zone: () => ({ key: "provider.error.dateTime" }),
  dst_gap: (params) => ({ key: "provider.error.dstGap", vars: { time: String(p(params, "local")).slice(11, 16) } }),
  ambiguous_time: (params) => ({ key: "provider.error.ambiguousTime", vars: { time: String(p(params, "local")).slice(11, 16) } }),
  has_bookings: () => ({ key: "provider.error.sessionHasBookings" }),
  invalid_time: (_, field) => ({ key: field === "bookingDeadline" ? "provider.error.deadline" : "provider.error.dateTime" }),
  end_before_start: () => ({ key: "provider.error.endBeforeStart" }),
  too_long: () => ({ key: "provider.error.tooLong" }),
  past: () => ({ key: "provider.error.past" }),
  unknown_offering: () => ({ key: "provider.error.offering" }),
  ...alike(["municipality_required", "unknown_municipality"], () => ({ key: "provider.error.invalid" })),
  location_required: () => ({ key: "provider.error.location" }),
  all_skipped: () => ({ key: "provider.error.allSkipped" }),
  deadline_after_start: () => ({ key: "provider.error.deadlineAfterStart" }),
  below_confirmed: (params) => ({ key: "provider.error.capacityBelowSeats", vars: { seats: p(params, "confirmed") } }),
  not_member: () => ({ key: "provider.error.trainerNotMember" }),
  trainer_conflict: () => ({ key: "provider.error.trainerConflict" }),
  outside_availability: (params) => ({ key: "provider.error.outsideAvailabilityOn", vars: { date: p(params, "date"), time: p(params, "time") } }),
  ...alike(
    ["rrule_empty", "rrule_dtstart", "rrule_syntax", "rrule_frequency", "rrule_interval", "rrule_time_parts", "rrule_no_occurrence"],
    () => ({ key: "provider.error.rrule" }),
  ),
  ...alike(["rrule_unbounded", "rrule_count", "rrule_too_many"], (params) => ({ key: "provider.error.count", vars: { max: p(params, "max") } })),
  ...alike(["rrule_until_too_far", "rrule_until_before_start"], () => ({ key: "provider.error.until" })),
  rrule_dst_gap: (params) => ({ key: "provider.error.seriesDstGap", vars: { when: String(p(params, "when")) } }),
};

export const requestReasonMessages: Mapping<RequestReason> = {
  ...alike(["unknown_zone", "invalid_time"], () => ({ key: "requests.error.slotInvalid" })),
  dst_gap: () => ({ key: "requests.error.slotDst" }),
  ambiguous_time: () => ({ key: "requests.error.slotAmbiguous" }),
  end_before_start: () => ({ key: "requests.error.slotOrder" }),
  too_long: () => ({ key: "requests.error.slotLong" }),
  past: () => ({ key: "requests.error.slotPast" }),
  outside_availability: () => ({ key: "requests.error.slotOutside" }),
  date_passed: () => ({ key: "requests.error.preferredDatePast" }),
  unknown_provider: () => ({ key: "requests.error.provider" }),
  offering_needs_provider: () => ({ key: "requests.error.offeringNeedsProvider" }),
  ...alike(["unknown_offering", "unknown_own_offering", "no_offering_yet"], () => ({ key: "requests.error.offering" })),
  ...alike(["not_proposed", "slot_started"], () => ({ key: "requests.error.slotUnavailable" })),
};

export const bookingReasonMessages: Mapping<BookingReason> = {
  duplicate_email: (params) => ({ key: "bookings.error.duplicate", vars: { row: p(params, "row") } }),
  already_booked: () => ({ key: "bookings.error.substituteTaken" }),
  someone_booked: () => ({ key: "bookings.error.alreadyBookedSomeone" }),
  over_municipality_cap: (params) => ({ key: "bookings.error.cap", vars: { max: p(params, "max"), left: p(params, "left") } }),
  key_reused: () => ({ key: "bookings.error.keyReused" }),
  email_domain: (params) => ({ key: "bookings.error.emailDomain", vars: { domains: p(params, "domains") } }),
};

/** A reason as the UI's message; `fallback` for a reason this mapping does not know. */
export function reasonMessage<R extends string>(mapping: Mapping<R>, r: FieldReason | undefined, field: string, fallback: FormError): FormError {
  if (!r || !Object.hasOwn(mapping, r.reason)) return fallback;
  return mapping[r.reason as R](r.params ?? {}, field);
}
