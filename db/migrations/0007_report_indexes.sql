CREATE INDEX "seats_report_idx" ON "seats" USING btree ("session_id","municipality_id","status","attendance");--> statement-breakpoint
CREATE INDEX "seats_replaces_idx" ON "seats" USING btree ("replaces_seat_id") WHERE "seats"."replaces_seat_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "requests_created_idx" ON "requests" USING btree ("created_at");