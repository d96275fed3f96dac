/** Rows of the catalog → the contract's JSON shapes (CONTRACT.md). Pure; times in Brussels. */
import type { RequestKindValue } from "../requests/schemas";
import { toZonedIso, ZONE } from "../time/brussels";
import type {
  CatalogBookingMode,
  CatalogDeliveryMode,
  CatalogFormat,
  OfferingJson,
  ProviderJson,
  SessionJson,
} from "./schemas";

/** Who is looking: decides private sessions and the online link. */
export type Viewer = {
  role: "admin" | "provider" | "coordinator";
  organisationId: string;
};

export function viewerOf(
  user: { role: Viewer["role"]; organisation: { id: string } } | null | undefined,
): Viewer | null {
  return user ? { role: user.role, organisationId: user.organisation.id } : null;
}

export type ProviderRecord = {
  id: string;
  slug: string;
  name: string;
  description: string;
  contact: { email?: string; phone?: string; website?: string; note?: string };
};

export type OfferingRecord = {
  id: string;
  providerId: string;
  slug: string;
  title: string;
  description: string;
  format: CatalogFormat;
  deliveryMode: CatalogDeliveryMode;
  durationMinutes: number;
  bookingMode: CatalogBookingMode;
  hoursNote: string | null;
  /** The kind a request for it gets (on-request offerings); null: derived from the format. */
  requestKind: RequestKindValue | null;
  /** Programme (agenda) and target audience (#12); null: not given. */
  programme: string | null;
  audience: string | null;
  /** Multi-session formats: sessions, an intake first, months spread over (app/modules/catalog/duration.ts). */
  sessionCount: number | null;
  intake: boolean;
  spanMonths: number | null;
};

/** A session joined with its offering and provider, as catalog.server.ts reads it. */
export type SessionRecord = {
  id: string;
  offeringId: string;
  providerId: string;
  providerSlug: string;
  providerName: string;
  title: string;
  format: CatalogFormat;
  deliveryMode: CatalogDeliveryMode;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  seatsTaken: number;
  waitlistCount: number;
  bookingDeadline: Date;
  status: "published" | "cancelled";
  visibility: "public" | "private";
  municipalityId: string | null;
  seriesId: string | null;
  sequence: number;
  locationName: string | null;
  locationAddress: string | null;
  onlineUrl: string | null;
  icalUid: string;
  cancelReason: string | null;
  updatedAt: Date;
  /** Set by getSession for a coordinator whose municipality holds a confirmed seat. */
  viewerHasConfirmedSeat?: boolean;
};

export function serializeProvider(p: ProviderRecord): ProviderJson {
  return { id: p.id, slug: p.slug, name: p.name, description: p.description, contact: { ...p.contact } };
}

export function serializeOffering(o: OfferingRecord): OfferingJson {
  return {
    id: o.id,
    providerId: o.providerId,
    title: o.title,
    format: o.format,
    deliveryMode: o.deliveryMode,
    durationMinutes: o.durationMinutes,
    bookingMode: o.bookingMode,
    description: o.description,
    programme: o.programme,
    audience: o.audience,
    sessionCount: o.sessionCount,
    intake: o.intake,
    spanMonths: o.spanMonths,
  };
}

/** The meeting link: only for the session's own provider and municipalities with a confirmed seat. */
export function canSeeOnlineUrl(s: Pick<SessionRecord, "providerId" | "viewerHasConfirmedSeat">, viewer: Viewer | null): boolean {
  if (viewer?.role === "provider") return viewer.organisationId === s.providerId;
  return viewer?.role === "coordinator" && s.viewerHasConfirmedSeat === true;
}

export function serializeSession(s: SessionRecord, viewer: Viewer | null = null): SessionJson {
  const location =
    s.locationName === null && s.locationAddress === null ? null : { name: s.locationName, address: s.locationAddress };
  const json: SessionJson = {
    id: s.id,
    offeringId: s.offeringId,
    provider: { id: s.providerId, slug: s.providerSlug, name: s.providerName },
    title: s.title,
    format: s.format,
    deliveryMode: s.deliveryMode,
    startsAt: toZonedIso(s.startsAt),
    endsAt: toZonedIso(s.endsAt),
    timeZone: ZONE,
    location,
    capacity: s.capacity,
    seatsTaken: s.seatsTaken,
    seatsAvailable: Math.max(0, s.capacity - s.seatsTaken),
    waitlistCount: s.waitlistCount,
    bookingDeadline: toZonedIso(s.bookingDeadline),
    status: s.status,
    visibility: s.visibility,
    seriesId: s.seriesId,
    sequence: s.sequence,
  };
  if (canSeeOnlineUrl(s, viewer)) json.onlineUrl = s.onlineUrl;
  return json;
}
