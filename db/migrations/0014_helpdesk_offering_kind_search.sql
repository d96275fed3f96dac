ALTER TYPE "public"."request_kind" ADD VALUE 'helpdesk';--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "request_kind" "request_kind";--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (dutch_search_vector(coalesce("offerings"."title", '') || ' ' || coalesce("offerings"."description", ''))) STORED;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (dutch_search_vector("sessions"."title")) STORED;--> statement-breakpoint
CREATE INDEX "offerings_search_idx" ON "offerings" USING gin ("search_vector");