/**
 * "HH:mm" wall-clock times of the availability calendar. Client-safe and free of the
 * holiday library, so that the browser code (the planner's calendar) can use it without
 * shipping that library (ADR 0057).
 */
const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
export const isHhmm = (v: string) => hhmm.test(v);
export const toMinutes = (v: string) => {
  const [h, m] = v.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
