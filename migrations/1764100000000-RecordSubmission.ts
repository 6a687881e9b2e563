import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decisive step of a submit as one server-side function, called in one autocommit round trip.
 *
 * The app reads the bid in one statement, runs every rule and computes the canonical content; this function then
 * re-checks, under locks and by the database clock, what can change between that read and the write: the bid (a
 * concurrent submit or withdrawal), the programme (status, rule version), the cluster's other active bids (the cap
 * and the single-bid rule, read after the cluster's advisory lock with a fresh snapshot) and the deadline. Only when
 * everything holds does it take the programme's counter, write the bid, its frozen version and the audit row. The
 * counter and the audit chain's head are therefore held for a few microseconds of server work up to the commit,
 * never across a network round trip. It writes nothing unless it answers 'submitted'.
 */
export class RecordSubmission1764100000000 implements MigrationInterface {
  name = 'RecordSubmission1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // Frozen versions hold the whole bid text: lz4 compresses it several times faster than the default pglz, on
    // the submit's critical path. A server built without lz4 keeps pglz.
    await db.query(`
      DO $$ BEGIN
        ALTER TABLE submission_versions ALTER COLUMN content SET COMPRESSION lz4;
      EXCEPTION WHEN feature_not_supported THEN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION record_submission(
        p_submission uuid, p_version integer, p_rules_version integer, p_actor uuid, p_actor_role text, p_request_id text,
        p_content jsonb, p_content_sha256 text, p_federal bigint, p_regional bigint, p_extra_budgetary bigint, p_before jsonb)
      RETURNS TABLE (outcome text, version_id uuid, number text, stamped_at timestamptz, deadline_at timestamptz,
                     other_bids integer, other_federal bigint)
      LANGUAGE plpgsql AS $$
      #variable_conflict use_column
      DECLARE
        bid submissions%ROWTYPE;
        programme programmes%ROWTYPE;
        extended_to timestamptz;
      BEGIN
        SELECT * INTO bid FROM submissions WHERE id = p_submission FOR UPDATE;
        IF NOT FOUND THEN outcome := 'missing'; RETURN NEXT; RETURN; END IF;
        IF bid.current_version <> p_version - 1 THEN outcome := 'changed'; RETURN NEXT; RETURN; END IF;
        IF bid.status NOT IN ('draft', 'submitted', 'withdrawn') THEN outcome := 'wrong_status'; RETURN NEXT; RETURN; END IF;
        SELECT * INTO programme FROM programmes WHERE id = bid.programme_id;
        IF programme.status <> 'open' THEN outcome := 'not_open'; RETURN NEXT; RETURN; END IF;
        IF programme.rules_version <> p_rules_version THEN outcome := 'changed'; RETURN NEXT; RETURN; END IF;

        -- Serialises the cluster's submits and withdrawals; the next statement's snapshot sees every committed one.
        PERFORM pg_advisory_xact_lock(hashtextextended('submit:' || bid.programme_id || ':' || bid.cluster_id, 0));
        SELECT count(*)::integer, coalesce(sum(submitted_federal_kopecks), 0)::bigint INTO other_bids, other_federal
        FROM submissions
        WHERE programme_id = bid.programme_id AND cluster_id = bid.cluster_id AND id <> bid.id
          AND status NOT IN ('draft', 'withdrawn', 'ineligible');

        SELECT closes_at INTO extended_to FROM programme_extensions
        WHERE programme_id = bid.programme_id AND cluster_id = bid.cluster_id;
        deadline_at := greatest(programme.closes_at, extended_to);
        stamped_at := clock_timestamp();
        IF (programme.single_active_bid AND other_bids > 0)
           OR (programme.max_federal_per_cluster_kopecks IS NOT NULL
               AND other_federal + p_federal > programme.max_federal_per_cluster_kopecks)
           OR stamped_at < programme.opens_at THEN
          outcome := 'rules'; RETURN NEXT; RETURN;
        END IF;
        IF stamped_at >= deadline_at THEN outcome := 'deadline'; RETURN NEXT; RETURN; END IF;

        number := bid.registration_number;
        IF number IS NULL THEN
          UPDATE programme_counters SET last_number = last_number + 1 WHERE programme_id = bid.programme_id
          RETURNING programme.code || '-' || lpad(last_number::text, 5, '0') INTO number;
          IF number IS NULL THEN RAISE EXCEPTION 'programme % has no registration counter', bid.programme_id; END IF;
        END IF;
        UPDATE submissions
        SET status = 'submitted', registration_number = number, current_version = p_version, submitted_at = stamped_at,
            first_submitted_at = coalesce(first_submitted_at, stamped_at), submitted_federal_kopecks = p_federal,
            withdrawn_at = NULL, updated_at = stamped_at
        WHERE id = bid.id;
        INSERT INTO submission_versions (submission_id, version, registration_number, submitted_at, submitted_by, content,
                                         content_sha256, federal_kopecks, regional_kopecks, extra_budgetary_kopecks)
        VALUES (bid.id, p_version, number, stamped_at, p_actor, p_content, p_content_sha256, p_federal, p_regional,
                p_extra_budgetary)
        RETURNING id INTO version_id;
        INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
        VALUES (p_actor, p_actor_role, 'submission.submitted', 'submission', bid.id::text, p_before,
                jsonb_build_object('version', p_version, 'registrationNumber', number, 'submittedAt', stamped_at,
                                   'contentSha256', p_content_sha256, 'federalKopecks', p_federal::text),
                p_request_id, '', '');
        outcome := 'submitted';
        RETURN NEXT;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE submission_versions ALTER COLUMN content SET COMPRESSION DEFAULT`);
    await db.query(
      `DROP FUNCTION IF EXISTS record_submission(uuid, integer, integer, uuid, text, text, jsonb, text, bigint, bigint, bigint, jsonb)`,
    );
  }
}
