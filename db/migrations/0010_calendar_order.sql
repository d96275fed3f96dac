CREATE TABLE "calendar_sequences" (
	"session_id" uuid NOT NULL,
	"recipient_hash" text NOT NULL,
	"sequence" integer NOT NULL,
	"stamp" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_sequences_session_id_recipient_hash_pk" PRIMARY KEY("session_id","recipient_hash")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "mail_token" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_sequences" ADD CONSTRAINT "calendar_sequences_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_recipient_order_idx" ON "outbox" USING btree ("session_id",lower("recipient_email"),"id") WHERE "outbox"."sent_at" IS NULL AND "outbox"."failed_at" IS NULL;