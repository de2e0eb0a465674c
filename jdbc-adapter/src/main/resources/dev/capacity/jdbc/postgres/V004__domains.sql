-- capacity SDK, PostgreSQL schema, version 4: single-column checks as domains.
--
-- Applied by Flyway after V003 (see V001__baseline.sql for how); docs/schema.md describes the
-- columns and docs/upgrading.md the upgrade (it rewrites four tables under an exclusive lock).
--
-- PostgreSQL keeps a table's CHECK constraints as text and parses and plans every one of them
-- again in each INSERT or UPDATE statement that writes the table, even for columns the statement
-- does not change: about 11,000 characters of expression trees per seated booking, 13 % of the
-- server's instructions in a hold-and-confirm. A domain's checks are parsed once per session and
-- run only when a value of the domain is written. The rules are the same; a value that breaks one
-- is still refused with SQLSTATE 23514 (check_violation), now naming the domain's constraint,
-- which keeps the table constraint's name. Checks over two or more columns stay on their tables.

-- booking.status: the SDK's BookingStatus constant names.
CREATE DOMAIN booking_status_code AS text
  CONSTRAINT booking_status CHECK (
    VALUE IN ('PENDING', 'CONFIRMED', 'SEATED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'));

-- A party size, a table's capacity or its smallest party: at least 1.
CREATE DOMAIN positive_count AS integer
  CONSTRAINT positive_count CHECK (VALUE >= 1);

-- restaurant.time_zone (P4.3: required, never blank).
CREATE DOMAIN not_blank_text AS text
  CONSTRAINT not_blank CHECK (btrim(VALUE) <> '');

-- occupancy.kind.
CREATE DOMAIN occupancy_kind_code AS text
  CONSTRAINT occupancy_kind CHECK (VALUE IN ('ASSIGNMENT', 'HOLD', 'BLOCK'));

-- occupancy.during: a bounded, non-empty [start, end) range.
CREATE DOMAIN occupancy_window AS tstzrange
  CONSTRAINT occupancy_range CHECK (
    NOT isempty(VALUE) AND lower_inc(VALUE) AND NOT upper_inc(VALUE)
    AND NOT lower_inf(VALUE) AND NOT upper_inf(VALUE));

ALTER TABLE restaurant DROP CONSTRAINT restaurant_time_zone_not_blank;
ALTER TABLE restaurant ALTER COLUMN time_zone TYPE not_blank_text;

ALTER TABLE dining_table
  DROP CONSTRAINT dining_table_capacity_positive,
  DROP CONSTRAINT dining_table_party_limits;
ALTER TABLE dining_table
  ALTER COLUMN capacity TYPE positive_count,
  ALTER COLUMN min_party_size TYPE positive_count,
  ADD CONSTRAINT dining_table_party_limits CHECK (max_party_size >= min_party_size);

ALTER TABLE booking
  DROP CONSTRAINT booking_status,
  DROP CONSTRAINT booking_party_positive;
ALTER TABLE booking
  ALTER COLUMN status TYPE booking_status_code,
  ALTER COLUMN party_size TYPE positive_count;

ALTER TABLE occupancy
  DROP CONSTRAINT occupancy_kind,
  DROP CONSTRAINT occupancy_range;
ALTER TABLE occupancy
  ALTER COLUMN kind TYPE occupancy_kind_code,
  ALTER COLUMN during TYPE occupancy_window;

-- Changing a column's type rebuilds the indexes on it (here every occupancy index on kind or
-- during) under new object ids. When statistics describe an empty table, a lookup of one
-- restaurant's block costs the same through the block index as through the booking index, and
-- the planner keeps the index it met first, the most recently created: so the block index is
-- created again, last, as V003 left it (PostgresKeyLookupsIT reads the plan).
DROP INDEX occupancy_block_idx;
CREATE INDEX occupancy_block_idx ON occupancy (restaurant_id, block_id) WHERE block_id IS NOT NULL;
