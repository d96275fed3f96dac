-- Custom migration (#12 catalog search): unaccent, and an IMMUTABLE wrapper so that it can be
-- used in generated columns and indexes (unaccent() itself is only STABLE because its
-- dictionary could change; we pin the dictionary by name and schema).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;--> statement-breakpoint
-- The Dutch search text of a catalog item: accents removed, then Dutch stemming.
CREATE OR REPLACE FUNCTION dutch_search_vector(text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT to_tsvector('pg_catalog.dutch'::regconfig, immutable_unaccent($1)) $$;
