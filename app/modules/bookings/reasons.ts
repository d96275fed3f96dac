/**
 * Why a booking refuses a field: the closed set of reasons of the bookings module, each
 * with the English text the API sends. The booking pages map the reasons (never the text)
 * to Dutch or English through app/i18n/reasons.ts.
 */
import { defineReasons, type ReasonsOf } from "../../utils/errors";

export const bookingReasons = defineReasons({
  /** row: the 1-based row where the address first appears. */
  duplicate_email: (_: { row: number }) => "This e-mail address appears twice in the list.",
  already_booked: () => "This person already has a seat in this session.",
  someone_booked: () => "Someone in the list already has a seat in this session.",
  over_municipality_cap: (p: { max: number; left: number }) =>
    `A municipality can hold at most ${p.max} seats in this session; ${p.left} left for yours.`,
  /** domains: the municipality's allowed domains, comma-separated. */
  email_domain: (p: { domains: string }) =>
    `This address is not on one of your municipality's domains (${p.domains}); confirm it with allowOtherDomains: true if it is right.`,
  key_reused: () => "This Idempotency-Key was used for a different request.",
});

export type BookingReason = ReasonsOf<typeof bookingReasons>;
