/**
 * Which kind of request an on-request offering is asked for with, and the link of its
 * "Aanvragen" action. Client-safe and pure.
 */
import type { RequestKindValue } from "./schemas";

type OfferingLike = { id: string; format: string; requestKind?: RequestKindValue | null };

/** The offering's own kind, else one derived from its format (trainings and talks are tailor-made training). */
export function requestKindFor(offering: OfferingLike): RequestKindValue {
  if (offering.requestKind) return offering.requestKind;
  switch (offering.format) {
    case "intervision":
      return "intervision";
    case "trajectory":
      return "trajectory";
    case "consultation":
      return "consultation";
    default:
      return "custom_training";
  }
}

/** The request form, prefilled with provider, offering and kind. */
export function requestLink(providerSlug: string, offering?: OfferingLike): string {
  const params = new URLSearchParams({ provider: providerSlug });
  if (offering) {
    params.set("offering", offering.id);
    params.set("kind", requestKindFor(offering));
  }
  return `/requests/new?${params}`;
}

/** The operator's triage route: "Weet u niet wie? Vraag het de expertenpool". */
export const TRIAGE_LINK = "/requests/new?triage=1";

/** A phone number as a `tel:` URI (digits and a leading +; Belgian numbers as published). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return `tel:${digits}`;
}
