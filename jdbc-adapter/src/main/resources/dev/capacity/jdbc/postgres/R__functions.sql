-- capacity SDK, PostgreSQL functions (repeatable migration: re-applied whenever it changes).
--
-- One function per command, one round trip each. Every command that places a plan validates
-- every seating rule itself (P1.7, P4.5, P4.7, P2.1, P2.3, P4.6), so a direct call with a bad plan
-- is refused. A refused command writes nothing and returns a row whose code names the reason:
-- the codes are exactly the names of dev.capacity.Reason (docs/schema.md lists them per function).
--
-- Time: p_now is NULL in production, and then every expiry is compared with clock_timestamp() at
-- the statement that needs it, never with the start of the transaction (P3.2). Tests may pass
-- p_now to decide expiry by an injected clock.
--
-- Locking: a command locks its booking row (FOR UPDATE) for its state checks (P4.4), then the
-- rows of the tables it writes on, in byte order (lock_tables). Overlaps are refused by the
-- exclusion constraint on occupancy, whatever else happens (P1.1). Writers of one restaurant then
-- take its occupancy counter (an UPDATE of its row): under a pacing rule before the pacing check,
-- which spans bookings, so that the check is serialised without an advisory lock; without one as
-- their very last step, so that writers queue on the counter only for their commit. A floor-plan
-- change takes the restaurant row FOR UPDATE. Most commands take it FOR KEY SHARE first; hold and
-- confirm, the hot path, read it without a lock and compare its context revision when they take
-- the counter (bump_checked): a change saved meanwhile refuses them with CONTEXT_CHANGED.
--
-- Planning: every command function runs with enable_seqscan off (a SET on the function, so the
-- functions it calls plan under it too; every command sets it, so a nested statement's cached
-- plan is the same whichever command planned it first). Its statements look rows up by key; on
-- a small table such as dining_table (a few pages) the planner would otherwise scan and filter
-- every row, in several statements per command, while other commands update those rows. With
-- 15 writers this cut the server's CPU per confirmed booking by about a tenth
-- (docs/benchmarks.md). A statement without a usable index still scans: the setting only makes
-- scans the last resort. The commands that check a plan (hold, confirm, assign, hold_and_confirm)
-- also run with plan_cache_mode = force_generic_plan, for check_plan (see there); their other
-- statements are key lookups too, whose generic plans are the right ones.

DROP TYPE IF EXISTS command_result CASCADE;
DROP TYPE IF EXISTS plan_check CASCADE;

-- What every command returns. code is 'OK' or a dev.capacity.Reason name; message explains it;
-- the other columns describe the booking, hold, assignment or block the command produced (null
-- when they do not apply); details holds refusal details as JSON:
-- {"violations": [{"rule", "message", "bookings", "tables"}],
--  "conflicts":  [{"kind", "owner", "tables", "start", "until", "partySize", "expiresAt"}],
--  "changes":    [{"part", "was", "now", "tables"}]}.
CREATE TYPE command_result AS (
  code              text,
  message           text,
  booking_id        text,
  party_size        integer,
  starts_at         timestamptz,
  ends_at           timestamptz,
  created_at        timestamptz,
  zone_id           text,
  status            text,
  booking_version   bigint,
  assigned_tables   text[],
  assigned_start    timestamptz,
  assigned_end      timestamptz,
  hold_id           text,
  hold_tables       text[],
  hold_start        timestamptz,
  hold_until        timestamptz,
  hold_expires_at   timestamptz,
  block_id          text,
  block_table       text,
  block_start       timestamptz,
  block_end         timestamptz,
  occupancy_version bigint,
  repeated          boolean,
  affected          integer,
  details           jsonb
);

-- The verdict on one plan for one booking (rules 1 to 6) and its window.
CREATE TYPE plan_check AS (
  code       text,         -- null when the plan passes, else UNKNOWN_TABLE, TABLE_INACTIVE,
                           -- RULE_BROKEN, OUTSIDE_SERVICE or NO_TURN_TIME
  message    text,
  violations jsonb,
  table_ids  text[],       -- distinct, byte order
  starts_at  timestamptz,
  ends_at    timestamptz,
  until_at   timestamptz,  -- end of dining plus buffer
  during     tstzrange     -- [start, until) rounded outwards to slots
);

-- ------------------------------------------------------------------------------- helpers

-- The clock at this moment: p_now when given (tests), else clock_timestamp().
CREATE OR REPLACE FUNCTION clock_or(p_now timestamptz) RETURNS timestamptz
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$ SELECT coalesce(p_now, clock_timestamp()) $$;

-- The absolute slot an instant falls in: floor(epochMinute / slotMinutes), seconds truncated,
-- as SeatingPolicy.slotOf. The seconds since the epoch come from an interval (p_t minus the
-- epoch): extract from a timestamptz is only STABLE (some of its fields depend on the time zone),
-- and PostgreSQL inlines an IMMUTABLE SQL function into its caller's statement only when its body
-- is immutable too; these run in every check of a plan.
CREATE OR REPLACE FUNCTION slot_of(p_t timestamptz, p_slot_minutes integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor(floor(floor(extract(epoch FROM p_t - timestamptz 'epoch')) / 60)
               / p_slot_minutes)::bigint
$$;

-- The first slot starting at or after an instant (minutes rounded up, fractions of a second
-- ignored), as SeatingPolicy.slotAtOrAfter; immutable as slot_of is.
CREATE OR REPLACE FUNCTION slot_at_or_after(p_t timestamptz, p_slot_minutes integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor((floor((floor(extract(epoch FROM p_t - timestamptz 'epoch')) + 59) / 60)
                + p_slot_minutes - 1) / p_slot_minutes)::bigint
$$;

-- The blocked range [start, until) rounded outwards to whole slots.
CREATE OR REPLACE FUNCTION slot_range(p_start timestamptz, p_until timestamptz, p_slot_minutes integer)
RETURNS tstzrange LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT tstzrange(
    to_timestamp(slot_of(p_start, p_slot_minutes) * p_slot_minutes * 60),
    to_timestamp(slot_at_or_after(p_until, p_slot_minutes) * p_slot_minutes * 60), '[)')
$$;

-- The pacing window of a start, as SeatingPolicy.pacingWindow: local epoch day times windows per
-- day plus the window's index in the local day.
CREATE OR REPLACE FUNCTION pacing_key(p_t timestamptz, p_time_zone text, p_window_minutes integer)
RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ((p_t AT TIME ZONE p_time_zone)::date - date '1970-01-01')::bigint * (1440 / p_window_minutes)
         + (extract(hour FROM p_t AT TIME ZONE p_time_zone)::integer * 60
            + extract(minute FROM p_t AT TIME ZONE p_time_zone)::integer) / p_window_minutes
$$;

-- An instant as ISO-8601 UTC text with microseconds, for details.
CREATE OR REPLACE FUNCTION iso(p_t timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT to_char(p_t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
$$;

-- An instant as local date and time in a zone, for messages.
CREATE OR REPLACE FUNCTION local_text(p_t timestamptz, p_time_zone text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT to_char(p_t AT TIME ZONE p_time_zone, 'YYYY-MM-DD"T"HH24:MI')
$$;

-- The number of a rule in the scenario format.
CREATE OR REPLACE FUNCTION rule_number(p_rule text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE p_rule WHEN 'TABLES' THEN 1 WHEN 'COMBINATION' THEN 2 WHEN 'CAPACITY' THEN 3
    WHEN 'PARTY_LIMITS' THEN 4 WHEN 'BOOKING_ZONE' THEN 5 WHEN 'TIMES' THEN 6
    WHEN 'OVERLAP' THEN 7 WHEN 'EXISTING' THEN 8 WHEN 'PACING' THEN 9 ELSE 10 END
$$;

-- One violation as JSON.
CREATE OR REPLACE FUNCTION violation(p_rule text, p_message text, p_bookings text[], p_tables text[])
RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT jsonb_build_object('rule', p_rule, 'message', p_message,
    'bookings', to_jsonb(coalesce(p_bookings, '{}'::text[])),
    'tables', to_jsonb(coalesce(p_tables, '{}'::text[])))
$$;

-- "rule 3 (CAPACITY): ...; rule 7 (OVERLAP): ..." for messages.
CREATE OR REPLACE FUNCTION violation_summary(p_violations jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(format('rule %s (%s): %s', rule_number(v->>'rule'), v->>'rule',
                                    v->>'message'), '; ' ORDER BY n), '')
  FROM jsonb_array_elements(coalesce(p_violations, '[]'::jsonb)) WITH ORDINALITY AS x(v, n)
$$;

-- A refusal row: only code, message and details set.
CREATE OR REPLACE FUNCTION refusal(p_code text, p_message text, p_details jsonb DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  r command_result;
BEGIN
  r.code := p_code;
  r.message := p_message;
  r.details := p_details;
  r.repeated := false;
  RETURN r;
END
$$;

-- Aborts the current block with a refusal that the command's exception handler returns; the
-- block's writes are rolled back, so a refused command writes nothing.
CREATE OR REPLACE FUNCTION raise_refusal(p_code text, p_message text, p_details jsonb DEFAULT NULL)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'CAPRF', MESSAGE = p_code, DETAIL = p_message,
    HINT = coalesce(p_details::text, '');
END
$$;

-- Why a table list is malformed (P4.1): null or empty, a null or blank id, an id given twice;
-- null when it is well formed.
CREATE OR REPLACE FUNCTION invalid_tables(p_booking_id text, p_tables text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  v_seen text[] := '{}';
  v_t text;
BEGIN
  IF p_tables IS NULL OR cardinality(p_tables) = 0 THEN
    RETURN format('the plan for booking %L names no table (the table list is empty)', p_booking_id);
  END IF;
  FOREACH v_t IN ARRAY p_tables LOOP
    IF v_t IS NULL OR btrim(v_t) = '' THEN
      RETURN format('the plan for booking %L has a null or blank table id: %s', p_booking_id, p_tables);
    END IF;
    IF v_t = ANY (v_seen) THEN
      RETURN format('the plan for booking %L names table %L twice: %s', p_booking_id, v_t, p_tables);
    END IF;
    v_seen := v_seen || v_t;
  END LOOP;
  RETURN NULL;
END
$$;

-- Why the input of a command that places a plan under a key is invalid (the table list, or a
-- blank key: "the <p_what> of booking ... needs a non-blank idempotency key"), or NULL.
CREATE OR REPLACE FUNCTION invalid_keyed_plan(p_booking_id text, p_tables text[], p_key text,
                                              p_what text)
RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce(CASE WHEN cardinality(p_tables) = 1 AND btrim(p_tables[1]) <> '' THEN NULL
                       ELSE invalid_tables(p_booking_id, p_tables) END,
                  CASE WHEN p_key IS NULL OR btrim(p_key) = ''
                       THEN format('the %s of booking %L needs a non-blank idempotency key',
                                   p_what, p_booking_id) END)
$$;

-- Distinct ids in byte order (the order of Java's String.compareTo for the ids in use).
CREATE OR REPLACE FUNCTION sorted_ids(p_ids text[]) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  -- most plans name one table, or two already in order: answered without running a query (a
  -- one-dimensional array from 1 only; anything else takes the query below)
  IF cardinality(p_ids) = 1 AND p_ids[1] IS NOT NULL
     OR cardinality(p_ids) = 2 AND p_ids[1] COLLATE "C" < p_ids[2] COLLATE "C" THEN
    RETURN p_ids;
  END IF;
  RETURN coalesce(ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(p_ids) x WHERE x IS NOT NULL
                         ORDER BY 1), '{}');
END
$$;

-- A booking's state as a result row: details, status and version, assignment and live hold.
CREATE OR REPLACE FUNCTION booking_result(p_code text, p_message text, p_restaurant_id text,
                                          p_booking_id text, p_now timestamptz)
RETURNS command_result LANGUAGE plpgsql AS $$
DECLARE
  r command_result;
  v_now timestamptz;
BEGIN
  r := refusal(p_code, p_message);
  SELECT b.booking_id, b.party_size, b.starts_at, b.ends_at, b.created_at, b.zone_id, b.status,
         b.version
    INTO r.booking_id, r.party_size, r.starts_at, r.ends_at, r.created_at, r.zone_id, r.status,
         r.booking_version
    FROM booking b
   WHERE b.restaurant_id = p_restaurant_id AND b.booking_id = p_booking_id;
  SELECT array_agg(o.table_id ORDER BY o.table_id COLLATE "C"), min(o.starts_at), min(o.ends_at)
    INTO r.assigned_tables, r.assigned_start, r.assigned_end
    FROM occupancy o
   WHERE o.restaurant_id = p_restaurant_id AND o.booking_id = p_booking_id
     AND o.kind = 'ASSIGNMENT';
  v_now := clock_or(p_now);
  SELECT h.hold_id, h.table_ids, h.starts_at, h.until_at, h.expires_at
    INTO r.hold_id, r.hold_tables, r.hold_start, r.hold_until, r.hold_expires_at
    FROM hold h
   WHERE h.restaurant_id = p_restaurant_id AND h.booking_id = p_booking_id AND h.expires_at > v_now;
  SELECT occupancy_version INTO r.occupancy_version
    FROM restaurant WHERE restaurant_id = p_restaurant_id;
  RETURN r;
END
$$;

-- The entries (assignments, live holds, blocks) of owners other than p_owner_key that occupy any
-- of the tables over any part of the range, as JSON, each with all its tables. One statement
-- finds the conflicts of the whole unit (P1.5); the details are read only when there are some.
CREATE OR REPLACE FUNCTION conflicts(p_restaurant_id text, p_tables text[], p_during tstzrange,
                                     p_owner_key text, p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_hits text[];
  v_result jsonb;
BEGIN
  SELECT array_agg(DISTINCT c.kind || ' ' || c.owner_key) INTO v_hits
    FROM occupancy c
   WHERE c.restaurant_id = p_restaurant_id
     AND c.table_id = ANY (p_tables)
     AND c.during && p_during
     AND c.owner_key <> p_owner_key
     AND (c.kind <> 'HOLD' OR c.expires_at > p_now);
  IF v_hits IS NULL THEN
    RETURN '[]'::jsonb;
  END IF;
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'kind', e.kind, 'owner', e.owner, 'tables', to_jsonb(e.tables),
           'start', iso(e.starts_at), 'until', iso(e.until_at), 'partySize', e.party_size,
           'expiresAt', iso(e.expires_at)) ORDER BY e.kind, e.owner), '[]'::jsonb)
    INTO v_result
    FROM (
      SELECT o.kind, coalesce(o.booking_id, o.block_id) AS owner,
             array_agg(o.table_id ORDER BY o.table_id COLLATE "C") AS tables,
             min(o.starts_at) AS starts_at, min(o.until_at) AS until_at,
             max(o.party_size) AS party_size, max(o.expires_at) AS expires_at
        FROM unnest(v_hits) AS h(hit)
        JOIN occupancy o
          ON o.restaurant_id = p_restaurant_id
         AND o.kind = split_part(h.hit, ' ', 1)
         AND CASE WHEN o.kind = 'BLOCK'
                  THEN o.block_id = substr(split_part(h.hit, ' ', 2), 7)
                  ELSE o.booking_id = substr(split_part(h.hit, ' ', 2), 9) END
       GROUP BY o.kind, coalesce(o.booking_id, o.block_id)
    ) e;
  RETURN v_result;
END
$$;

-- One overlap violation per conflicting entry, as PlanCheck words them.
CREATE OR REPLACE FUNCTION overlap_violations(p_booking_id text, p_tables text[], p_conflicts jsonb,
                                              p_time_zone text)
RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(violation('OVERLAP',
           format('table%s %s %s %s from %s until %s',
             CASE WHEN cardinality(s.shared) > 1 THEN 's' ELSE '' END,
             array_to_string(s.shared, '+'),
             CASE WHEN cardinality(s.shared) > 1 THEN 'are' ELSE 'is' END,
             CASE c->>'kind' WHEN 'BLOCK' THEN format('blocked by block %L', c->>'owner')
                             WHEN 'HOLD' THEN format('held for booking %L', c->>'owner')
                             ELSE format('assigned to booking %L', c->>'owner') END,
             local_text((c->>'start')::timestamptz, p_time_zone),
             local_text((c->>'until')::timestamptz, p_time_zone)),
           CASE WHEN c->>'kind' = 'BLOCK' THEN ARRAY[p_booking_id]
                ELSE ARRAY[p_booking_id, c->>'owner'] END,
           s.shared) ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements(p_conflicts) WITH ORDINALITY AS x(c, n)
  CROSS JOIN LATERAL (
    SELECT ARRAY(SELECT t FROM jsonb_array_elements_text(c->'tables') t
                  WHERE t = ANY (p_tables) ORDER BY t COLLATE "C") AS shared) s
$$;

-- Deletes the expired holds that overlap a range on some of the tables (whole holds, every table
-- of them), so that an insert needing those slots is not refused by rows the constraint cannot
-- tell are dead. Rows another transaction has locked are skipped (it is deleting or confirming
-- them; the insert then waits for it). Expiry is compared with the clock at this statement (P3.2).
CREATE OR REPLACE FUNCTION delete_expired_holds_on(p_restaurant_id text, p_tables text[],
                                                   p_during tstzrange, p_now timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := clock_or(p_now);
  v_count integer;
BEGIN
  -- most writes meet no expired hold on their tables: one probe of the expiry index (the
  -- restaurant's expired holds, few while sweep_expired_holds runs now and then) says so
  IF NOT EXISTS (SELECT 1 FROM occupancy x
                  WHERE x.restaurant_id = p_restaurant_id AND x.kind = 'HOLD'
                    AND x.expires_at <= v_now AND x.table_id = ANY (p_tables)) THEN
    RETURN 0;
  END IF;
  DELETE FROM occupancy o
   WHERE o.ctid = ANY (ARRAY(
           SELECT x.ctid
             FROM occupancy x
            WHERE x.restaurant_id = p_restaurant_id
              AND x.kind = 'HOLD'
              AND x.expires_at <= v_now
              AND x.hold_id IN (
                    SELECT y.hold_id
                      FROM occupancy y
                     WHERE y.restaurant_id = p_restaurant_id
                       AND y.kind = 'HOLD'
                       AND y.table_id = ANY (p_tables)
                       AND y.during && p_during
                       AND y.expires_at <= v_now)
            ORDER BY x.table_id COLLATE "C"
              FOR UPDATE SKIP LOCKED))
     AND o.restaurant_id = p_restaurant_id AND o.kind = 'HOLD' AND o.expires_at <= v_now;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END
$$;

-- Refuses with CONFLICT (listing the entries) when assignments, live holds or blocks of owners
-- other than p_owner_key overlap the range on any of the tables, after deleting the expired holds
-- in the way. One statement for the whole unit (P1.5).
CREATE OR REPLACE FUNCTION raise_if_conflicts(p_restaurant_id text, p_owner text,
                                              p_owner_key text, p_tables text[],
                                              p_during tstzrange, p_time_zone text,
                                              p_now timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_conflicts jsonb;
  v_violations jsonb;
BEGIN
  PERFORM delete_expired_holds_on(p_restaurant_id, p_tables, p_during, p_now);
  v_conflicts := conflicts(p_restaurant_id, p_tables, p_during, p_owner_key, clock_or(p_now));
  IF jsonb_array_length(v_conflicts) > 0 THEN
    v_violations := overlap_violations(p_owner, p_tables, v_conflicts, p_time_zone);
    PERFORM raise_refusal('CONFLICT',
      format('plan %s for %L refused: %s', array_to_string(p_tables, '+'), p_owner,
             violation_summary(v_violations)),
      jsonb_build_object('violations', v_violations, 'conflicts', v_conflicts));
  END IF;
END
$$;

-- Places occupancy rows for a plan: deletes the expired holds in the way, then inserts one row per
-- table in byte order (so that concurrent writers wait for each other in one order). An overlap,
-- committed before or concurrently, is raised by the exclusion constraint as SQLSTATE 23P01, which
-- every calling command turns into CONFLICT with the entries in the way (conflict_refusal); the
-- entries are looked up only then, not before every insert.
CREATE OR REPLACE FUNCTION occupy(p_restaurant_id text, p_kind text, p_booking_id text,
                                  p_block_id text, p_hold_id text, p_tables text[],
                                  p_during tstzrange, p_starts timestamptz, p_ends timestamptz,
                                  p_until timestamptz, p_party integer, p_expires timestamptz,
                                  p_time_zone text, p_now timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM delete_expired_holds_on(p_restaurant_id, p_tables, p_during, p_now);
  INSERT INTO occupancy (restaurant_id, table_id, kind, booking_id, block_id, hold_id, during,
                         starts_at, ends_at, until_at, party_size, expires_at)
  SELECT p_restaurant_id, t, p_kind, p_booking_id, p_block_id, p_hold_id, p_during,
         p_starts, p_ends, p_until, coalesce(p_party, 0), p_expires
    FROM unnest(p_tables) t
   ORDER BY t COLLATE "C";
END
$$;

-- The refusal for an overlap the exclusion constraint raised (SQLSTATE 23P01), listing the entries
-- in the way, as raise_if_conflicts words it. Distinct from a repeated command (P1.6).
CREATE OR REPLACE FUNCTION conflict_refusal(p_restaurant_id text, p_owner text, p_tables text[],
                                            p_during tstzrange, p_owner_key text,
                                            p_time_zone text, p_now timestamptz)
RETURNS command_result LANGUAGE plpgsql AS $$
DECLARE
  v_conflicts jsonb := conflicts(p_restaurant_id, p_tables, p_during, p_owner_key, clock_or(p_now));
  v_violations jsonb := overlap_violations(p_owner, p_tables, v_conflicts, p_time_zone);
BEGIN
  RETURN refusal('CONFLICT',
    format('plan %s for %L refused: %s', array_to_string(p_tables, '+'), p_owner,
           CASE WHEN jsonb_array_length(v_violations) > 0
                THEN violation_summary(v_violations)
                ELSE 'another writer took a table of it meanwhile' END),
    jsonb_build_object('violations', v_violations, 'conflicts', v_conflicts));
END
$$;

-- Locks the rows of the tables a command will write occupancy on, in byte order. Every command
-- does this after locking its booking and before touching occupancy, so writers of one table
-- queue here in one order instead of meeting inside the exclusion constraint's check (which
-- PostgreSQL runs after inserting, so two conflicting inserts could wait for each other until
-- the deadlock detector aborts one). Correctness does not depend on it: the constraint alone
-- forbids overlaps. Lock order of a command: booking row, table rows (sorted), occupancy
-- counter.
CREATE OR REPLACE FUNCTION lock_tables(p_restaurant_id text, p_tables text[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM dining_table
    WHERE restaurant_id = p_restaurant_id AND table_id = ANY (p_tables)
    ORDER BY table_id COLLATE "C"
      FOR NO KEY UPDATE;
END
$$;

-- The tables a booking occupies now: its hold's and its assignment's.
CREATE OR REPLACE FUNCTION tables_of(p_restaurant_id text, p_booking_id text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN sorted_ids(ARRAY(
    SELECT table_id FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id
    UNION ALL
    SELECT unnest(table_ids) FROM hold
     WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id));
END
$$;

-- Takes the restaurant's occupancy counter (the last step of every write: nothing waits while
-- holding it) and stamps the touched tables with the new version (their rows are locked already:
-- every caller locks them first). Returns the restaurant's
-- row as the counter left it. Every write must pass every table whose occupancy rows it adds,
-- changes or deletes (the old plan's and the new one's): direct assignments compare the stamps
-- with the version they were decided on, and PostgresCapacityStore's occupancy cache reads only
-- the stamped tables again (docs/schema.md, "Reads and the occupancy cache"). The one exception
-- is deleting holds that have already expired: every reader leaves them out by its own clock,
-- which is the same clock (p_now or the database's) and not earlier than the writer's.
CREATE OR REPLACE FUNCTION bump_counter(p_restaurant_id text, p_tables text[])
RETURNS restaurant LANGUAGE plpgsql AS $$
DECLARE
  v_rest restaurant;
BEGIN
  UPDATE restaurant SET occupancy_version = occupancy_version + 1
   WHERE restaurant_id = p_restaurant_id
  RETURNING * INTO v_rest;
  IF cardinality(p_tables) > 0 THEN
    UPDATE dining_table SET occupancy_version = v_rest.occupancy_version
     WHERE restaurant_id = p_restaurant_id AND table_id = ANY (p_tables);
  END IF;
  RETURN v_rest;
END
$$;

-- bump_counter, returning only the new version.
CREATE OR REPLACE FUNCTION bump_occupancy_version(p_restaurant_id text, p_tables text[])
RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
  RETURN (bump_counter(p_restaurant_id, p_tables)).occupancy_version;
END
$$;

-- bump_occupancy_version for a command that read the restaurant row without a lock: refuses
-- (CAPRF CONTEXT_CHANGED) when the floor plan, policy or time zone was saved after that read, so
-- its plan was checked against a context that is no longer current. Taking the counter waits for
-- a concurrent save, and then sees its revision (the row the counter's update returns).
CREATE OR REPLACE FUNCTION bump_checked(p_rest restaurant, p_tables text[])
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  v_now restaurant;
  v_changes jsonb;
BEGIN
  -- bump_counter's two statements, inlined: every seated booking passes here, and a nested call
  -- costs more than both (its expressions are set up again in every transaction)
  UPDATE restaurant SET occupancy_version = occupancy_version + 1
   WHERE restaurant_id = p_rest.restaurant_id
  RETURNING * INTO v_now;
  UPDATE dining_table SET occupancy_version = v_now.occupancy_version
   WHERE restaurant_id = p_rest.restaurant_id AND table_id = ANY (p_tables);
  IF v_now.context_revision IS NOT DISTINCT FROM p_rest.context_revision THEN
    RETURN v_now.occupancy_version;
  END IF;
  v_changes := '[]'::jsonb;
  IF v_now.policy_version IS DISTINCT FROM p_rest.policy_version THEN
    v_changes := v_changes || jsonb_build_object('part', 'POLICY', 'was', p_rest.policy_version,
                                                 'now', v_now.policy_version, 'tables', '[]'::jsonb);
  END IF;
  IF v_now.floor_version IS DISTINCT FROM p_rest.floor_version OR jsonb_array_length(v_changes) = 0 THEN
    v_changes := jsonb_build_object('part', 'FLOOR_PLAN', 'was', p_rest.floor_version,
                                    'now', v_now.floor_version, 'tables', '[]'::jsonb) || v_changes;
  END IF;
  PERFORM raise_refusal('CONTEXT_CHANGED',
    format('the floor plan or policy of restaurant %L was saved while this command checked its'
           ' plan (context revision %s -> %s); quote again', p_rest.restaurant_id,
           p_rest.context_revision, v_now.context_revision),
    jsonb_build_object('changes', v_changes));
  RETURN v_now.occupancy_version;
END
$$;

-- The pacing violation of seating a booking (rule 9), or null: the party sizes of the
-- assignments and live holds of other bookings whose start falls in the booking's pacing window,
-- plus its own, may not exceed maxCovers. Called after bump_occupancy_version, so that every
-- writer that could change the sum has committed or waits behind this one.
CREATE OR REPLACE FUNCTION pacing_violation(p_policy policy, p_time_zone text, p_booking booking,
                                            p_now timestamptz)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_key bigint;
  v_covers integer;
  v_now timestamptz;
BEGIN
  IF p_policy.pacing_window_minutes IS NULL THEN
    RETURN NULL;
  END IF;
  v_key := pacing_key(p_booking.starts_at, p_time_zone, p_policy.pacing_window_minutes);
  v_now := clock_or(p_now);
  SELECT coalesce(sum(e.party_size), 0) INTO v_covers
    FROM (SELECT DISTINCT ON (o.owner_key, o.kind) o.party_size, o.starts_at
            FROM occupancy o
           WHERE o.restaurant_id = p_booking.restaurant_id
             AND o.kind IN ('ASSIGNMENT', 'HOLD')
             AND o.booking_id <> p_booking.booking_id
             AND (o.kind <> 'HOLD' OR o.expires_at > v_now)
             AND o.starts_at >= p_booking.starts_at - interval '2 days'
             AND o.starts_at < p_booking.starts_at + interval '2 days'
           ORDER BY o.owner_key, o.kind) e
   WHERE pacing_key(e.starts_at, p_time_zone, p_policy.pacing_window_minutes) = v_key;
  IF v_covers + p_booking.party_size <= p_policy.pacing_max_covers THEN
    RETURN NULL;
  END IF;
  RETURN violation('PACING',
    format('%s covers already start in the %s-minute pacing window of %s; a party of %s would'
           ' exceed maxCovers %s', v_covers, p_policy.pacing_window_minutes,
           local_text(p_booking.starts_at, p_time_zone), p_booking.party_size,
           p_policy.pacing_max_covers),
    ARRAY[p_booking.booking_id], '{}');
END
$$;

-- Raises PACING_FULL when pacing forbids the booking (see pacing_violation).
CREATE OR REPLACE FUNCTION check_pacing(p_policy policy, p_time_zone text, p_booking booking,
                                        p_tables text[], p_now timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v jsonb := pacing_violation(p_policy, p_time_zone, p_booking, p_now);
BEGIN
  IF v IS NOT NULL THEN
    PERFORM raise_refusal('PACING_FULL',
      format('plan %s for booking %L (party of %s) refused: %s', array_to_string(p_tables, '+'),
             p_booking.booking_id, p_booking.party_size, violation_summary(jsonb_build_array(v))),
      jsonb_build_object('violations', jsonb_build_array(v)));
  END IF;
END
$$;

-- Whether distinct tables satisfy an adjacency mode (one statement; a single table always does:
-- S5). CONNECTED: the adjacency graph restricted to them is connected; PAIRWISE: every two are
-- adjacent; NEIGHBORS: one of them is adjacent to every other.
CREATE OR REPLACE FUNCTION satisfies_adjacency(p_restaurant_id text, p_tables text[], p_mode text)
RETURNS boolean LANGUAGE plpgsql STABLE AS $$
DECLARE
  v boolean;
BEGIN
  IF cardinality(p_tables) <= 1 THEN
    RETURN true;
  END IF;
  -- two tables meet every mode exactly when they are neighbours: one probe of the primary key
  -- (each edge is stored once, its ends in byte order), not the recursive walk below, which
  -- costs some ten times as much to start
  IF cardinality(p_tables) = 2 THEN
    RETURN EXISTS (SELECT 1 FROM adjacency a
                    WHERE a.restaurant_id = p_restaurant_id
                      AND a.table_a = CASE WHEN p_tables[1] COLLATE "C" < p_tables[2] COLLATE "C"
                                           THEN p_tables[1] ELSE p_tables[2] END
                      AND a.table_b = CASE WHEN p_tables[1] COLLATE "C" < p_tables[2] COLLATE "C"
                                           THEN p_tables[2] ELSE p_tables[1] END);
  END IF;
  WITH RECURSIVE e AS (
    SELECT a.table_a, a.table_b
      FROM adjacency a
     WHERE a.restaurant_id = p_restaurant_id
       AND a.table_a = ANY (p_tables) AND a.table_b = ANY (p_tables)
  ), reach(t) AS (
    SELECT p_tables[1]
    UNION
    SELECT CASE WHEN e.table_a = reach.t THEN e.table_b ELSE e.table_a END
      FROM reach JOIN e ON e.table_a = reach.t OR e.table_b = reach.t
  )
  SELECT cardinality(p_tables) <= 1 OR CASE p_mode
    WHEN 'PAIRWISE' THEN
      (SELECT count(*) FROM e) = cardinality(p_tables) * (cardinality(p_tables) - 1) / 2
    WHEN 'NEIGHBORS' THEN
      EXISTS (SELECT 1 FROM (SELECT table_a AS t FROM e UNION ALL SELECT table_b FROM e) d
               GROUP BY d.t HAVING count(*) = cardinality(p_tables) - 1)
    ELSE (SELECT count(*) FROM reach) = cardinality(p_tables)
  END INTO v;
  RETURN v;
END
$$;

-- Judges one plan for one booking: rules 1 to 5 exactly as dev.capacity.PlanRules (all tables of
-- the unit in one statement: P1.5), then the start inside a service period (P2.4, crossing
-- midnight allowed: P4.2) and the window (explicit end or turn time, buffer, slot rounding). The
-- first reason wins in the order UNKNOWN_TABLE, TABLE_INACTIVE, RULE_BROKEN, OUTSIDE_SERVICE,
-- NO_TURN_TIME; violations lists every broken rule found.
CREATE OR REPLACE FUNCTION check_plan(p_restaurant restaurant, p_policy policy, p_booking booking,
                                      p_tables text[])
RETURNS plan_check LANGUAGE plpgsql
-- Its statements are key lookups whose generic plans are right; custom plans would plan the
-- tables' statement afresh on every call (its cost depends on the array's length, which a generic
-- plan cannot see). So the commands that call it (hold, confirm, assign, hold_and_confirm) run
-- with plan_cache_mode = force_generic_plan: a SET here would be applied and undone at every call.
AS $$
DECLARE
  r plan_check;
  v_tables text[] := sorted_ids(p_tables);
  v_n integer := cardinality(v_tables);
  v_b text[] := ARRAY[p_booking.booking_id];
  v_viol jsonb := '[]'::jsonb;
  f record;
  v_unknown text[];
  v_inactive text[];
  v_loners text[];
  v_astray text[];
  v_astray_zones text[];
  v_combo combination;
  v_t text;
  v_tz text := p_restaurant.db_time_zone;
  v_local timestamp;
  v_has_periods boolean;
  v_service text;
  v_minutes integer;
  v_end timestamptz;
BEGIN
  r.table_ids := v_tables;
  -- The sums, and whether any table is unknown, inactive, not combinable in a combination or in
  -- another zone than the booking's; only then are the lists of those tables (in byte order, for
  -- the violations) read, by a second statement: its sorted aggregates cost more than the check.
  -- (zone_id is never null, so two zones differ exactly when the least and greatest do.) The
  -- tables are found by one scan of the primary key with the array as its key (v_tables holds
  -- each id once: a table found fewer times than named is unknown), two plan nodes instead of
  -- the five of a join with the unnested array; a generic plan of that join hashed the whole
  -- floor plan unless kept a nested loop, while the array key is one probe per table whatever
  -- the plan.
  SELECT bool_or(NOT t.active OR v_n > 1 AND NOT t.combinable
                 OR p_booking.zone_id IS NOT NULL AND t.zone_id <> p_booking.zone_id)
           OR count(*) < v_n AS flagged,
         min(t.zone_id) <> max(t.zone_id) AS several_zones,
         coalesce(sum(t.capacity), 0) AS capacity,
         min(t.min_party_size) AS min_party,
         min(t.max_party_size) AS max_party
    INTO f
    FROM dining_table t
   WHERE t.restaurant_id = p_restaurant.restaurant_id AND t.table_id = ANY (v_tables);
  IF f.flagged THEN
    SELECT array_agg(x.id ORDER BY x.id COLLATE "C") FILTER (WHERE t.table_id IS NULL),
           array_agg(x.id ORDER BY x.id COLLATE "C") FILTER (WHERE NOT t.active),
           array_agg(x.id ORDER BY x.id COLLATE "C") FILTER (WHERE NOT t.combinable),
           array_agg(x.id ORDER BY x.id COLLATE "C")
             FILTER (WHERE p_booking.zone_id IS NOT NULL AND t.zone_id <> p_booking.zone_id),
           array_agg(t.zone_id ORDER BY x.id COLLATE "C")
             FILTER (WHERE p_booking.zone_id IS NOT NULL AND t.zone_id <> p_booking.zone_id)
      INTO v_unknown, v_inactive, v_loners, v_astray, v_astray_zones
      FROM unnest(v_tables) AS x(id)
      LEFT JOIN LATERAL (SELECT d.* FROM dining_table d
                          WHERE d.restaurant_id = p_restaurant.restaurant_id AND d.table_id = x.id
                         OFFSET 0) t ON true;
  END IF;

  -- Rules 1 to 5 can only be broken when a table is flagged, the plan has other than one table,
  -- or the sums miss the party: the common plan passes one test and skips the rules' own (a null
  -- anywhere takes them too).
  IF (f.flagged OR v_n <> 1 OR v_n > p_policy.k_max OR f.capacity < p_booking.party_size
      OR f.capacity - p_booking.party_size > p_policy.max_overage
      OR p_booking.party_size < f.min_party OR p_booking.party_size > f.max_party) IS NOT FALSE
  THEN
    -- rule 1: existing, active tables
    IF v_unknown IS NOT NULL THEN
      FOREACH v_t IN ARRAY v_unknown LOOP
        v_viol := v_viol || violation('TABLES', format('unknown table %L', v_t), v_b, ARRAY[v_t]);
      END LOOP;
    END IF;
    IF v_inactive IS NOT NULL THEN
      FOREACH v_t IN ARRAY v_inactive LOOP
        v_viol := v_viol || violation('TABLES', format('table %L is inactive', v_t), v_b,
                                      ARRAY[v_t]);
      END LOOP;
    END IF;
    IF v_unknown IS NOT NULL THEN
      r.code := 'UNKNOWN_TABLE';
    ELSE
      IF v_n >= 2 THEN
        SELECT * INTO v_combo FROM combination c
         WHERE c.restaurant_id = p_restaurant.restaurant_id AND c.table_ids = v_tables;
      END IF;
      IF v_combo.combination_id IS NULL AND v_n > p_policy.k_max THEN
        v_viol := v_viol || violation('TABLES',
          format('%s tables exceed kMax %s', v_n, p_policy.k_max), v_b, v_tables);
      END IF;
      -- rule 2: combinations
      IF v_n > 1 THEN
        IF v_combo.combination_id IS NOT NULL THEN
          IF p_booking.party_size < v_combo.min_party_size
             OR p_booking.party_size > v_combo.max_party_size THEN
            v_viol := v_viol || violation('COMBINATION',
              format('party of %s is outside combination %L limits %s..%s', p_booking.party_size,
                     v_combo.combination_id, v_combo.min_party_size, v_combo.max_party_size),
              v_b, v_tables);
          END IF;
        ELSE
          IF v_loners IS NOT NULL THEN
            FOREACH v_t IN ARRAY v_loners LOOP
              v_viol := v_viol || violation('COMBINATION',
                format('table %L is not combinable', v_t), v_b, ARRAY[v_t]);
            END LOOP;
          END IF;
          IF p_policy.same_zone AND f.several_zones THEN
            v_viol := v_viol || violation('COMBINATION', 'tables span several zones', v_b,
                                          v_tables);
          END IF;
          IF (p_policy.adjacency_min_party_size IS NULL
              OR p_booking.party_size >= p_policy.adjacency_min_party_size)
             AND NOT satisfies_adjacency(p_restaurant.restaurant_id, v_tables,
                                         p_policy.adjacency_mode)
          THEN
            v_viol := v_viol || violation('COMBINATION',
              format('tables are not %s in the adjacency graph', lower(p_policy.adjacency_mode)),
              v_b, v_tables);
          END IF;
        END IF;
      END IF;
      -- rule 3: capacity and overage
      IF f.capacity < p_booking.party_size THEN
        v_viol := v_viol || violation('CAPACITY',
          format('capacity %s is below the party of %s', f.capacity, p_booking.party_size),
          v_b, v_tables);
      ELSIF f.capacity - p_booking.party_size > p_policy.max_overage THEN
        v_viol := v_viol || violation('CAPACITY',
          format('%s empty seats exceed maxOverage %s', f.capacity - p_booking.party_size,
                 p_policy.max_overage), v_b, v_tables);
      END IF;
      -- rule 4: a lone table's party limits
      IF v_n = 1 AND (p_booking.party_size < f.min_party OR p_booking.party_size > f.max_party) THEN
        v_viol := v_viol || violation('PARTY_LIMITS',
          format('party of %s is outside table %L limits %s..%s', p_booking.party_size,
                 v_tables[1], f.min_party, f.max_party), v_b, v_tables);
      END IF;
      -- rule 5: the booking's required zone
      IF v_astray IS NOT NULL THEN
        FOR i IN 1 .. cardinality(v_astray) LOOP
          v_viol := v_viol || violation('BOOKING_ZONE',
            format('table %L is in zone %L, not %L', v_astray[i], v_astray_zones[i],
                   p_booking.zone_id), v_b, ARRAY[v_astray[i]]);
        END LOOP;
      END IF;
      IF v_inactive IS NOT NULL THEN
        r.code := 'TABLE_INACTIVE';
      ELSIF jsonb_array_length(v_viol) > 0 THEN
        r.code := 'RULE_BROKEN';
      END IF;
    END IF;
  END IF;

  -- rule 6: the start inside a service period, and the window
  v_local := p_booking.starts_at AT TIME ZONE v_tz;
  SELECT EXISTS (SELECT 1 FROM policy_service_period p
                  WHERE p.restaurant_id = p_restaurant.restaurant_id) INTO v_has_periods;
  IF v_has_periods THEN
    SELECT p.name INTO v_service
      FROM policy_service_period p
     WHERE p.restaurant_id = p_restaurant.restaurant_id
       AND CASE WHEN p.ends_at < p.starts_at
                THEN v_local::time >= p.starts_at OR v_local::time < p.ends_at
                ELSE v_local::time >= p.starts_at AND v_local::time < p.ends_at END
     ORDER BY p.position
     LIMIT 1;
  END IF;
  IF v_has_periods AND v_service IS NULL THEN
    v_viol := v_viol || violation('TIMES',
      format('booking %L starts at %s local time, outside every service period',
             p_booking.booking_id, local_text(p_booking.starts_at, v_tz)), v_b, '{}');
    r.code := coalesce(r.code, 'OUTSIDE_SERVICE');
  ELSE
    v_end := p_booking.ends_at;
    IF v_end IS NULL THEN
      SELECT tt.minutes INTO v_minutes
        FROM policy_turn_time tt
       WHERE tt.restaurant_id = p_restaurant.restaurant_id
         AND tt.service = CASE
               WHEN v_service IS NOT NULL AND EXISTS (
                      SELECT 1 FROM policy_turn_time s
                       WHERE s.restaurant_id = p_restaurant.restaurant_id AND s.service = v_service)
               THEN v_service ELSE '' END
         AND tt.up_to_party_size >= p_booking.party_size
       ORDER BY tt.up_to_party_size
       LIMIT 1;
      IF v_minutes IS NULL THEN
        v_viol := v_viol || violation('TIMES',
          format('no turn time covers a party of %s (booking %L) and it has no end',
                 p_booking.party_size, p_booking.booking_id), v_b, '{}');
        r.code := coalesce(r.code, 'NO_TURN_TIME');
      ELSE
        v_end := p_booking.starts_at + make_interval(mins => v_minutes);
      END IF;
    END IF;
    IF v_end IS NOT NULL THEN
      r.starts_at := p_booking.starts_at;
      r.ends_at := v_end;
      r.until_at := v_end + make_interval(mins => p_policy.buffer_minutes);
      r.during := slot_range(r.starts_at, r.until_at, p_policy.slot_minutes);
    END IF;
  END IF;

  r.violations := v_viol;
  IF r.code IS NOT NULL THEN
    r.message := format('plan %s for booking %L (party of %s) refused: %s',
                        array_to_string(v_tables, '+'), p_booking.booking_id,
                        p_booking.party_size, violation_summary(v_viol));
  END IF;
  RETURN r;
END
$$;

-- The refusal of a plan that check_plan refused.
CREATE OR REPLACE FUNCTION plan_refusal(p_check plan_check) RETURNS command_result
LANGUAGE sql IMMUTABLE AS $$
  SELECT refusal(p_check.code, p_check.message,
                 jsonb_build_object('violations', p_check.violations))
$$;

-- Appends a move between states to a booking's history.
CREATE OR REPLACE FUNCTION note_move(p_restaurant_id text, p_booking_id text, p_from text,
                                     p_to text, p_actor text, p_why text, p_now timestamptz)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO booking_history (restaurant_id, booking_id, from_status, to_status, changed_at,
                               actor, why)
  VALUES (p_restaurant_id, p_booking_id, p_from, p_to, clock_or(p_now), coalesce(p_actor, ''),
          coalesce(p_why, ''));
$$;

-- Appends to a booking's history and moves it to a state (version + 1).
CREATE OR REPLACE FUNCTION move_booking(p_restaurant_id text, p_booking_id text, p_from text,
                                        p_to text, p_actor text, p_why text, p_now timestamptz)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE booking SET status = p_to, version = version + 1, updated_at = clock_or(p_now)
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id;
  PERFORM note_move(p_restaurant_id, p_booking_id, p_from, p_to, p_actor, p_why, p_now);
END
$$;

-- Removes a booking's hold, assignment and idempotency entries (U1); returns the tables that
-- were freed (empty when there was nothing), having bumped the occupancy version if any were.
CREATE OR REPLACE FUNCTION remove_tables(p_restaurant_id text, p_booking_id text,
                                         p_now timestamptz)
RETURNS text[] LANGUAGE plpgsql AS $$
DECLARE
  v_hold text[];
  v_assigned text[];
BEGIN
  PERFORM lock_tables(p_restaurant_id, tables_of(p_restaurant_id, p_booking_id));
  DELETE FROM hold WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id
  RETURNING CASE WHEN expires_at > clock_or(p_now) THEN table_ids END INTO v_hold;
  WITH d AS (
    DELETE FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id
       AND kind = 'ASSIGNMENT'
    RETURNING table_id)
  SELECT array_agg(table_id) INTO v_assigned FROM d;
  IF v_assigned IS NOT NULL THEN
    UPDATE booking SET version = version + 1
     WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id;
  END IF;
  DELETE FROM idempotency_ledger
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id;
  IF v_hold IS NULL AND v_assigned IS NULL THEN
    RETURN '{}';
  END IF;
  PERFORM bump_occupancy_version(p_restaurant_id,
    sorted_ids(coalesce(v_hold, '{}') || coalesce(v_assigned, '{}')));
  RETURN sorted_ids(coalesce(v_hold, '{}') || coalesce(v_assigned, '{}'));
END
$$;

-- A stored confirmation from the ledger, or IDEMPOTENCY_KEY_REUSED when the key was used for
-- another command (P1.3, P1.6); null when the key is unused.
CREATE OR REPLACE FUNCTION ledger_outcome(p_restaurant_id text, p_key text, p_fingerprint text,
                                          p_now timestamptz)
RETURNS command_result LANGUAGE plpgsql AS $$
DECLARE
  l idempotency_ledger;
  r command_result;
BEGIN
  SELECT * INTO l FROM idempotency_ledger
   WHERE restaurant_id = p_restaurant_id AND idempotency_key = p_key;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF l.fingerprint <> p_fingerprint THEN
    RETURN refusal('IDEMPOTENCY_KEY_REUSED',
      format(E'idempotency key %L was used for %s, not for %s\nMaybe: use a new key for each'
             ' distinct command', p_key, l.fingerprint, p_fingerprint));
  END IF;
  r := booking_result('OK', 'repeated: the stored outcome of ' || l.fingerprint, p_restaurant_id,
                      l.booking_id, p_now);
  r.assigned_tables := l.table_ids;
  r.assigned_start := l.starts_at;
  r.assigned_end := l.ends_at;
  r.hold_id := l.hold_id;
  r.occupancy_version := l.occupancy_version;
  r.repeated := true;
  RETURN r;
END
$$;

-- (record_ledger, which recorded a confirmation under its key, is inlined in commit_and_report.)
DROP FUNCTION IF EXISTS record_ledger(text, text, text, text, text, text[], timestamptz, timestamptz,
                                      bigint, timestamptz);

-- ------------------------------------------------------------------------------ commands

-- Creates or replaces a restaurant with its floor plan and policy, from one JSON document (see
-- docs/schema.md). The occupancy is kept; a floor plan that drops a table still occupied is
-- refused with UNKNOWN_TABLE. Codes: OK, INVALID_REQUEST, UNKNOWN_TABLE, CONFLICT (a new slot
-- length would make kept entries overlap).
CREATE OR REPLACE FUNCTION save_restaurant(p_restaurant_id text, p_document jsonb,
                                           p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  v_tz text := p_document->>'timeZone';
  v_db_tz text := coalesce(p_document->>'dbTimeZone', p_document->>'timeZone');
  v_floor jsonb := coalesce(p_document->'floor', '{}'::jsonb);
  v_policy jsonb := coalesce(p_document->'policy', '{}'::jsonb);
  v_floor_version text := coalesce(p_document->>'floorVersion', left(md5(v_floor::text), 16));
  v_policy_version text := coalesce(p_document->>'policyVersion', left(md5(v_policy::text), 16));
  v_tables text[];
  v_zones text[];
  v_missing text[];
  v_old_slot integer;
  v_new_slot integer := coalesce((v_policy->>'slotMinutes')::integer, 15);
  v_scoring jsonb := coalesce(v_policy->'scoring', '{}'::jsonb);
  v_lookahead jsonb := coalesce(v_policy->'lookahead', '{}'::jsonb);
  v_cache jsonb := coalesce(v_policy->'cache', '{}'::jsonb);
  v_code text;
  v_message text;
  v_details text;
  r command_result;
BEGIN
  IF p_restaurant_id IS NULL OR btrim(p_restaurant_id) = '' THEN
    RETURN refusal('INVALID_REQUEST', 'the restaurant id is null or blank');
  END IF;
  IF v_tz IS NULL OR btrim(v_tz) = '' THEN
    RETURN refusal('INVALID_REQUEST',
      format(E'restaurant %L has no time zone\nMaybe: give an IANA zone id such as Europe/Paris',
             p_restaurant_id));
  END IF;
  BEGIN
    PERFORM now() AT TIME ZONE v_db_tz;
  EXCEPTION WHEN invalid_parameter_value THEN
    RETURN refusal('INVALID_REQUEST',
      format('restaurant %L has a time zone PostgreSQL does not know: %L', p_restaurant_id,
             v_db_tz));
  END;

  INSERT INTO restaurant (restaurant_id, time_zone, db_time_zone, floor_version, policy_version)
  VALUES (p_restaurant_id, v_tz, v_db_tz, v_floor_version, v_policy_version)
  ON CONFLICT (restaurant_id) DO NOTHING;
  PERFORM 1 FROM restaurant WHERE restaurant_id = p_restaurant_id FOR UPDATE;
  SELECT slot_minutes INTO v_old_slot FROM policy WHERE restaurant_id = p_restaurant_id;

  BEGIN
    v_tables := ARRAY(SELECT t->>'id' FROM jsonb_array_elements(coalesce(v_floor->'tables', '[]')) t);
    v_zones := ARRAY(SELECT z->>'id' FROM jsonb_array_elements(coalesce(v_floor->'zones', '[]')) z);

    -- tables that would disappear must not be occupied (expired holds do not count)
    DELETE FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND kind = 'HOLD' AND expires_at <= clock_or(p_now)
       AND NOT (table_id = ANY (v_tables));
    SELECT array_agg(DISTINCT table_id) INTO v_missing
      FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND NOT (table_id = ANY (v_tables));
    IF v_missing IS NOT NULL THEN
      PERFORM raise_refusal('UNKNOWN_TABLE',
        format(E'the new floor plan of restaurant %L drops tables that are still occupied: %s'
               '\nMaybe: unassign those bookings and remove those blocks first',
               p_restaurant_id, sorted_ids(v_missing)));
    END IF;

    -- floor plan
    INSERT INTO zone (restaurant_id, zone_id, name)
    SELECT p_restaurant_id, z->>'id', coalesce(z->>'name', z->>'id')
      FROM jsonb_array_elements(coalesce(v_floor->'zones', '[]')) z
    ON CONFLICT (restaurant_id, zone_id) DO UPDATE SET name = excluded.name;
    DELETE FROM combination WHERE restaurant_id = p_restaurant_id;
    DELETE FROM adjacency WHERE restaurant_id = p_restaurant_id;
    INSERT INTO dining_table (restaurant_id, table_id, zone_id, capacity, min_party_size,
                              max_party_size, combinable, active, attributes)
    SELECT p_restaurant_id, t->>'id', t->>'zone', (t->>'capacity')::integer,
           coalesce((t->>'minPartySize')::integer, 1),
           coalesce((t->>'maxPartySize')::integer, (t->>'capacity')::integer),
           coalesce((t->>'combinable')::boolean, true), coalesce((t->>'active')::boolean, true),
           coalesce(t->'attributes', '{}'::jsonb)
      FROM jsonb_array_elements(coalesce(v_floor->'tables', '[]')) t
    ON CONFLICT (restaurant_id, table_id) DO UPDATE
      SET zone_id = excluded.zone_id, capacity = excluded.capacity,
          min_party_size = excluded.min_party_size, max_party_size = excluded.max_party_size,
          combinable = excluded.combinable, active = excluded.active,
          attributes = excluded.attributes;
    DELETE FROM dining_table
     WHERE restaurant_id = p_restaurant_id AND NOT (table_id = ANY (v_tables));
    DELETE FROM zone WHERE restaurant_id = p_restaurant_id AND NOT (zone_id = ANY (v_zones));
    INSERT INTO adjacency (restaurant_id, table_a, table_b)
    SELECT DISTINCT p_restaurant_id,
           CASE WHEN (e->>0) COLLATE "C" < (e->>1) COLLATE "C" THEN e->>0 ELSE e->>1 END,
           CASE WHEN (e->>0) COLLATE "C" < (e->>1) COLLATE "C" THEN e->>1 ELSE e->>0 END
      FROM jsonb_array_elements(coalesce(v_floor->'adjacency', '[]')) e;
    INSERT INTO combination (restaurant_id, combination_id, table_ids, min_party_size,
                             max_party_size)
    SELECT p_restaurant_id, c->>'id',
           sorted_ids(ARRAY(SELECT jsonb_array_elements_text(c->'tables'))),
           coalesce((c->>'minPartySize')::integer, 1),
           (c->>'maxPartySize')::integer
      FROM jsonb_array_elements(coalesce(v_floor->'combinations', '[]')) c;
    INSERT INTO combination_member (restaurant_id, combination_id, table_id)
    SELECT p_restaurant_id, c->>'id', m
      FROM jsonb_array_elements(coalesce(v_floor->'combinations', '[]')) c,
           jsonb_array_elements_text(c->'tables') m;

    -- policy
    INSERT INTO policy AS p (
      restaurant_id, version, slot_minutes, buffer_minutes, k_max, max_overage, adjacency_mode,
      adjacency_min_party_size, same_zone, pacing_window_minutes, pacing_max_covers,
      scoring_empty_seat, scoring_combination, scoring_adjacency_depth,
      scoring_max_scarcity_amplification, scoring_fragmentation, scoring_scarcity,
      scoring_lookahead, lookahead_mode, lookahead_horizon_nanos, lookahead_max_bookings,
      search_budget_nanos, max_catalog_units, cache_catalog_max_entries,
      cache_catalog_expire_nanos, cache_no_plan_max_entries, cache_no_plan_expire_nanos,
      hold_ttl_nanos)
    VALUES (
      p_restaurant_id, v_policy_version, v_new_slot,
      coalesce((v_policy->>'bufferMinutes')::integer, 0),
      coalesce((v_policy->>'kMax')::integer, 3),
      coalesce((v_policy->>'maxOverage')::integer, 2),
      upper(coalesce(v_policy->>'adjacencyMode', 'CONNECTED')),
      (v_policy->>'adjacencyMinPartySize')::integer,
      coalesce((v_policy->>'sameZone')::boolean, true),
      (v_policy->'pacing'->>'windowMinutes')::integer,
      (v_policy->'pacing'->>'maxCovers')::integer,
      coalesce((v_scoring->>'emptySeat')::double precision, 5),
      coalesce((v_scoring->>'combination')::double precision, 3),
      coalesce((v_scoring->>'adjacencyDepth')::double precision, 1),
      coalesce((v_scoring->>'maxScarcityAmplification')::double precision, 3),
      coalesce((v_scoring->>'fragmentation')::double precision, 2),
      coalesce((v_scoring->>'scarcity')::double precision, 1),
      coalesce((v_scoring->>'lookahead')::double precision, 25),
      upper(coalesce(v_lookahead->>'mode', 'SOFT')),
      coalesce((v_lookahead->>'horizonNanos')::bigint, 3 * 3600 * 1000000000::bigint),
      coalesce((v_lookahead->>'maxBookings')::integer, 32),
      coalesce((v_policy->>'searchBudgetNanos')::bigint, 50 * 1000000::bigint),
      coalesce((v_policy->>'maxCatalogUnits')::integer, 500000),
      coalesce((v_cache->>'catalogMaxEntries')::bigint, 64),
      coalesce((v_cache->>'catalogExpireAfterAccessNanos')::bigint, 3600 * 1000000000::bigint),
      coalesce((v_cache->>'noPlanMaxEntries')::bigint, 10000),
      coalesce((v_cache->>'noPlanExpireAfterWriteNanos')::bigint, 30 * 1000000000::bigint),
      coalesce((v_policy->>'holdTtlNanos')::bigint, 300 * 1000000000::bigint))
    ON CONFLICT (restaurant_id) DO UPDATE SET
      version = excluded.version, slot_minutes = excluded.slot_minutes,
      buffer_minutes = excluded.buffer_minutes, k_max = excluded.k_max,
      max_overage = excluded.max_overage, adjacency_mode = excluded.adjacency_mode,
      adjacency_min_party_size = excluded.adjacency_min_party_size,
      same_zone = excluded.same_zone, pacing_window_minutes = excluded.pacing_window_minutes,
      pacing_max_covers = excluded.pacing_max_covers,
      scoring_empty_seat = excluded.scoring_empty_seat,
      scoring_combination = excluded.scoring_combination,
      scoring_adjacency_depth = excluded.scoring_adjacency_depth,
      scoring_max_scarcity_amplification = excluded.scoring_max_scarcity_amplification,
      scoring_fragmentation = excluded.scoring_fragmentation,
      scoring_scarcity = excluded.scoring_scarcity,
      scoring_lookahead = excluded.scoring_lookahead,
      lookahead_mode = excluded.lookahead_mode,
      lookahead_horizon_nanos = excluded.lookahead_horizon_nanos,
      lookahead_max_bookings = excluded.lookahead_max_bookings,
      search_budget_nanos = excluded.search_budget_nanos,
      max_catalog_units = excluded.max_catalog_units,
      cache_catalog_max_entries = excluded.cache_catalog_max_entries,
      cache_catalog_expire_nanos = excluded.cache_catalog_expire_nanos,
      cache_no_plan_max_entries = excluded.cache_no_plan_max_entries,
      cache_no_plan_expire_nanos = excluded.cache_no_plan_expire_nanos,
      hold_ttl_nanos = excluded.hold_ttl_nanos;
    DELETE FROM policy_service_period WHERE restaurant_id = p_restaurant_id;
    INSERT INTO policy_service_period (restaurant_id, name, position, starts_at, ends_at)
    SELECT p_restaurant_id, s->>'name', n::integer, (s->>'start')::time, (s->>'end')::time
      FROM jsonb_array_elements(coalesce(v_policy->'servicePeriods', '[]')) WITH ORDINALITY x(s, n);
    DELETE FROM policy_turn_time WHERE restaurant_id = p_restaurant_id;
    INSERT INTO policy_turn_time (restaurant_id, service, up_to_party_size, minutes)
    SELECT p_restaurant_id, '', (t->>'upToPartySize')::integer, (t->>'minutes')::integer
      FROM jsonb_array_elements(coalesce(v_policy->'turnTimes',
             '[{"upToPartySize":2,"minutes":90},{"upToPartySize":4,"minutes":105},'
             '{"upToPartySize":6,"minutes":120},{"upToPartySize":99,"minutes":150}]')) t;
    INSERT INTO policy_turn_time (restaurant_id, service, up_to_party_size, minutes)
    SELECT p_restaurant_id, s.key, (t->>'upToPartySize')::integer, (t->>'minutes')::integer
      FROM jsonb_each(coalesce(v_policy->'serviceTurnTimes', '{}')) s,
           jsonb_array_elements(s.value) t;
    DELETE FROM policy_demand_rule WHERE restaurant_id = p_restaurant_id;
    INSERT INTO policy_demand_rule (restaurant_id, position, days, from_time, to_time, multiplier)
    SELECT p_restaurant_id, n::integer,
           ARRAY(SELECT upper(jsonb_array_elements_text(d->'days'))),
           (d->>'from')::time, (d->>'to')::time, (d->>'multiplier')::double precision
      FROM jsonb_array_elements(coalesce(v_policy->'demandRules', '[]')) WITH ORDINALITY x(d, n);

    -- kept entries follow a new slot length
    IF v_old_slot IS NOT NULL AND v_old_slot <> v_new_slot THEN
      UPDATE occupancy SET during = slot_range(starts_at, until_at, v_new_slot)
       WHERE restaurant_id = p_restaurant_id;
    END IF;

    UPDATE restaurant
       SET time_zone = v_tz, db_time_zone = v_db_tz, floor_version = v_floor_version,
           policy_version = v_policy_version, occupancy_version = occupancy_version + 1,
           context_revision = context_revision + 1, updated_at = clock_or(p_now)
     WHERE restaurant_id = p_restaurant_id;
  EXCEPTION
    WHEN SQLSTATE 'CAPRF' THEN
      GET STACKED DIAGNOSTICS v_code = MESSAGE_TEXT, v_message = PG_EXCEPTION_DETAIL,
                              v_details = PG_EXCEPTION_HINT;
      RETURN refusal(v_code, v_message, nullif(v_details, '')::jsonb);
    WHEN exclusion_violation THEN
      RETURN refusal('CONFLICT',
        format('the new slot length of restaurant %L would make kept entries overlap: %s',
               p_restaurant_id, SQLERRM));
    WHEN foreign_key_violation OR check_violation OR not_null_violation OR unique_violation
         OR invalid_text_representation OR datetime_field_overflow OR invalid_datetime_format
         OR numeric_value_out_of_range THEN
      RETURN refusal('INVALID_REQUEST',
        format('the floor plan or policy of restaurant %L is invalid: %s', p_restaurant_id,
               SQLERRM));
  END;
  r := refusal('OK', format('restaurant %L saved', p_restaurant_id));
  SELECT occupancy_version INTO r.occupancy_version
    FROM restaurant WHERE restaurant_id = p_restaurant_id;
  RETURN r;
END
$$;

-- Creates a booking, or updates the details of one. A new booking may not be CONFIRMED or
-- SEATED (tables come only through confirm and assign); an update keeps the status (use
-- transition) and may not change the party, times or zone of a booking that has tables or a live
-- hold. Codes: OK, INVALID_REQUEST.
CREATE OR REPLACE FUNCTION save_booking(p_restaurant_id text, p_booking_id text,
                                        p_party_size integer, p_starts_at timestamptz,
                                        p_ends_at timestamptz, p_created_at timestamptz,
                                        p_zone_id text, p_status text,
                                        p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  b booking;
  v_busy boolean;
  r command_result;
BEGIN
  PERFORM 1 FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RETURN refusal('INVALID_REQUEST',
      format(E'unknown restaurant %L\nMaybe: save it first with saveRestaurant', p_restaurant_id));
  END IF;
  IF p_booking_id IS NULL OR btrim(p_booking_id) = '' OR p_party_size IS NULL
     OR p_party_size < 1 OR p_starts_at IS NULL OR p_created_at IS NULL
     OR (p_ends_at IS NOT NULL AND p_ends_at <= p_starts_at)
     OR p_status IS NULL OR p_status NOT IN ('PENDING', 'CONFIRMED', 'SEATED', 'COMPLETED',
                                             'CANCELLED', 'NO_SHOW') THEN
    RETURN refusal('INVALID_REQUEST',
      format('booking %L is invalid: id, party size (at least 1), start, creation time and status'
             ' are required, and the end must be after the start', p_booking_id));
  END IF;
  SELECT * INTO b FROM booking
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  IF NOT FOUND THEN
    IF p_status IN ('CONFIRMED', 'SEATED') THEN
      RETURN refusal('INVALID_REQUEST',
        format(E'new booking %L is %s but has no tables\nMaybe: save it PENDING, then confirm a'
               ' hold or assign tables', p_booking_id, p_status));
    END IF;
    r := refusal('OK', format('booking %L created', p_booking_id));
    INSERT INTO booking (restaurant_id, booking_id, party_size, starts_at, ends_at, created_at,
                         zone_id, status, updated_at)
    VALUES (p_restaurant_id, p_booking_id, p_party_size, p_starts_at, p_ends_at, p_created_at,
            p_zone_id, p_status, clock_or(p_now))
    ON CONFLICT (restaurant_id, booking_id) DO NOTHING
    RETURNING booking_id, party_size, starts_at, ends_at, created_at, zone_id, status, version
         INTO r.booking_id, r.party_size, r.starts_at, r.ends_at, r.created_at, r.zone_id,
              r.status, r.booking_version;
    IF NOT FOUND THEN
      -- created concurrently: update it as an existing booking
      RETURN save_booking(p_restaurant_id, p_booking_id, p_party_size, p_starts_at, p_ends_at,
                          p_created_at, p_zone_id, p_status, p_now);
    END IF;
    -- a booking just created has no tables and no hold: the result is the row inserted (what
    -- booking_result would read back) and the restaurant's occupancy version
    SELECT occupancy_version INTO r.occupancy_version
      FROM restaurant WHERE restaurant_id = p_restaurant_id;
    RETURN r;
  END IF;
  IF b.status <> p_status THEN
    RETURN refusal('INVALID_REQUEST',
      format(E'saving booking %L would change its status from %s to %s\nMaybe: use transition,'
             ' which records who, when and why', p_booking_id, b.status, p_status));
  END IF;
  IF b.party_size <> p_party_size OR b.starts_at <> p_starts_at
     OR b.ends_at IS DISTINCT FROM p_ends_at OR b.zone_id IS DISTINCT FROM p_zone_id THEN
    SELECT EXISTS (SELECT 1 FROM occupancy o
                    WHERE o.restaurant_id = p_restaurant_id
                      AND o.booking_id = p_booking_id AND o.kind = 'ASSIGNMENT')
        OR EXISTS (SELECT 1 FROM hold h
                    WHERE h.restaurant_id = p_restaurant_id AND h.booking_id = p_booking_id
                      AND h.expires_at > clock_or(p_now))
      INTO v_busy;
    IF v_busy THEN
      RETURN refusal('INVALID_REQUEST',
        format(E'booking %L has tables or a hold; its party, times and zone cannot change'
               '\nMaybe: unassign it first, then quote it again', p_booking_id));
    END IF;
  END IF;
  IF b.party_size <> p_party_size OR b.starts_at <> p_starts_at
     OR b.ends_at IS DISTINCT FROM p_ends_at OR b.zone_id IS DISTINCT FROM p_zone_id
     OR b.created_at <> p_created_at THEN
    UPDATE booking
       SET party_size = p_party_size, starts_at = p_starts_at, ends_at = p_ends_at,
           created_at = p_created_at, zone_id = p_zone_id, version = version + 1,
           updated_at = clock_or(p_now)
     WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id;
  END IF;
  RETURN booking_result('OK', format('booking %L saved', p_booking_id), p_restaurant_id,
                        p_booking_id, p_now);
END
$$;

-- The opening of every command on a booking's tables: reads the restaurant (without a lock, or
-- FOR KEY SHARE when p_key_share), locks the booking row (P4.4), returns the stored outcome of a
-- repeated key (when p_key is given), and refuses an unknown booking or one that cannot get tables.
-- o_result is the answer to return at once, or NULL to go on with o_rest and o_booking.
CREATE OR REPLACE FUNCTION open_booking(p_restaurant_id text, p_booking_id text, p_key text,
                                        p_fingerprint text, p_key_share boolean,
                                        p_now timestamptz,
                                        OUT o_rest restaurant, OUT o_booking booking,
                                        OUT o_result command_result)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  IF NOT p_key_share THEN
    -- the restaurant (no lock) and the booking (locked) in one statement
    SELECT r AS rest, b AS booking INTO v
      FROM restaurant r
      JOIN booking b ON b.restaurant_id = r.restaurant_id
     WHERE r.restaurant_id = p_restaurant_id AND b.booking_id = p_booking_id
       FOR UPDATE OF b;
    IF FOUND THEN
      o_rest := v.rest;
      o_booking := v.booking;
    END IF;
  END IF;
  IF o_booking.booking_id IS NULL THEN
    -- FOR KEY SHARE, or no such booking (or restaurant): one at a time, as the codes need
    IF p_key_share THEN
      SELECT * INTO o_rest FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
    ELSE
      SELECT * INTO o_rest FROM restaurant WHERE restaurant_id = p_restaurant_id;
    END IF;
    IF NOT FOUND THEN
      o_result := refusal('BOOKING_NOT_FOUND',
        format('no booking %L in restaurant %L', p_booking_id, p_restaurant_id));
      RETURN;
    END IF;
    SELECT * INTO o_booking FROM booking
     WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  END IF;
  -- a key already recorded answers with its stored outcome or IDEMPOTENCY_KEY_REUSED
  -- (ledger_outcome, which also answers null if the entry went meanwhile); a probe first, so a
  -- new key, the common case, calls nothing
  IF p_key IS NOT NULL
     AND EXISTS (SELECT 1 FROM idempotency_ledger
                  WHERE restaurant_id = p_restaurant_id AND idempotency_key = p_key) THEN
    o_result := ledger_outcome(p_restaurant_id, p_key, p_fingerprint, p_now);
    IF o_result.code IS NOT NULL THEN
      RETURN;
    END IF;
    o_result := NULL;
  END IF;
  IF o_booking.booking_id IS NULL THEN
    o_result := refusal('BOOKING_NOT_FOUND',
      format('no booking %L in restaurant %L', p_booking_id, p_restaurant_id));
  ELSIF o_booking.status NOT IN ('PENDING', 'CONFIRMED') THEN
    o_result := refusal('BOOKING_NOT_ASSIGNABLE',
      format('booking %L is %s; only PENDING and CONFIRMED bookings get tables', p_booking_id,
             o_booking.status));
  END IF;
END
$$;

-- Holds tables for a booking until now + ttl, replacing its previous hold in the same step (at
-- most one hold per booking: P3.4); the booking's own hold and assignment never block it (H1).
-- Codes: OK, INVALID_REQUEST, BOOKING_NOT_FOUND, BOOKING_NOT_ASSIGNABLE, UNKNOWN_TABLE,
-- TABLE_INACTIVE, RULE_BROKEN, OUTSIDE_SERVICE, NO_TURN_TIME, CONFLICT, PACING_FULL.
CREATE OR REPLACE FUNCTION hold(p_restaurant_id text, p_booking_id text, p_tables text[],
                                p_ttl interval, p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  opened record;
  v_rest restaurant;
  v_policy policy;
  b booking;
  c plan_check;
  v_bad text := invalid_tables(p_booking_id, p_tables);
  v_hold_id text;
  v_expires timestamptz;
  v_old text[];
  v_touched text[];
  v_version bigint;
  v_code text;
  v_message text;
  v_details text;
  r command_result;
BEGIN
  IF v_bad IS NOT NULL THEN
    RETURN refusal('INVALID_REQUEST', v_bad);
  END IF;
  IF p_ttl IS NULL OR p_ttl <= interval '0' THEN
    RETURN refusal('INVALID_REQUEST',
      format('the hold TTL for booking %L must be positive, got %s', p_booking_id, p_ttl));
  END IF;
  -- the restaurant read without a lock: bump_checked refuses if the context is saved meanwhile
  opened := open_booking(p_restaurant_id, p_booking_id, NULL, NULL, false, p_now);
  IF (opened.o_result).code IS NOT NULL THEN
    RETURN opened.o_result;
  END IF;
  v_rest := opened.o_rest;
  b := opened.o_booking;
  SELECT * INTO v_policy FROM policy WHERE restaurant_id = p_restaurant_id;
  c := check_plan(v_rest, v_policy, b, p_tables);
  IF c.code IS NOT NULL THEN
    RETURN plan_refusal(c);
  END IF;
  PERFORM lock_tables(p_restaurant_id, sorted_ids(c.table_ids || tables_of(p_restaurant_id, p_booking_id)));
  BEGIN
    DELETE FROM hold WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id
    RETURNING table_ids INTO v_old;
    v_touched := sorted_ids(coalesce(v_old, '{}') || c.table_ids);
    v_hold_id := 'hold-' || nextval('hold_seq');
    v_expires := clock_or(p_now) + p_ttl;
    INSERT INTO hold (restaurant_id, booking_id, hold_id, table_ids, starts_at, until_at,
                      expires_at, created_at, context_revision, booking_version)
    VALUES (p_restaurant_id, p_booking_id, v_hold_id, c.table_ids, c.starts_at, c.until_at,
            v_expires, clock_or(p_now), v_rest.context_revision, b.version);
    PERFORM occupy(p_restaurant_id, 'HOLD', p_booking_id, NULL, v_hold_id, c.table_ids,
                   c.during, c.starts_at, c.ends_at, c.until_at, b.party_size, v_expires,
                   v_rest.db_time_zone, p_now);
    IF v_policy.pacing_window_minutes IS NOT NULL THEN
      v_version := bump_checked(v_rest, v_touched);
      PERFORM check_pacing(v_policy, v_rest.db_time_zone, b, c.table_ids, p_now);
    END IF;
    r := booking_result('OK', format('hold %s of booking %L on %s until %s', v_hold_id,
                                     p_booking_id, array_to_string(c.table_ids, '+'),
                                     iso(v_expires)),
                        p_restaurant_id, p_booking_id, p_now);
    IF v_version IS NULL THEN
      -- the last step: writers queue on the counter only for their commit
      v_version := bump_checked(v_rest, v_touched);
    END IF;
  EXCEPTION
    WHEN SQLSTATE 'CAPRF' THEN
      GET STACKED DIAGNOSTICS v_code = MESSAGE_TEXT, v_message = PG_EXCEPTION_DETAIL,
                              v_details = PG_EXCEPTION_HINT;
      RETURN refusal(v_code, v_message, nullif(v_details, '')::jsonb);
    WHEN exclusion_violation THEN
      RETURN conflict_refusal(p_restaurant_id, p_booking_id, c.table_ids, c.during,
                              'booking:' || p_booking_id, v_rest.db_time_zone, p_now);
  END;
  r.hold_id := v_hold_id;
  r.hold_tables := c.table_ids;
  r.hold_start := c.starts_at;
  r.hold_until := c.until_at;
  r.hold_expires_at := v_expires;
  r.occupancy_version := v_version;
  RETURN r;
END
$$;

-- commit_assignment was a function of its own until commit_and_report, its only caller, took its
-- body (a nested call of a PL/pgSQL function that runs statements costs about 22,000 instructions
-- in every transaction): its signatures go.
DROP FUNCTION IF EXISTS commit_assignment(restaurant, policy, booking, plan_check, text, text,
                                          text, text, text, timestamptz);
DROP FUNCTION IF EXISTS commit_assignment(restaurant, policy, booking, plan_check, text, text,
                                          text, timestamptz);
DROP FUNCTION IF EXISTS commit_assignment(restaurant, policy, booking, plan_check, text, text[],
                                          text, text, timestamptz);

-- Commits a checked plan and reports it: writes the booking's assignment (replacing its hold and
-- earlier assignment), moves a pending booking to CONFIRMED in one update of the booking row (a
-- second update of a row written by the same transaction would run the foreign-key check of the
-- restaurant again), takes the occupancy counter (under a pacing rule before the pacing check,
-- else last) and records the outcome under the key. p_before: the tables the booking occupied
-- (read by the caller under the booking's lock). Returns the booking's result with `p_done` and
-- the tables as message, or the refusal a failure of the commit stands for (a rule broken
-- meanwhile, an overlap, the idempotency key taken by a concurrent call): the block's writes are
-- then rolled back. The tail of confirm, hold_and_confirm and assign.
DROP FUNCTION IF EXISTS commit_and_report(restaurant, policy, booking, plan_check, text, text,
                                          text, text, text, text, timestamptz);
CREATE OR REPLACE FUNCTION commit_and_report(p_rest restaurant, p_policy policy, p_booking booking,
                                             p_check plan_check, p_hold_id text, p_before text[],
                                             p_key text, p_fingerprint text, p_actor text,
                                             p_why text, p_done text, p_now timestamptz)
RETURNS command_result LANGUAGE plpgsql AS $$
DECLARE
  v_rid text := p_rest.restaurant_id;
  v_bid text := p_booking.booking_id;
  v_touched text[];
  v_version bigint;
  v_booking_version bigint;
  v_now timestamptz;
  v_code text;
  v_message text;
  v_details text;
BEGIN
  BEGIN
    -- the counter stamps these tables (= ANY: a table named twice does no harm)
    v_touched := coalesce(p_before, '{}') || p_check.table_ids;
    -- A booking that occupies nothing (p_before empty: no occupancy rows, no hold) has no earlier
    -- assignment, no hold and no idempotency entries either (its entries are dropped whenever its
    -- assignment is), so there is nothing to delete.
    IF cardinality(p_before) > 0 OR p_hold_id IS NOT NULL THEN
      WITH a AS (
        DELETE FROM occupancy
         WHERE restaurant_id = v_rid AND booking_id = v_bid AND kind = 'ASSIGNMENT')
      DELETE FROM idempotency_ledger WHERE restaurant_id = v_rid AND booking_id = v_bid;
      IF p_hold_id IS NOT NULL THEN
        -- the hold's rows (locked by confirm) become the assignment's: first make sure a
        -- re-computed window is free of others (the hold's own window is: its rows hold it), then
        -- turn them over in place
        IF EXISTS (SELECT 1 FROM occupancy
                    WHERE restaurant_id = v_rid AND hold_id = p_hold_id
                      AND during IS DISTINCT FROM p_check.during) THEN
          PERFORM raise_if_conflicts(v_rid, v_bid, 'booking:' || v_bid, p_check.table_ids,
                                     p_check.during, p_rest.db_time_zone, p_now);
        END IF;
        UPDATE occupancy
           SET kind = 'ASSIGNMENT', hold_id = NULL, expires_at = NULL, during = p_check.during,
               starts_at = p_check.starts_at, ends_at = p_check.ends_at,
               until_at = p_check.until_at, party_size = p_booking.party_size,
               written_at = clock_or(p_now)
         WHERE restaurant_id = v_rid AND hold_id = p_hold_id;
      END IF;
      DELETE FROM hold WHERE restaurant_id = v_rid AND booking_id = v_bid;
    END IF;
    IF p_hold_id IS NULL THEN
      -- occupy, inlined: the expired holds in the way go first (expiry by the clock at this
      -- statement, P3.2), then one row per table in byte order; delete_expired_holds_on's first
      -- probe is asked here, so the common write, with no expired hold on its tables, calls nothing
      v_now := clock_or(p_now);
      IF EXISTS (SELECT 1 FROM occupancy x
                  WHERE x.restaurant_id = v_rid AND x.kind = 'HOLD' AND x.expires_at <= v_now
                    AND x.table_id = ANY (p_check.table_ids)) THEN
        PERFORM delete_expired_holds_on(v_rid, p_check.table_ids, p_check.during, p_now);
      END IF;
      INSERT INTO occupancy (restaurant_id, table_id, kind, booking_id, during, starts_at, ends_at,
                             until_at, party_size)
      SELECT v_rid, t, 'ASSIGNMENT', v_bid, p_check.during, p_check.starts_at, p_check.ends_at,
             p_check.until_at, p_booking.party_size
        FROM unnest(p_check.table_ids) t
       ORDER BY t COLLATE "C";
    END IF;
    IF p_policy.pacing_window_minutes IS NOT NULL THEN
      v_version := bump_checked(p_rest, v_touched);
      PERFORM check_pacing(p_policy, p_rest.db_time_zone, p_booking, p_check.table_ids, p_now);
    END IF;
    -- a new plan (+1) and, for a pending booking, the move to CONFIRMED (+1) with its history entry
    -- (note_move's insert, inlined: one statement instead of a call and two)
    v_now := clock_or(p_now);
    WITH h AS (
      INSERT INTO booking_history (restaurant_id, booking_id, from_status, to_status, changed_at,
                                   actor, why)
      SELECT v_rid, v_bid, 'PENDING', 'CONFIRMED', v_now, coalesce(p_actor, ''), coalesce(p_why, '')
       WHERE p_booking.status = 'PENDING')
    UPDATE booking
       SET status = 'CONFIRMED',
           version = version + CASE WHEN p_booking.status = 'PENDING' THEN 2 ELSE 1 END,
           updated_at = v_now
     WHERE restaurant_id = v_rid AND booking_id = v_bid
    RETURNING version INTO v_booking_version;
    -- without pacing, the counter comes last: only the ledger row is written while holding it
    -- (under pacing it was taken above, before the pacing check)
    IF v_version IS NULL THEN
      v_version := bump_checked(p_rest, v_touched);
    END IF;
    -- record_ledger, inlined
    INSERT INTO idempotency_ledger (restaurant_id, idempotency_key, booking_id, fingerprint,
                                    hold_id, table_ids, starts_at, ends_at, occupancy_version,
                                    created_at)
    VALUES (v_rid, p_key, v_bid, p_fingerprint, p_hold_id, p_check.table_ids, p_check.starts_at,
            p_check.ends_at, v_version, clock_or(p_now))
    ON CONFLICT (restaurant_id, idempotency_key) DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'CAPKY', MESSAGE = 'idempotency key recorded concurrently';
    END IF;
  EXCEPTION
    WHEN SQLSTATE 'CAPRF' THEN
      GET STACKED DIAGNOSTICS v_code = MESSAGE_TEXT, v_message = PG_EXCEPTION_DETAIL,
                              v_details = PG_EXCEPTION_HINT;
      RETURN refusal(v_code, v_message, nullif(v_details, '')::jsonb);
    WHEN exclusion_violation THEN
      RETURN conflict_refusal(v_rid, v_bid, p_check.table_ids, p_check.during,
                              'booking:' || v_bid, p_rest.db_time_zone, p_now);
    WHEN SQLSTATE 'CAPKY' THEN
      RETURN ledger_outcome(v_rid, p_key, p_fingerprint, p_now);
  END;
  -- what booking_result would read back, from what was just written: the booking confirmed, the
  -- plan's rows, no hold left
  RETURN ROW('OK', format('booking %L %s %s', v_bid, p_done,
                           array_to_string(p_check.table_ids, '+')),
             v_bid, p_booking.party_size, p_booking.starts_at, p_booking.ends_at,
             p_booking.created_at, p_booking.zone_id, 'CONFIRMED', v_booking_version,
             p_check.table_ids, p_check.starts_at, p_check.ends_at, p_hold_id,
             NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, v_version, false, NULL,
             NULL)::command_result;
END
$$;

-- Confirms a live hold (P4.4: the booking's state is checked under its row lock; every rule is
-- checked again, P4.6, unless neither the restaurant's context revision nor the booking's version
-- changed since the hold, when the hold's check stands), turning its rows into the booking's assignment, and records the outcome
-- under the idempotency key: the same key with the same booking and hold returns the stored
-- confirmation (repeated = true), with anything else IDEMPOTENCY_KEY_REUSED (P1.3, P1.6).
-- Refusals are not recorded. Codes: OK, INVALID_REQUEST, IDEMPOTENCY_KEY_REUSED,
-- BOOKING_NOT_FOUND, BOOKING_NOT_ASSIGNABLE, HOLD_NOT_FOUND, HOLD_EXPIRED, and those of hold.
CREATE OR REPLACE FUNCTION confirm(p_restaurant_id text, p_booking_id text, p_hold_id text,
                                   p_idempotency_key text, p_actor text,
                                   p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  opened record;
  v_own text[];
  v_rest restaurant;
  v_policy policy;
  b booking;
  h hold;
  c plan_check;
  v_fingerprint text := format('CONFIRM of booking %L hold %L', p_booking_id, p_hold_id);
  v_rows integer;
  r command_result;
BEGIN
  IF p_idempotency_key IS NULL OR btrim(p_idempotency_key) = '' THEN
    RETURN refusal('INVALID_REQUEST',
      format('the confirm of booking %L needs a non-blank idempotency key', p_booking_id));
  END IF;
  -- the restaurant read without a lock: bump_checked refuses if the context is saved meanwhile
  opened := open_booking(p_restaurant_id, p_booking_id, p_idempotency_key,
                         v_fingerprint, false, p_now);
  IF (opened.o_result).code IS NOT NULL THEN
    RETURN opened.o_result;
  END IF;
  v_rest := opened.o_rest;
  b := opened.o_booking;
  SELECT * INTO h FROM hold
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  IF h.hold_id IS NULL OR h.hold_id <> coalesce(p_hold_id, '') THEN
    RETURN refusal('HOLD_NOT_FOUND',
      format('booking %L has no live hold %L (released, replaced or confirmed)', p_booking_id,
             p_hold_id));
  END IF;
  v_own := tables_of(p_restaurant_id, p_booking_id);
  PERFORM lock_tables(p_restaurant_id, sorted_ids(h.table_ids || v_own));
  -- Lock the hold's rows first: once they are locked and found live, no sweeper or other
  -- writer can delete them (they skip locked rows), so the decision below stands (P3.2).
  SELECT count(*) INTO v_rows FROM (
    SELECT 1 FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND hold_id = h.hold_id
     ORDER BY table_id COLLATE "C"
       FOR UPDATE) l;
  IF h.expires_at <= clock_or(p_now) OR v_rows < cardinality(h.table_ids) THEN
    RETURN refusal('HOLD_EXPIRED',
      format('hold %L of booking %L expired at %s, before its confirm', p_hold_id, p_booking_id,
             iso(h.expires_at)));
  END IF;
  SELECT * INTO v_policy FROM policy WHERE restaurant_id = p_restaurant_id;
  IF h.context_revision = v_rest.context_revision AND h.booking_version = b.version THEN
    -- The hold's plan was checked against this very floor plan, policy, time zone and booking
    -- (check_plan reads nothing else, and not the clock): it passes again, with the window
    -- its locked rows already carry.
    SELECT NULL, NULL, NULL, h.table_ids, o.starts_at, o.ends_at, o.until_at, o.during INTO c
      FROM occupancy o
     WHERE o.restaurant_id = p_restaurant_id AND o.hold_id = h.hold_id
     LIMIT 1;
  ELSE
    c := check_plan(v_rest, v_policy, b, h.table_ids);
    IF c.code IS NOT NULL THEN
      RETURN plan_refusal(c);
    END IF;
  END IF;
  RETURN commit_and_report(v_rest, v_policy, b, c, p_hold_id, v_own, p_idempotency_key,
                           v_fingerprint,
                           p_actor, format('confirmed hold %L', p_hold_id), 'confirmed on', p_now);
END
$$;

-- The tail of the commands that place a plan without a hold (hold_and_confirm, assign): checks
-- every rule (check_plan), locks the tables, commits and reports. The history's why is p_note,
-- or p_why_format filled with the tables when the note is empty.
CREATE OR REPLACE FUNCTION check_and_commit(p_rest restaurant, p_booking booking, p_tables text[],
                                            p_key text, p_fingerprint text, p_actor text,
                                            p_note text, p_why_format text, p_done text,
                                            p_now timestamptz)
RETURNS command_result LANGUAGE plpgsql AS $$
DECLARE
  v_rid text := p_rest.restaurant_id;
  v_policy policy;
  c plan_check;
  v_own text[];
  v_lock text[];
BEGIN
  SELECT * INTO v_policy FROM policy WHERE restaurant_id = v_rid;
  c := check_plan(p_rest, v_policy, p_booking, p_tables);
  IF c.code IS NOT NULL THEN
    RETURN plan_refusal(c);
  END IF;
  -- tables_of and lock_tables, inlined: the tables the booking occupies (read under its lock),
  -- then the rows of every table the commit writes on, locked in byte order
  v_own := ARRAY(SELECT o.table_id FROM occupancy o
                  WHERE o.restaurant_id = v_rid AND o.booking_id = p_booking.booking_id
                 UNION ALL
                 SELECT unnest(h.table_ids) FROM hold h
                  WHERE h.restaurant_id = v_rid AND h.booking_id = p_booking.booking_id);
  v_lock := c.table_ids || v_own;  -- a plain variable keeps the statement's plan generic
  PERFORM 1 FROM dining_table
    WHERE restaurant_id = v_rid AND table_id = ANY (v_lock)
    ORDER BY table_id COLLATE "C"
      FOR NO KEY UPDATE;
  RETURN commit_and_report(p_rest, v_policy, p_booking, c, NULL, v_own, p_key, p_fingerprint,
                           p_actor,
                           CASE WHEN coalesce(p_note, '') = ''
                                THEN format(p_why_format, array_to_string(c.table_ids, ', '))
                                ELSE p_note END,
                           p_done, p_now);
END
$$;

-- Holds and confirms a plan in one step (the auto-assigner's command): the booking's state under
-- its row lock (P4.4), every rule (P1.7), then the tail of confirm without a hold in between:
-- replaces the booking's hold and earlier assignment, moves a pending booking to CONFIRMED and
-- records the outcome under the key (the same key with the same booking and tables returns the
-- stored confirmation). No context version is compared: the checks here decide, and a floor plan
-- or policy saved while it runs refuses it with CONTEXT_CHANGED (bump_checked). Codes: OK,
-- INVALID_REQUEST, IDEMPOTENCY_KEY_REUSED, BOOKING_NOT_FOUND, BOOKING_NOT_ASSIGNABLE,
-- CONTEXT_CHANGED, and the rule codes of hold.
CREATE OR REPLACE FUNCTION hold_and_confirm(p_restaurant_id text, p_booking_id text,
                                            p_tables text[], p_idempotency_key text,
                                            p_actor text, p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  opened record;
  v_bad text := invalid_keyed_plan(p_booking_id, p_tables, p_idempotency_key, 'confirm');
  v_fingerprint text;
BEGIN
  IF v_bad IS NOT NULL THEN
    RETURN refusal('INVALID_REQUEST', v_bad);
  END IF;
  v_fingerprint := format('HOLD_AND_CONFIRM of booking %L on %s', p_booking_id,
                          sorted_ids(p_tables));
  -- the restaurant read without a lock: bump_checked refuses if the context is saved meanwhile
  opened := open_booking(p_restaurant_id, p_booking_id, p_idempotency_key,
                         v_fingerprint, false, p_now);
  IF (opened.o_result).code IS NOT NULL THEN
    RETURN opened.o_result;
  END IF;
  RETURN check_and_commit(opened.o_rest, opened.o_booking, p_tables, p_idempotency_key,
                          v_fingerprint, p_actor, NULL, 'confirmed [%s] at once', 'confirmed on',
                          p_now);
END
$$;

-- Assigns tables directly (a manual choice) decided on a context version: the booking's state,
-- then what changed since (floor plan, policy, booking, or the occupancy of the chosen tables:
-- CONTEXT_CHANGED listing the changes, P2.8, P3.1), then every rule. Replaces the booking's hold
-- and earlier assignment and records the outcome under the key as confirm does. Codes: OK,
-- INVALID_REQUEST, IDEMPOTENCY_KEY_REUSED, BOOKING_NOT_FOUND, BOOKING_NOT_ASSIGNABLE,
-- CONTEXT_CHANGED, and the rule codes of hold.
CREATE OR REPLACE FUNCTION assign(p_restaurant_id text, p_booking_id text, p_tables text[],
                                  p_floor_version text, p_policy_version text,
                                  p_booking_version bigint, p_occupancy_version bigint,
                                  p_idempotency_key text, p_actor text, p_note text,
                                  p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
  opened record;
  v_rest restaurant;
  b booking;
  v_bad text := invalid_keyed_plan(p_booking_id, p_tables, p_idempotency_key, 'assignment');
  v_fingerprint text;
  v_changes jsonb := '[]'::jsonb;
  v_changed text[];
  r command_result;
BEGIN
  IF v_bad IS NOT NULL THEN
    RETURN refusal('INVALID_REQUEST', v_bad);
  END IF;
  v_fingerprint := format('ASSIGN of booking %L to %s', p_booking_id, sorted_ids(p_tables));
  opened := open_booking(p_restaurant_id, p_booking_id, p_idempotency_key,
                         v_fingerprint, true, p_now);
  IF (opened.o_result).code IS NOT NULL THEN
    RETURN opened.o_result;
  END IF;
  v_rest := opened.o_rest;
  b := opened.o_booking;
  -- what changed since the caller decided
  IF p_floor_version IS DISTINCT FROM v_rest.floor_version THEN
    v_changes := v_changes || jsonb_build_object('part', 'FLOOR_PLAN', 'was', p_floor_version,
                                                 'now', v_rest.floor_version, 'tables', '[]'::jsonb);
  END IF;
  IF p_policy_version IS DISTINCT FROM v_rest.policy_version THEN
    v_changes := v_changes || jsonb_build_object('part', 'POLICY', 'was', p_policy_version,
                                                 'now', v_rest.policy_version, 'tables', '[]'::jsonb);
  END IF;
  IF p_booking_version IS DISTINCT FROM b.version THEN
    v_changes := v_changes || jsonb_build_object('part', 'BOOKING', 'was', p_booking_version::text,
                                                 'now', b.version::text, 'tables', '[]'::jsonb);
  END IF;
  SELECT array_agg(t.table_id ORDER BY t.table_id COLLATE "C") INTO v_changed
    FROM dining_table t
   WHERE t.restaurant_id = p_restaurant_id AND t.table_id = ANY (p_tables)
     AND (p_occupancy_version IS NULL OR p_occupancy_version > v_rest.occupancy_version
          OR t.occupancy_version > p_occupancy_version);
  IF v_changed IS NOT NULL THEN
    v_changes := v_changes || jsonb_build_object('part', 'OCCUPANCY',
                   'was', coalesce(p_occupancy_version::text, ''),
                   'now', v_rest.occupancy_version::text, 'tables', to_jsonb(v_changed));
  END IF;
  IF jsonb_array_length(v_changes) > 0 THEN
    RETURN refusal('CONTEXT_CHANGED',
      format('the context of the assignment of booking %L changed since it was decided: %s',
             p_booking_id,
             (SELECT string_agg(format('%s %s -> %s%s', x->>'part', x->>'was', x->>'now',
                      CASE WHEN jsonb_array_length(x->'tables') > 0
                           THEN ' on ' || (x->'tables')::text ELSE '' END), ', ')
                FROM jsonb_array_elements(v_changes) x)),
      jsonb_build_object('changes', v_changes));
  END IF;
  RETURN check_and_commit(v_rest, b, p_tables, p_idempotency_key, v_fingerprint, p_actor, p_note,
                          'assigned [%s]', 'assigned to', p_now);
END
$$;

-- Removes a booking's tables and hold, and every trace that would block a later reassignment
-- (its idempotency entries: U1); a confirmed booking goes back to PENDING. A booking without
-- tables is left as it is. Codes: OK, BOOKING_NOT_FOUND, TRANSITION_NOT_ALLOWED (SEATED).
CREATE OR REPLACE FUNCTION unassign(p_restaurant_id text, p_booking_id text, p_actor text,
                                    p_why text, p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  b booking;
BEGIN
  PERFORM 1 FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
  SELECT * INTO b FROM booking
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN refusal('BOOKING_NOT_FOUND',
      format('no booking %L in restaurant %L', p_booking_id, p_restaurant_id));
  END IF;
  IF b.status = 'SEATED' THEN
    RETURN refusal('TRANSITION_NOT_ALLOWED',
      format('booking %L is SEATED; its tables cannot be taken away', p_booking_id));
  END IF;
  PERFORM remove_tables(p_restaurant_id, p_booking_id, p_now);
  IF b.status = 'CONFIRMED' THEN
    PERFORM move_booking(p_restaurant_id, p_booking_id, 'CONFIRMED', 'PENDING', p_actor, p_why,
                         p_now);
  END IF;
  RETURN booking_result('OK', format('booking %L has no tables', p_booking_id), p_restaurant_id,
                        p_booking_id, p_now);
END
$$;

-- Releases a live hold. Codes: OK (the released hold), BOOKING_NOT_FOUND, HOLD_NOT_FOUND (no such
-- hold: released, replaced or confirmed), HOLD_EXPIRED.
CREATE OR REPLACE FUNCTION release_hold(p_restaurant_id text, p_booking_id text, p_hold_id text,
                                        p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  h hold;
  r command_result;
  v_version bigint;
BEGIN
  PERFORM 1 FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
  PERFORM 1 FROM booking
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN refusal('BOOKING_NOT_FOUND',
      format('no booking %L in restaurant %L', p_booking_id, p_restaurant_id));
  END IF;
  SELECT * INTO h FROM hold
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  IF h.hold_id IS NULL OR h.hold_id <> coalesce(p_hold_id, '') THEN
    RETURN refusal('HOLD_NOT_FOUND',
      format('booking %L has no live hold %L (released, replaced or confirmed)', p_booking_id,
             p_hold_id));
  END IF;
  IF h.expires_at <= clock_or(p_now) THEN
    RETURN refusal('HOLD_EXPIRED',
      format('hold %L of booking %L expired at %s', p_hold_id, p_booking_id, iso(h.expires_at)));
  END IF;
  PERFORM lock_tables(p_restaurant_id, h.table_ids);
  DELETE FROM hold WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id;
  v_version := bump_occupancy_version(p_restaurant_id, h.table_ids);
  r := refusal('OK', format('hold %L of booking %L released', p_hold_id, p_booking_id));
  r.booking_id := p_booking_id;
  r.hold_id := h.hold_id;
  r.hold_tables := h.table_ids;
  r.hold_start := h.starts_at;
  r.hold_until := h.until_at;
  r.hold_expires_at := h.expires_at;
  r.occupancy_version := v_version;
  RETURN r;
END
$$;

-- Moves a booking to another state, recording who, when and why. Allowed moves are those of
-- dev.capacity.BookingStatus.next(); moving to the current state succeeds without a change.
-- CONFIRMED needs tables; PENDING removes them as unassign does; SEATED drops a pending hold; the
-- end states (COMPLETED, CANCELLED, NO_SHOW) remove tables, hold and idempotency entries (U1).
-- Codes: OK, BOOKING_NOT_FOUND, TRANSITION_NOT_ALLOWED.
CREATE OR REPLACE FUNCTION transition(p_restaurant_id text, p_booking_id text, p_to text,
                                      p_actor text, p_why text, p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  b booking;
  v_allowed text[];
  v_hold text[];
BEGIN
  PERFORM 1 FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
  SELECT * INTO b FROM booking
   WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN refusal('BOOKING_NOT_FOUND',
      format('no booking %L in restaurant %L', p_booking_id, p_restaurant_id));
  END IF;
  IF b.status = p_to THEN
    RETURN booking_result('OK', format('booking %L is already %s', p_booking_id, p_to),
                          p_restaurant_id, p_booking_id, p_now);
  END IF;
  v_allowed := CASE b.status
    WHEN 'PENDING' THEN ARRAY['CONFIRMED', 'CANCELLED', 'NO_SHOW']
    WHEN 'CONFIRMED' THEN ARRAY['PENDING', 'SEATED', 'CANCELLED', 'NO_SHOW']
    WHEN 'SEATED' THEN ARRAY['COMPLETED']
    ELSE '{}'::text[] END;
  IF p_to IS NULL OR NOT (p_to = ANY (v_allowed)) THEN
    RETURN refusal('TRANSITION_NOT_ALLOWED',
      format('booking %L cannot move from %s to %s; allowed: %s', p_booking_id, b.status, p_to,
             v_allowed));
  END IF;
  IF p_to = 'CONFIRMED' THEN
    IF NOT EXISTS (SELECT 1 FROM occupancy o
                    WHERE o.restaurant_id = p_restaurant_id
                      AND o.booking_id = p_booking_id AND o.kind = 'ASSIGNMENT') THEN
      RETURN refusal('TRANSITION_NOT_ALLOWED',
        format(E'booking %L has no tables and cannot be CONFIRMED\nMaybe: confirm a hold or'
               ' assign tables, which confirms it', p_booking_id));
    END IF;
  ELSIF p_to = 'SEATED' THEN
    PERFORM lock_tables(p_restaurant_id, tables_of(p_restaurant_id, p_booking_id));
    DELETE FROM hold WHERE restaurant_id = p_restaurant_id AND booking_id = p_booking_id
    RETURNING table_ids INTO v_hold;
    IF v_hold IS NOT NULL THEN
      PERFORM bump_occupancy_version(p_restaurant_id, v_hold);
    END IF;
  ELSE
    PERFORM remove_tables(p_restaurant_id, p_booking_id, p_now);
  END IF;
  PERFORM move_booking(p_restaurant_id, p_booking_id, b.status, p_to, p_actor, p_why, p_now);
  RETURN booking_result('OK', format('booking %L moved from %s to %s', p_booking_id, b.status,
                                     p_to),
                        p_restaurant_id, p_booking_id, p_now);
END
$$;

-- Deletes the occupancy rows of the restaurant's expired holds (expired holds block nobody even
-- before this runs; sweeping reclaims their rows). The hold rows stay as tombstones, so a late
-- confirm still answers HOLD_EXPIRED. Returns how many holds lost their rows.
CREATE OR REPLACE FUNCTION sweep_expired_holds(p_restaurant_id text,
                                               p_now timestamptz DEFAULT NULL)
RETURNS integer LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  v_now timestamptz := clock_or(p_now);
  v_count integer;
BEGIN
  WITH d AS (
    DELETE FROM occupancy o
     WHERE o.ctid = ANY (ARRAY(
             SELECT x.ctid
               FROM occupancy x
              WHERE x.restaurant_id = p_restaurant_id AND x.kind = 'HOLD'
                AND x.expires_at <= v_now
              ORDER BY x.table_id COLLATE "C"
                FOR UPDATE SKIP LOCKED))
       AND o.restaurant_id = p_restaurant_id AND o.kind = 'HOLD' AND o.expires_at <= v_now
    RETURNING o.hold_id)
  SELECT count(DISTINCT hold_id) INTO v_count FROM d;
  RETURN v_count;
END
$$;

-- Adds a block, or replaces the block with the same id. A block may not overlap an assignment,
-- a live hold or another block of its table. Codes: OK, INVALID_REQUEST (unknown restaurant, bad
-- range), UNKNOWN_TABLE, CONFLICT.
CREATE OR REPLACE FUNCTION add_block(p_restaurant_id text, p_block_id text, p_table_id text,
                                     p_starts_at timestamptz, p_ends_at timestamptz,
                                     p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  v_rest restaurant;
  v_slot integer;
  v_during tstzrange;
  v_old text;
  v_version bigint;
  v_code text;
  v_message text;
  v_details text;
  r command_result;
BEGIN
  SELECT * INTO v_rest FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
  IF NOT FOUND THEN
    RETURN refusal('INVALID_REQUEST',
      format(E'unknown restaurant %L\nMaybe: save it first with saveRestaurant', p_restaurant_id));
  END IF;
  IF p_block_id IS NULL OR btrim(p_block_id) = '' OR p_starts_at IS NULL OR p_ends_at IS NULL
     OR p_ends_at <= p_starts_at THEN
    RETURN refusal('INVALID_REQUEST',
      format('block %L needs an id and an end after its start', p_block_id));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM dining_table
                  WHERE restaurant_id = p_restaurant_id AND table_id = p_table_id) THEN
    RETURN refusal('UNKNOWN_TABLE',
      format('block %L names an unknown table %L', p_block_id, p_table_id));
  END IF;
  SELECT slot_minutes INTO v_slot FROM policy WHERE restaurant_id = p_restaurant_id;
  v_during := slot_range(p_starts_at, p_ends_at, v_slot);
  PERFORM lock_tables(p_restaurant_id, sorted_ids(ARRAY[p_table_id] || ARRAY(
    SELECT table_id FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND block_id = p_block_id)));
  BEGIN
    DELETE FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND block_id = p_block_id
    RETURNING table_id INTO v_old;
    PERFORM occupy(p_restaurant_id, 'BLOCK', NULL, p_block_id, NULL, ARRAY[p_table_id],
                   v_during, p_starts_at, p_ends_at, p_ends_at, 0, NULL, v_rest.db_time_zone,
                   p_now);
    v_version := bump_occupancy_version(p_restaurant_id,
                                        sorted_ids(ARRAY[p_table_id, v_old]));
  EXCEPTION
    WHEN SQLSTATE 'CAPRF' THEN
      GET STACKED DIAGNOSTICS v_code = MESSAGE_TEXT, v_message = PG_EXCEPTION_DETAIL,
                              v_details = PG_EXCEPTION_HINT;
      RETURN refusal(v_code, v_message, nullif(v_details, '')::jsonb);
    WHEN exclusion_violation THEN
      RETURN conflict_refusal(p_restaurant_id, p_block_id, ARRAY[p_table_id], v_during,
                              'block:' || p_block_id, v_rest.db_time_zone, p_now);
  END;
  r := refusal('OK', format('block %L on table %L', p_block_id, p_table_id));
  r.block_id := p_block_id;
  r.block_table := p_table_id;
  r.block_start := p_starts_at;
  r.block_end := p_ends_at;
  r.occupancy_version := v_version;
  RETURN r;
END
$$;

-- Removes a block. Codes: OK (the removed block), INVALID_REQUEST (no such block).
CREATE OR REPLACE FUNCTION remove_block(p_restaurant_id text, p_block_id text,
                                        p_now timestamptz DEFAULT NULL)
RETURNS command_result LANGUAGE plpgsql
SET search_path FROM CURRENT SET enable_seqscan = off AS $$
DECLARE
  o occupancy;
  r command_result;
BEGIN
  PERFORM 1 FROM restaurant WHERE restaurant_id = p_restaurant_id FOR KEY SHARE;
  PERFORM lock_tables(p_restaurant_id, ARRAY(
    SELECT table_id FROM occupancy
     WHERE restaurant_id = p_restaurant_id AND block_id = p_block_id));
  DELETE FROM occupancy
   WHERE restaurant_id = p_restaurant_id AND block_id = p_block_id
  RETURNING * INTO o;
  IF o.block_id IS NULL THEN
    RETURN refusal('INVALID_REQUEST',
      format('restaurant %L has no block %L', p_restaurant_id, p_block_id));
  END IF;
  r := refusal('OK', format('block %L removed', p_block_id));
  r.occupancy_version := bump_occupancy_version(p_restaurant_id, ARRAY[o.table_id]);
  r.block_id := o.block_id;
  r.block_table := o.table_id;
  r.block_start := o.starts_at;
  r.block_end := o.ends_at;
  RETURN r;
END
$$;
