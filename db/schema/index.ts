export * from "./organisations";
export * from "./auth";
export * from "./catalog";
export * from "./audit";
export * from "./availability";
export * from "./bookings";
