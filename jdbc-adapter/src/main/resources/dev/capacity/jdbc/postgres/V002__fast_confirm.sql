-- capacity SDK, PostgreSQL schema, version 2: cheaper lookahead reads and confirms.
--
-- Applied by Flyway after V001 (see V001__baseline.sql for how); docs/schema.md describes the
-- columns and docs/upgrading.md the upgrade.

-- The lookahead of every quote reads the pending bookings of a few hours that hold no tables;
-- this index holds only pending bookings, so the read no longer walks the seated ones.
CREATE INDEX booking_pending_idx ON booking (restaurant_id, starts_at) WHERE status = 'PENDING';

-- Increases with every save of the restaurant's floor plan, policy or time zone, whatever
-- versions the caller gives them. A hold records the revision and the booking version its rules
-- were checked against; its confirm checks the rules again only when either has changed.
ALTER TABLE restaurant ADD COLUMN context_revision bigint NOT NULL DEFAULT 1;
ALTER TABLE hold ADD COLUMN context_revision bigint;
ALTER TABLE hold ADD COLUMN booking_version bigint;
