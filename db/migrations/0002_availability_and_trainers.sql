CREATE TABLE "availability_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"trainer_user_id" uuid,
	"time_zone" text DEFAULT 'Europe/Brussels' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_calendars_owner_key" UNIQUE NULLS NOT DISTINCT("provider_id","trainer_user_id")
);
--> statement-breakpoint
CREATE TABLE "availability_exceptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" time,
	"end_time" time,
	"note" text,
	CONSTRAINT "availability_exceptions_range" CHECK (("availability_exceptions"."start_time" IS NULL AND "availability_exceptions"."end_time" IS NULL) OR ("availability_exceptions"."start_time" IS NOT NULL AND "availability_exceptions"."end_time" IS NOT NULL AND "availability_exceptions"."start_time" < "availability_exceptions"."end_time"))
);
--> statement-breakpoint
CREATE TABLE "availability_weekly" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"calendar_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	CONSTRAINT "availability_weekly_weekday" CHECK ("availability_weekly"."weekday" between 1 and 7),
	CONSTRAINT "availability_weekly_order" CHECK ("availability_weekly"."start_time" < "availability_weekly"."end_time")
);
--> statement-breakpoint
ALTER TABLE "session_series" ADD COLUMN "wall_start" text NOT NULL;--> statement-breakpoint
ALTER TABLE "session_series" ADD COLUMN "duration_minutes" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "session_trainers" ADD COLUMN "period" "tstzrange" NOT NULL;--> statement-breakpoint
ALTER TABLE "session_trainers" ADD COLUMN "active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "max_seats_per_municipality" integer;--> statement-breakpoint
ALTER TABLE "availability_calendars" ADD CONSTRAINT "availability_calendars_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_calendars" ADD CONSTRAINT "availability_calendars_trainer_user_id_users_id_fk" FOREIGN KEY ("trainer_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_exceptions" ADD CONSTRAINT "availability_exceptions_calendar_id_availability_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."availability_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_weekly" ADD CONSTRAINT "availability_weekly_calendar_id_availability_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."availability_calendars"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "availability_exceptions_calendar_date_idx" ON "availability_exceptions" USING btree ("calendar_id","date");--> statement-breakpoint
CREATE INDEX "availability_weekly_calendar_idx" ON "availability_weekly" USING btree ("calendar_id");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_municipality_cap_positive" CHECK ("sessions"."max_seats_per_municipality" IS NULL OR "sessions"."max_seats_per_municipality" > 0);