-- capacity SDK, PostgreSQL schema, version 6: the owner rule of an occupancy row as one call.
--
-- Applied by Flyway after V005 (see V001__baseline.sql for how); docs/schema.md describes the
-- rule and docs/upgrading.md the upgrade (it reads every occupancy row under an exclusive lock).
--
-- PostgreSQL keeps a table's CHECK constraints as text and parses every one of them again in each
-- statement that inserts or updates the table (V004). occupancy_owner, the one rule over several
-- columns of occupancy, was a CASE over the owner columns: 3,507 characters of stored expression
-- tree, parsed once per seated booking. The same rule is now a function, which PL/pgSQL compiles
-- once per session, and the constraint is a call of it: 867 characters. The rule and the
-- constraint's name are unchanged, and a row that breaks it is still refused with SQLSTATE 23514
-- (check_violation) naming occupancy_owner. 2.4 % fewer server instructions per hold-and-confirm
-- (docs/benchmarks.md).

-- Whether an occupancy row's owner columns fit its kind: a block names its block only; a hold its
-- booking, its hold and when it expires; an assignment its booking only.
CREATE FUNCTION occupancy_owner_valid(p_kind text, p_booking_id text, p_block_id text,
                                      p_hold_id text, p_expires_at timestamptz)
RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  RETURN CASE p_kind
    WHEN 'BLOCK' THEN p_block_id IS NOT NULL AND p_booking_id IS NULL AND p_hold_id IS NULL
                      AND p_expires_at IS NULL
    WHEN 'HOLD' THEN p_booking_id IS NOT NULL AND p_block_id IS NULL AND p_hold_id IS NOT NULL
                     AND p_expires_at IS NOT NULL
    ELSE p_booking_id IS NOT NULL AND p_block_id IS NULL AND p_hold_id IS NULL
         AND p_expires_at IS NULL
  END;
END
$$;

-- One statement drops and adds it, inside the migration's transaction: no row can be written
-- without the rule in between.
ALTER TABLE occupancy
  DROP CONSTRAINT occupancy_owner,
  ADD CONSTRAINT occupancy_owner
    CHECK (occupancy_owner_valid(kind, booking_id, block_id, hold_id, expires_at));
