-- capacity SDK, PostgreSQL schema, version 3: lookups by key that stay lookups by key whatever
-- the statistics say.
--
-- Applied by Flyway after V002 (see V001__baseline.sql for how); docs/schema.md describes the
-- indexes and docs/upgrading.md the upgrade.
--
-- Every index leads with restaurant_id, so each of them can serve a scan of one restaurant's
-- rows. When a table's statistics describe it as empty (ANALYZE ran before the day's writes),
-- every such index costs the planner the same, and a lookup by primary key could be planned as a
-- walk through all of the restaurant's rows of another index, filtering each: the ledger lookup
-- of every command did that, through the booking index. A partial index serves only the queries
-- that imply its predicate, so the indexes below keep their rows but no longer serve lookups by
-- other columns.

-- Blocks are looked up by their id; assignments and holds have none, and no longer get an entry.
DROP INDEX occupancy_block_idx;
CREATE INDEX occupancy_block_idx ON occupancy (restaurant_id, block_id) WHERE block_id IS NOT NULL;

-- booking_id is never null here: the predicate only restricts which queries may use the index
-- (those naming a booking), not what it holds.
DROP INDEX idempotency_ledger_booking_idx;
CREATE INDEX idempotency_ledger_booking_idx ON idempotency_ledger (restaurant_id, booking_id)
  WHERE booking_id IS NOT NULL;
