-- Custom migration (drizzle-kit can't express exclusion constraints).
-- A trainer can't be in two overlapping active sessions, whatever the concurrency:
-- two transactions inserting overlapping periods for one trainer can't both commit.
ALTER TABLE "session_trainers"
  ADD CONSTRAINT "session_trainers_no_overlap"
  EXCLUDE USING gist ("user_id" WITH =, "period" WITH &&) WHERE ("active");
--> statement-breakpoint
ALTER TABLE "session_trainers"
  ADD CONSTRAINT "session_trainers_period_not_empty" CHECK (NOT isempty("period"));
