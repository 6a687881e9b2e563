import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issued decisions. An issue is one "issue decisions for the programme" action on its published run; its work is
 * one queue job per document (a pg-boss queue in this database, so any instance takes any job and a crash loses
 * none). Each document is rendered, streamed to content-addressed storage and then recorded here; the unique keys
 * make a retried job a no-op instead of a duplicate, and at most one decision per bid and language is current.
 */
export class Decisions1764400000000 implements MigrationInterface {
  name = 'Decisions1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "decision_issues" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "run_id" uuid NOT NULL,
        "total" integer NOT NULL,
        "requested_by" uuid,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_decision_issues" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_decision_issues_run" UNIQUE ("run_id"),
        CONSTRAINT "CHK_decision_issues_total" CHECK ("total" >= 0),
        CONSTRAINT "FK_decision_issues_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_decision_issues_run" FOREIGN KEY ("run_id") REFERENCES "allocation_runs"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_decision_issues_user" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT
      )`);
    await db.query(`CREATE TYPE "decision_kind" AS ENUM ('letter', 'protocol')`);
    await db.query(`CREATE TYPE "decision_status" AS ENUM ('current', 'superseded')`);
    await db.query(`
      CREATE TABLE "decisions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "issue_id" uuid NOT NULL,
        "programme_id" uuid NOT NULL,
        "run_id" uuid NOT NULL,
        "submission_id" uuid,
        "kind" "decision_kind" NOT NULL,
        "language" character varying(2) NOT NULL,
        "verification_code" character varying(14) NOT NULL,
        "sha256" character(64) NOT NULL,
        "size_bytes" integer NOT NULL,
        "outcome" character varying(24),
        "funded_federal_kopecks" bigint,
        "status" "decision_status" NOT NULL DEFAULT 'current',
        "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "superseded_at" TIMESTAMP WITH TIME ZONE,
        "superseded_by" uuid,
        CONSTRAINT "PK_decisions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_decisions_code" UNIQUE ("verification_code"),
        CONSTRAINT "UQ_decisions_document" UNIQUE NULLS NOT DISTINCT ("issue_id", "submission_id", "kind", "language"),
        CONSTRAINT "CHK_decisions_kind" CHECK (("kind" = 'letter') = ("submission_id" IS NOT NULL)),
        CONSTRAINT "CHK_decisions_language" CHECK ("language" IN ('ru', 'en')),
        CONSTRAINT "CHK_decisions_superseded" CHECK (("status" = 'superseded') = ("superseded_at" IS NOT NULL)),
        CONSTRAINT "FK_decisions_issue" FOREIGN KEY ("issue_id") REFERENCES "decision_issues"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_decisions_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_decisions_run" FOREIGN KEY ("run_id") REFERENCES "allocation_runs"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_decisions_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_decisions_superseded_by" FOREIGN KEY ("superseded_by") REFERENCES "decisions"("id") ON DELETE RESTRICT
          DEFERRABLE INITIALLY DEFERRED
      )`);
    await db.query(
      `CREATE UNIQUE INDEX "IDX_decisions_current_letter" ON "decisions" ("submission_id", "language") WHERE "status" = 'current' AND "kind" = 'letter'`,
    );
    await db.query(
      `CREATE UNIQUE INDEX "IDX_decisions_current_protocol" ON "decisions" ("programme_id", "language") WHERE "status" = 'current' AND "kind" = 'protocol'`,
    );
    await db.query(`CREATE INDEX "IDX_decisions_issue" ON "decisions" ("issue_id")`);
    // A decision is a record: only its status may change (current → superseded), never its content or existence.
    await db.query(`
      CREATE FUNCTION decisions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'issued decisions are kept for the record' USING ERRCODE = 'P0001';
        END IF;
        IF (NEW.id, NEW.issue_id, NEW.submission_id, NEW.kind, NEW.language, NEW.verification_code, NEW.sha256, NEW.size_bytes,
            NEW.outcome, NEW.funded_federal_kopecks, NEW.issued_at)
           IS DISTINCT FROM
           (OLD.id, OLD.issue_id, OLD.submission_id, OLD.kind, OLD.language, OLD.verification_code, OLD.sha256, OLD.size_bytes,
            OLD.outcome, OLD.funded_federal_kopecks, OLD.issued_at)
           OR NOT (OLD.status = 'current' AND NEW.status = 'superseded') THEN
          RAISE EXCEPTION 'an issued decision cannot be changed, only superseded' USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER decisions_guard BEFORE UPDATE OR DELETE ON decisions FOR EACH ROW EXECUTE FUNCTION decisions_guard()`);
    // A run's rows are written with the run; none may join it once it is published (they would bypass the budget check).
    await db.query(`
      CREATE FUNCTION allocation_run_bids_only_what_if() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT status FROM allocation_runs WHERE id = NEW.run_id) <> 'what-if' THEN
          RAISE EXCEPTION 'run % is published: its rows are fixed', NEW.run_id USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER allocation_run_bids_only_what_if BEFORE INSERT ON allocation_run_bids FOR EACH ROW EXECUTE FUNCTION allocation_run_bids_only_what_if()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER allocation_run_bids_only_what_if ON allocation_run_bids`);
    await db.query(`DROP FUNCTION allocation_run_bids_only_what_if()`);
    await db.query(`DROP TABLE "decisions"`);
    await db.query(`DROP FUNCTION decisions_guard()`);
    await db.query(`DROP TYPE "decision_status"`);
    await db.query(`DROP TYPE "decision_kind"`);
    await db.query(`DROP TABLE "decision_issues"`);
  }
}
