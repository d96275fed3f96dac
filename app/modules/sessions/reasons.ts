/**
 * Why publishing refuses a field: the closed set of reasons of the sessions module, each
 * with the English text the API sends. The planner's forms turn the reasons (never the
 * text) into Dutch or English through app/i18n/reasons.ts.
 */
import { defineReasons, type ReasonsOf } from "../../utils/errors";
import { timeTexts } from "../time/period";
import { recurrenceTexts } from "./recurrence";

export const sessionReasons = defineReasons({
  ...timeTexts("session"),
  has_bookings: () => "This session has bookings: cancel it instead of setting it back to draft.",
  unknown_offering: () => "No such offering of your organisation.",
  municipality_required: () => "A private session belongs to one municipality.",
  unknown_municipality: () => "No such municipality.",
  location_required: () => "Give a place (or an online link for an online session).",
  all_skipped: () => "Every date of the series is skipped.",
  deadline_after_start: () => "The booking deadline must be before the start.",
  below_confirmed: (p: { confirmed: number }) => `Capacity can't go below the ${p.confirmed} confirmed seats.`,
  not_member: () => "Not a member of this provider.",
  trainer_conflict: () => "A trainer is already assigned to an overlapping session.",
  /** date (yyyy-mm-dd) and time (HH:mm) of the occurrence, Brussels time. */
  outside_availability: (_: { date: string; time: string }) => "Outside the available hours.",
  ...recurrenceTexts,
});

export type SessionReason = ReasonsOf<typeof sessionReasons>;
