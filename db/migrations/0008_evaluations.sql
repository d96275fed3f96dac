CREATE TABLE "evaluation_invites" (
	"seat_id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"invited_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"seat_id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"usefulness" smallint,
	"trainer" smallint,
	"will_use" text,
	"missing" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "evaluations_usefulness_range" CHECK ("evaluations"."usefulness" IS NULL OR "evaluations"."usefulness" BETWEEN 1 AND 5),
	CONSTRAINT "evaluations_trainer_range" CHECK ("evaluations"."trainer" IS NULL OR "evaluations"."trainer" BETWEEN 1 AND 5),
	CONSTRAINT "evaluations_will_use_length" CHECK (char_length("evaluations"."will_use") <= 2000),
	CONSTRAINT "evaluations_missing_length" CHECK (char_length("evaluations"."missing") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "evaluation_invites" ADD CONSTRAINT "evaluation_invites_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_invites" ADD CONSTRAINT "evaluation_invites_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "public"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_provider_id_organisations_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evaluation_invites_session_idx" ON "evaluation_invites" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "evaluations_session_idx" ON "evaluations" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "evaluations_offering_idx" ON "evaluations" USING btree ("offering_id");--> statement-breakpoint
CREATE INDEX "evaluations_provider_idx" ON "evaluations" USING btree ("provider_id","created_at");