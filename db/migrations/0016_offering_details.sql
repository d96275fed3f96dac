ALTER TABLE "offerings" ADD COLUMN "programme" text;--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "audience" text;--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "session_count" integer;--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "intake" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "span_months" integer;--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_session_count_range" CHECK ("offerings"."session_count" IS NULL OR "offerings"."session_count" BETWEEN 1 AND 100);--> statement-breakpoint
ALTER TABLE "offerings" ADD CONSTRAINT "offerings_span_months_range" CHECK ("offerings"."span_months" IS NULL OR "offerings"."span_months" BETWEEN 1 AND 60);