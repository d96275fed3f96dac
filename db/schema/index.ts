export * from "./organisations";
export * from "./auth";
export * from "./catalog";
export * from "./audit";
export * from "./availability";
export * from "./bookings";
export * from "./requests";
export * from "./reminders";
