import { sql } from "drizzle-orm";
import { boolean, check, date, index, pgTable, smallint, text, time, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { requiredRef, uuidPrimaryKey } from "./columns";
import { organisations, users } from "./organisations";

/**
 * A provider's weekly hours (trainer_user_id null) or one trainer's own hours.
 * Times are wall-clock times in time_zone.
 */
export const availabilityCalendars = pgTable(
  "availability_calendars",
  {
    id: uuidPrimaryKey(),
    providerId: requiredRef("provider_id", () => organisations.id, { onDelete: "cascade" }),
    trainerUserId: uuid("trainer_user_id").references(() => users.id, { onDelete: "cascade" }),
    timeZone: text("time_zone").notNull().default("Europe/Brussels"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("availability_calendars_owner_key").on(t.providerId, t.trainerUserId).nullsNotDistinct()],
);

export const availabilityWeekly = pgTable(
  "availability_weekly",
  {
    id: uuidPrimaryKey(),
    calendarId: requiredRef("calendar_id", () => availabilityCalendars.id, { onDelete: "cascade" }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint("weekday").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
  },
  (t) => [
    index("availability_weekly_calendar_idx").on(t.calendarId),
    check("availability_weekly_weekday", sql`${t.weekday} between 1 and 7`),
    check("availability_weekly_order", sql`${t.startTime} < ${t.endTime}`),
  ],
);

/**
 * Exceptions replace the weekly hours on their date: a row without times closes the
 * whole day (closure); rows with times are that day's only hours (extra or changed
 * hours); a row with `open` reopens a public holiday with the weekly hours (holidays are
 * closed by default, ADR 0056).
 */
export const availabilityExceptions = pgTable(
  "availability_exceptions",
  {
    id: uuidPrimaryKey(),
    calendarId: requiredRef("calendar_id", () => availabilityCalendars.id, { onDelete: "cascade" }),
    date: date("date").notNull(),
    startTime: time("start_time"),
    endTime: time("end_time"),
    note: text("note"),
    open: boolean("open").notNull().default(false),
  },
  (t) => [
    index("availability_exceptions_calendar_date_idx").on(t.calendarId, t.date),
    check("availability_exceptions_open_all_day", sql`NOT ${t.open} OR ${t.startTime} IS NULL`),
    check(
      "availability_exceptions_range",
      sql`(${t.startTime} IS NULL AND ${t.endTime} IS NULL) OR (${t.startTime} IS NOT NULL AND ${t.endTime} IS NOT NULL AND ${t.startTime} < ${t.endTime})`,
    ),
  ],
);
