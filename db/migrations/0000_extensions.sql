-- Custom migration: btree_gist lets later EXCLUDE USING gist constraints combine
-- equality on a uuid (trainer) with overlap on a tstzrange (session period).
CREATE EXTENSION IF NOT EXISTS btree_gist;
