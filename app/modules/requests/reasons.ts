/**
 * Why a request use case refuses a field: the closed set of reasons of the requests
 * module, each with the English text the API sends. The request pages map the reasons
 * (never the text) to Dutch or English through app/i18n/reasons.ts.
 */
import { defineReasons, type ReasonsOf } from "../../utils/errors";

export const requestReasons = defineReasons({
  unknown_zone: (p: { zone: string }) => `Unknown time zone: ${p.zone}`,
  invalid_time: () => "Not a valid date and time.",
  dst_gap: (p: { local: string; zone: string }) => `${p.local} does not exist in ${p.zone} (daylight-saving change).`,
  ambiguous_time: (p: { local: string; zone: string }) =>
    `${p.local} occurs twice in ${p.zone} (daylight-saving change): add the offset, e.g. +02:00 for the first or +01:00 for the second.`,
  end_before_start: () => "The end must be after the start.",
  too_long: () => "A slot lasts at most 24 hours.",
  past: () => "The slot must start in the future.",
  outside_availability: () => "Outside your available hours.",
  date_passed: () => "This date has passed.",
  unknown_provider: () => "No such provider.",
  unknown_offering: () => "No such offering of this provider.",
  unknown_own_offering: () => "No such offering of your organisation.",
  no_offering_yet: () => "Your organisation has no offering yet to hold these sessions: add one first.",
  not_proposed: () => "Not a proposed slot of this request.",
  slot_started: () => "This slot has already started.",
});

export type RequestReason = ReasonsOf<typeof requestReasons>;
