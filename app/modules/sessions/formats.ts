/** Client-safe format facts: the contract's formats and their sensible defaults. */
export const formats = ["full_day", "half_day", "lecture", "webinar", "intervision", "consultation", "trajectory"] as const;
export type Format = (typeof formats)[number];

/** Default wall-clock start and duration per format (a full day 09:00–16:30, a half day 3.5 h, a lecture 2 h). */
export const formatDefaults: Record<Format, { start: string; durationMinutes: number; capacity: number }> = {
  full_day: { start: "09:00", durationMinutes: 450, capacity: 20 },
  half_day: { start: "09:00", durationMinutes: 210, capacity: 20 },
  lecture: { start: "14:00", durationMinutes: 120, capacity: 40 },
  webinar: { start: "12:30", durationMinutes: 90, capacity: 100 },
  intervision: { start: "14:00", durationMinutes: 150, capacity: 12 },
  consultation: { start: "10:00", durationMinutes: 90, capacity: 4 },
  trajectory: { start: "10:00", durationMinutes: 90, capacity: 4 },
};
