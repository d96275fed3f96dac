/** Enum values of the catalog (mirroring db/schema/catalog.ts), without zod, for components. */
export const FORMATS = ["full_day", "half_day", "lecture", "webinar", "intervision", "consultation", "trajectory"] as const;
export const DELIVERY_MODES = ["on_site", "online", "hybrid"] as const;
export const BOOKING_MODES = ["open", "on_request"] as const;
export const PUBLIC_STATUSES = ["published", "cancelled"] as const;
export const VISIBILITIES = ["public", "private"] as const;

export type CatalogFormat = (typeof FORMATS)[number];
export type CatalogDeliveryMode = (typeof DELIVERY_MODES)[number];
export type CatalogBookingMode = (typeof BOOKING_MODES)[number];
