-- capacity SDK, PostgreSQL schema, version 1.
--
-- Applied by Flyway through dev.capacity.jdbc.PostgresSchema.migrate(dataSource, schema) into a
-- schema of its own (history table capacity_schema_history). Objects are created unqualified, in
-- the schema Flyway runs in. docs/schema.md describes every table, function and result code.
--
-- Every table leads with restaurant_id: one database serves many restaurants, and every key,
-- constraint and index is scoped by it (the distribution key, should the data ever be sharded).
-- Ids are the SDK's string ids. Enumerations are stored as the Java constant names.

-- The exclusion constraint on occupancy compares text columns with = and <> in a GiST index.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- A restaurant: its time zone (P4.3: required, never defaulted), the versions of its floor plan
-- and policy (hashes computed by the SDK, compared by direct assignments), and the occupancy
-- version, which increases with every write that changes what occupies its tables.
CREATE TABLE restaurant (
  restaurant_id     text        NOT NULL,
  time_zone         text        NOT NULL,  -- the SDK's zone id, e.g. Europe/London
  db_time_zone      text        NOT NULL,  -- the same zone as PostgreSQL names it
  floor_version     text        NOT NULL,
  policy_version    text        NOT NULL,
  occupancy_version bigint      NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT restaurant_pk PRIMARY KEY (restaurant_id),
  CONSTRAINT restaurant_id_not_blank CHECK (btrim(restaurant_id) <> ''),
  CONSTRAINT restaurant_time_zone_not_blank CHECK (btrim(time_zone) <> '')
);

-- ------------------------------------------------------------------------------ floor plan

CREATE TABLE zone (
  restaurant_id text NOT NULL,
  zone_id       text NOT NULL,
  name          text NOT NULL,
  CONSTRAINT zone_pk PRIMARY KEY (restaurant_id, zone_id),
  CONSTRAINT zone_restaurant_fk FOREIGN KEY (restaurant_id)
    REFERENCES restaurant (restaurant_id) ON DELETE CASCADE
);

-- A physical table. min/max party size apply when it seats a party alone (P2.1).
-- occupancy_version is the restaurant's occupancy version of the last write that touched it:
-- a direct assignment decided on an older version of one of its tables is refused (P2.8, P3.1).
CREATE TABLE dining_table (
  restaurant_id     text    NOT NULL,
  table_id          text    NOT NULL,
  zone_id           text    NOT NULL,
  capacity          integer NOT NULL,
  min_party_size    integer NOT NULL,
  max_party_size    integer NOT NULL,
  combinable        boolean NOT NULL,
  active            boolean NOT NULL,
  attributes        jsonb   NOT NULL DEFAULT '{}'::jsonb,
  occupancy_version bigint  NOT NULL DEFAULT 0,
  CONSTRAINT dining_table_pk PRIMARY KEY (restaurant_id, table_id),
  CONSTRAINT dining_table_zone_fk FOREIGN KEY (restaurant_id, zone_id)
    REFERENCES zone (restaurant_id, zone_id),
  CONSTRAINT dining_table_capacity_positive CHECK (capacity >= 1),
  CONSTRAINT dining_table_party_limits CHECK (min_party_size >= 1 AND max_party_size >= min_party_size)
);

-- An undirected edge, stored once with table_a < table_b (byte order).
CREATE TABLE adjacency (
  restaurant_id text NOT NULL,
  table_a       text NOT NULL,
  table_b       text NOT NULL,
  CONSTRAINT adjacency_pk PRIMARY KEY (restaurant_id, table_a, table_b),
  CONSTRAINT adjacency_a_fk FOREIGN KEY (restaurant_id, table_a)
    REFERENCES dining_table (restaurant_id, table_id) ON DELETE CASCADE,
  CONSTRAINT adjacency_b_fk FOREIGN KEY (restaurant_id, table_b)
    REFERENCES dining_table (restaurant_id, table_id) ON DELETE CASCADE,
  CONSTRAINT adjacency_ordered CHECK (table_a COLLATE "C" < table_b COLLATE "C")
);
CREATE INDEX adjacency_b_idx ON adjacency (restaurant_id, table_b);

-- A predefined combination; table_ids is its members sorted in byte order, so the combination
-- made of exactly a plan's tables is found by one index lookup.
CREATE TABLE combination (
  restaurant_id  text    NOT NULL,
  combination_id text    NOT NULL,
  table_ids      text[]  NOT NULL,
  min_party_size integer NOT NULL,
  max_party_size integer NOT NULL,
  CONSTRAINT combination_pk PRIMARY KEY (restaurant_id, combination_id),
  CONSTRAINT combination_tables_unique UNIQUE (restaurant_id, table_ids),
  CONSTRAINT combination_restaurant_fk FOREIGN KEY (restaurant_id)
    REFERENCES restaurant (restaurant_id) ON DELETE CASCADE,
  CONSTRAINT combination_size CHECK (cardinality(table_ids) >= 2),
  CONSTRAINT combination_party_limits CHECK (min_party_size >= 1 AND max_party_size >= min_party_size)
);

CREATE TABLE combination_member (
  restaurant_id  text NOT NULL,
  combination_id text NOT NULL,
  table_id       text NOT NULL,
  CONSTRAINT combination_member_pk PRIMARY KEY (restaurant_id, combination_id, table_id),
  CONSTRAINT combination_member_combination_fk FOREIGN KEY (restaurant_id, combination_id)
    REFERENCES combination (restaurant_id, combination_id) ON DELETE CASCADE,
  CONSTRAINT combination_member_table_fk FOREIGN KEY (restaurant_id, table_id)
    REFERENCES dining_table (restaurant_id, table_id)
);
CREATE INDEX combination_member_table_idx ON combination_member (restaurant_id, table_id);

-- ---------------------------------------------------------------------------------- policy

-- The seating policy, one row per restaurant, every field of dev.capacity.SeatingPolicy.
-- Durations are stored in nanoseconds so that the policy reads back with the same version hash.
CREATE TABLE policy (
  restaurant_id                    text             NOT NULL,
  version                          text             NOT NULL,
  slot_minutes                     integer          NOT NULL,
  buffer_minutes                   integer          NOT NULL,
  k_max                            integer          NOT NULL,
  max_overage                      integer          NOT NULL,
  adjacency_mode                   text             NOT NULL,
  adjacency_min_party_size         integer,
  same_zone                        boolean          NOT NULL,
  pacing_window_minutes            integer,
  pacing_max_covers                integer,
  scoring_empty_seat               double precision NOT NULL,
  scoring_combination              double precision NOT NULL,
  scoring_adjacency_depth          double precision NOT NULL,
  scoring_max_scarcity_amplification double precision NOT NULL,
  scoring_fragmentation            double precision NOT NULL,
  scoring_scarcity                 double precision NOT NULL,
  scoring_lookahead                double precision NOT NULL,
  lookahead_mode                   text             NOT NULL,
  lookahead_horizon_nanos          bigint           NOT NULL,
  lookahead_max_bookings           integer          NOT NULL,
  search_budget_nanos              bigint           NOT NULL,
  max_catalog_units                integer          NOT NULL,
  cache_catalog_max_entries        bigint           NOT NULL,
  cache_catalog_expire_nanos       bigint           NOT NULL,
  cache_no_plan_max_entries        bigint           NOT NULL,
  cache_no_plan_expire_nanos       bigint           NOT NULL,
  hold_ttl_nanos                   bigint           NOT NULL,
  CONSTRAINT policy_pk PRIMARY KEY (restaurant_id),
  CONSTRAINT policy_restaurant_fk FOREIGN KEY (restaurant_id)
    REFERENCES restaurant (restaurant_id) ON DELETE CASCADE,
  CONSTRAINT policy_slot_minutes CHECK (slot_minutes >= 1 AND 1440 % slot_minutes = 0),
  CONSTRAINT policy_buffer_minutes CHECK (buffer_minutes >= 0),
  CONSTRAINT policy_k_max CHECK (k_max BETWEEN 1 AND 8),
  CONSTRAINT policy_max_overage CHECK (max_overage >= 0),
  CONSTRAINT policy_adjacency_mode CHECK (adjacency_mode IN ('CONNECTED', 'PAIRWISE', 'NEIGHBORS')),
  CONSTRAINT policy_adjacency_min_party CHECK (adjacency_min_party_size IS NULL OR adjacency_min_party_size >= 1),
  CONSTRAINT policy_pacing CHECK (
    (pacing_window_minutes IS NULL AND pacing_max_covers IS NULL)
    OR (pacing_window_minutes >= 1 AND 1440 % pacing_window_minutes = 0 AND pacing_max_covers >= 1)),
  CONSTRAINT policy_lookahead_mode CHECK (lookahead_mode IN ('OFF', 'SOFT', 'HARD'))
);

-- Local times at which bookings may start: starts_at <= t < ends_at, crossing midnight when
-- ends_at < starts_at (P4.2, T1).
CREATE TABLE policy_service_period (
  restaurant_id text    NOT NULL,
  name          text    NOT NULL,
  position      integer NOT NULL,
  starts_at     time    NOT NULL,
  ends_at       time    NOT NULL,
  CONSTRAINT policy_service_period_pk PRIMARY KEY (restaurant_id, name),
  CONSTRAINT policy_service_period_policy_fk FOREIGN KEY (restaurant_id)
    REFERENCES policy (restaurant_id) ON DELETE CASCADE,
  CONSTRAINT policy_service_period_not_empty CHECK (starts_at <> ends_at)
);

-- Turn times by party size; service = '' holds the general rows, otherwise the rows of one
-- service period, which replace the general ones for starts in that period.
CREATE TABLE policy_turn_time (
  restaurant_id    text    NOT NULL,
  service          text    NOT NULL,
  up_to_party_size integer NOT NULL,
  minutes          integer NOT NULL,
  CONSTRAINT policy_turn_time_pk PRIMARY KEY (restaurant_id, service, up_to_party_size),
  CONSTRAINT policy_turn_time_policy_fk FOREIGN KEY (restaurant_id)
    REFERENCES policy (restaurant_id) ON DELETE CASCADE,
  CONSTRAINT policy_turn_time_positive CHECK (up_to_party_size >= 1 AND minutes >= 1)
);

CREATE TABLE policy_demand_rule (
  restaurant_id text             NOT NULL,
  position      integer          NOT NULL,
  days          text[]           NOT NULL,
  from_time     time             NOT NULL,
  to_time       time             NOT NULL,
  multiplier    double precision NOT NULL,
  CONSTRAINT policy_demand_rule_pk PRIMARY KEY (restaurant_id, position),
  CONSTRAINT policy_demand_rule_policy_fk FOREIGN KEY (restaurant_id)
    REFERENCES policy (restaurant_id) ON DELETE CASCADE
);

-- -------------------------------------------------------------------------------- bookings

-- A booking: party, start, optional explicit end (else start + turn time), required zone,
-- state and a version that changes whenever its details, state or tables change.
CREATE TABLE booking (
  restaurant_id text        NOT NULL,
  booking_id    text        NOT NULL,
  party_size    integer     NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz,
  created_at    timestamptz NOT NULL,
  zone_id       text,
  status        text        NOT NULL,
  version       bigint      NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  CONSTRAINT booking_pk PRIMARY KEY (restaurant_id, booking_id),
  CONSTRAINT booking_restaurant_fk FOREIGN KEY (restaurant_id)
    REFERENCES restaurant (restaurant_id) ON DELETE CASCADE,
  CONSTRAINT booking_id_not_blank CHECK (btrim(booking_id) <> ''),
  CONSTRAINT booking_party_positive CHECK (party_size >= 1),
  CONSTRAINT booking_end_after_start CHECK (ends_at IS NULL OR ends_at > starts_at),
  CONSTRAINT booking_status CHECK (
    status IN ('PENDING', 'CONFIRMED', 'SEATED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'))
);
CREATE INDEX booking_start_idx ON booking (restaurant_id, starts_at);

-- Who moved a booking from one state to another, when and why (oldest first by seq).
CREATE TABLE booking_history (
  restaurant_id text        NOT NULL,
  booking_id    text        NOT NULL,
  seq           bigint      GENERATED ALWAYS AS IDENTITY,
  from_status   text        NOT NULL,
  to_status     text        NOT NULL,
  changed_at    timestamptz NOT NULL,
  actor         text        NOT NULL,
  why           text        NOT NULL,
  CONSTRAINT booking_history_pk PRIMARY KEY (restaurant_id, booking_id, seq),
  CONSTRAINT booking_history_booking_fk FOREIGN KEY (restaurant_id, booking_id)
    REFERENCES booking (restaurant_id, booking_id) ON DELETE CASCADE
);

-- A booking's hold: at most one per booking (the primary key: P3.4). Its tables are occupancy
-- rows of kind HOLD that reference it. Once expired (expires_at <= the clock at a check) it
-- blocks nobody; its occupancy rows are deleted by the next write that needs their slots or by
-- the sweeper, while this row stays as a tombstone so that confirming or releasing it answers
-- HOLD_EXPIRED rather than HOLD_NOT_FOUND. A new hold, a confirmation or removing the booking's
-- tables deletes it.
-- Hold ids: 'hold-' and a number from this sequence.
CREATE SEQUENCE hold_seq;

CREATE TABLE hold (
  restaurant_id text        NOT NULL,
  booking_id    text        NOT NULL,
  hold_id       text        NOT NULL,
  table_ids     text[]      NOT NULL,
  starts_at     timestamptz NOT NULL,
  until_at      timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  created_at    timestamptz NOT NULL,
  CONSTRAINT hold_pk PRIMARY KEY (restaurant_id, booking_id),
  CONSTRAINT hold_id_unique UNIQUE (restaurant_id, hold_id),
  CONSTRAINT hold_booking_fk FOREIGN KEY (restaurant_id, booking_id)
    REFERENCES booking (restaurant_id, booking_id) ON DELETE CASCADE,
  CONSTRAINT hold_range CHECK (until_at > starts_at)
);
CREATE INDEX hold_expiry_idx ON hold (restaurant_id, expires_at);

-- ------------------------------------------------------------------------------- occupancy

-- What occupies tables: one row per physical table per assignment, hold or block.
--   during     the blocked range [start, end of dining + buffer), rounded outwards to the
--              policy's slots, exactly as dev.capacity.Occupancy rounds it;
--   starts_at / ends_at / until_at  the unrounded start, end of dining and end of the blocked
--              range (a block's end for both);
--   expires_at a hold's expiry (null otherwise);
--   owner_key  'booking:<id>' for assignments and holds, 'block:<id>' for blocks.
-- The exclusion constraint forbids two rows of different owners on one table over overlapping
-- ranges, whatever path wrote them and whatever lock it held (P1.1, P1.2, P2.9): holds,
-- assignments and blocks can never overlap. Rows of one owner may overlap: a confirmed booking's
-- new hold may share tables with its own assignment while it moves (H1). The constraint cannot
-- read the clock, so it covers expired holds too until they are deleted: every write deletes the
-- expired holds on its tables before it inserts (P3.2).
CREATE TABLE occupancy (
  restaurant_id text        NOT NULL,
  table_id      text        NOT NULL,
  kind          text        NOT NULL,
  booking_id    text,
  block_id      text,
  hold_id       text,
  during        tstzrange   NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  until_at      timestamptz NOT NULL,
  party_size    integer     NOT NULL DEFAULT 0,
  expires_at    timestamptz,
  written_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  owner_key     text        NOT NULL GENERATED ALWAYS AS (
                  CASE WHEN block_id IS NOT NULL THEN 'block:' || block_id
                       ELSE 'booking:' || booking_id END) STORED,
  CONSTRAINT occupancy_pk PRIMARY KEY (restaurant_id, owner_key, kind, table_id),
  CONSTRAINT occupancy_table_fk FOREIGN KEY (restaurant_id, table_id)
    REFERENCES dining_table (restaurant_id, table_id),
  CONSTRAINT occupancy_booking_fk FOREIGN KEY (restaurant_id, booking_id)
    REFERENCES booking (restaurant_id, booking_id),
  CONSTRAINT occupancy_hold_fk FOREIGN KEY (restaurant_id, hold_id)
    REFERENCES hold (restaurant_id, hold_id) ON DELETE CASCADE,
  CONSTRAINT occupancy_kind CHECK (kind IN ('ASSIGNMENT', 'HOLD', 'BLOCK')),
  CONSTRAINT occupancy_owner CHECK (
    CASE kind
      WHEN 'BLOCK' THEN block_id IS NOT NULL AND booking_id IS NULL AND hold_id IS NULL
                        AND expires_at IS NULL
      WHEN 'HOLD' THEN booking_id IS NOT NULL AND block_id IS NULL AND hold_id IS NOT NULL
                       AND expires_at IS NOT NULL
      ELSE booking_id IS NOT NULL AND block_id IS NULL AND hold_id IS NULL AND expires_at IS NULL
    END),
  CONSTRAINT occupancy_range CHECK (
    NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)
    AND NOT lower_inf(during) AND NOT upper_inf(during)),
  -- The text keys are compared byte-wise (COLLATE "C"): btree_gist stores truncated prefixes of
  -- text keys in inner pages, which a linguistic collation of the database can order
  -- inconsistently, so scans of the index (and therefore the constraint's own check) missed rows
  -- and overlaps slipped through under concurrent writers. Byte order is total and stable.
  CONSTRAINT occupancy_no_overlap EXCLUDE USING gist (
    restaurant_id COLLATE "C" WITH =, table_id COLLATE "C" WITH =, during WITH &&,
    owner_key COLLATE "C" WITH <>)
);
CREATE INDEX occupancy_expiry_idx ON occupancy (restaurant_id, expires_at) WHERE kind = 'HOLD';
CREATE INDEX occupancy_start_idx ON occupancy (restaurant_id, starts_at) WHERE kind <> 'BLOCK';
CREATE INDEX occupancy_hold_idx ON occupancy (restaurant_id, hold_id) WHERE hold_id IS NOT NULL;
-- Owners are looked up by these btree indexes, never through the GiST index of the constraint
-- (whose leading restaurant_id makes equality lookups scan most of a restaurant's pages).
-- (Not partial: the planner cannot prove "booking_id IS NOT NULL" from a join clause.)
CREATE INDEX occupancy_booking_idx ON occupancy (restaurant_id, booking_id, kind);
CREATE INDEX occupancy_block_idx ON occupancy (restaurant_id, block_id);

-- ---------------------------------------------------------------------- idempotency ledger

-- The outcome of a successful confirm or direct assignment under the caller's key (P1.3): a
-- repeat with the same fingerprint returns it; another command under the same key is refused
-- with IDEMPOTENCY_KEY_REUSED (P1.6). A booking's entries are deleted when its tables are
-- replaced or removed (U1).
CREATE TABLE idempotency_ledger (
  restaurant_id     text        NOT NULL,
  idempotency_key   text        NOT NULL,
  booking_id        text        NOT NULL,
  fingerprint       text        NOT NULL,
  hold_id           text,
  table_ids         text[]      NOT NULL,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  occupancy_version bigint      NOT NULL,
  created_at        timestamptz NOT NULL,
  CONSTRAINT idempotency_ledger_pk PRIMARY KEY (restaurant_id, idempotency_key),
  CONSTRAINT idempotency_ledger_booking_fk FOREIGN KEY (restaurant_id, booking_id)
    REFERENCES booking (restaurant_id, booking_id) ON DELETE CASCADE
);
CREATE INDEX idempotency_ledger_booking_idx ON idempotency_ledger (restaurant_id, booking_id);
