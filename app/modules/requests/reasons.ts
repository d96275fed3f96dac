/**
 * Why a request use case refuses a field: the closed set of reasons of the requests
 * module, each with the English text the API sends. The request pages map the reasons
 * (never the text) to Dutch or English through app/i18n/reasons.ts.
 */
import { defineReasons, type ReasonsOf } from "../../utils/errors";
import { timeTexts } from "../time/period";

export const requestReasons = defineReasons({
  ...timeTexts("slot"),
  outside_availability: () => "Outside your available hours.",
  date_passed: () => "This date has passed.",
  unknown_provider: () => "No such provider.",
  unknown_offering: () => "No such offering of this provider.",
  offering_needs_provider: () => "An offering belongs to a provider: choose the provider too, or leave both out.",
  unknown_own_offering: () => "No such offering of your organisation.",
  no_offering_yet: () => "Your organisation has no offering yet to hold these sessions: add one first.",
  not_proposed: () => "Not a proposed slot of this request.",
  slot_started: () => "This slot has already started.",
});

export type RequestReason = ReasonsOf<typeof requestReasons>;
