ALTER TYPE "public"."request_kind" ADD VALUE 'helpdesk';--> statement-breakpoint
ALTER TABLE "offerings" ADD COLUMN "request_kind" "request_kind";