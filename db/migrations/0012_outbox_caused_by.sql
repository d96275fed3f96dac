ALTER TABLE "outbox" ADD COLUMN "caused_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "caused_by_organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_caused_by_user_id_users_id_fk" FOREIGN KEY ("caused_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_caused_by_organisation_id_organisations_id_fk" FOREIGN KEY ("caused_by_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_caused_by_user_idx" ON "outbox" USING btree ("caused_by_user_id","created_at");--> statement-breakpoint
CREATE INDEX "outbox_caused_by_org_idx" ON "outbox" USING btree ("caused_by_organisation_id","created_at");