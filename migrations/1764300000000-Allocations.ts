import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ranking, allocation runs, publication and appeals. The money guarantees live here, not only in the service:
 * - a run's totals always add up (allocated + remainder = budget) and never exceed the programme's budget when
 *   published (trigger), and its per-bid rows add up to its allocated total (checked at publication);
 * - at most one published run per programme (partial unique index), so two concurrent publishes on two app
 *   instances cannot both win;
 * - runs and their rows are write-once: a published run can only become superseded, never edited or deleted.
 */
export class Allocations1764300000000 implements MigrationInterface {
  name = 'Allocations1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE "programme_rankings" (
        "programme_id" uuid NOT NULL,
        "ranking" jsonb NOT NULL,
        "ranked_by" uuid,
        "ranked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_programme_rankings" PRIMARY KEY ("programme_id"),
        CONSTRAINT "FK_programme_rankings_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_programme_rankings_user" FOREIGN KEY ("ranked_by") REFERENCES "users"("id") ON DELETE RESTRICT
      )`);
    await db.query(`CREATE TYPE "allocation_run_status" AS ENUM ('what-if', 'published', 'superseded')`);
    await db.query(`
      CREATE TABLE "allocation_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "number" integer NOT NULL,
        "label" text NOT NULL DEFAULT '',
        "policy" character varying(32) NOT NULL,
        "inputs" jsonb NOT NULL,
        "totals" jsonb NOT NULL,
        "budget_kopecks" bigint NOT NULL,
        "allocated_kopecks" bigint NOT NULL,
        "remainder_kopecks" bigint NOT NULL,
        "status" "allocation_run_status" NOT NULL DEFAULT 'what-if',
        "supersedes_run_id" uuid,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "published_by" uuid,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "superseded_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_allocation_runs" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_allocation_runs_number" UNIQUE ("programme_id", "number"),
        CONSTRAINT "CHK_allocation_runs_money" CHECK ("allocated_kopecks" >= 0 AND "remainder_kopecks" >= 0
          AND "allocated_kopecks" + "remainder_kopecks" = "budget_kopecks"),
        CONSTRAINT "CHK_allocation_runs_published" CHECK (("status" = 'what-if') = ("published_at" IS NULL)),
        CONSTRAINT "CHK_allocation_runs_superseded" CHECK (("status" = 'superseded') = ("superseded_at" IS NOT NULL)),
        CONSTRAINT "FK_allocation_runs_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_allocation_runs_supersedes" FOREIGN KEY ("supersedes_run_id") REFERENCES "allocation_runs"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_allocation_runs_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_allocation_runs_published_by" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE RESTRICT
      )`);
    await db.query(
      `CREATE UNIQUE INDEX "IDX_allocation_runs_one_published" ON "allocation_runs" ("programme_id") WHERE "status" = 'published'`,
    );
    await db.query(`
      CREATE TABLE "allocation_run_bids" (
        "run_id" uuid NOT NULL,
        "submission_id" uuid NOT NULL,
        "rank" integer,
        "weighted_total" numeric(9,4),
        "outcome" character varying(24) NOT NULL,
        "reserve_position" integer,
        "requested_federal_kopecks" bigint NOT NULL,
        "funded_federal_kopecks" bigint NOT NULL,
        "funded_cofinancing_kopecks" bigint NOT NULL,
        "reason" jsonb NOT NULL,
        "lines" jsonb NOT NULL,
        CONSTRAINT "PK_allocation_run_bids" PRIMARY KEY ("run_id", "submission_id"),
        CONSTRAINT "CHK_allocation_run_bids_outcome" CHECK ("outcome" IN ('funded', 'partially_funded', 'reserve', 'not_funded', 'excluded')),
        CONSTRAINT "CHK_allocation_run_bids_money" CHECK ("funded_federal_kopecks" >= 0 AND "funded_cofinancing_kopecks" >= 0
          AND "funded_federal_kopecks" <= "requested_federal_kopecks"),
        CONSTRAINT "FK_allocation_run_bids_run" FOREIGN KEY ("run_id") REFERENCES "allocation_runs"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_allocation_run_bids_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX "IDX_allocation_run_bids_submission" ON "allocation_run_bids" ("submission_id")`);
    await db.query(`
      CREATE FUNCTION allocation_runs_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        budget bigint;
        rows_total bigint;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'allocation runs are kept for the record' USING ERRCODE = 'P0001';
        END IF;
        IF (NEW.id, NEW.programme_id, NEW.number, NEW.policy, NEW.inputs, NEW.totals, NEW.budget_kopecks,
            NEW.allocated_kopecks, NEW.remainder_kopecks, NEW.created_at)
           IS DISTINCT FROM
           (OLD.id, OLD.programme_id, OLD.number, OLD.policy, OLD.inputs, OLD.totals, OLD.budget_kopecks,
            OLD.allocated_kopecks, OLD.remainder_kopecks, OLD.created_at) THEN
          RAISE EXCEPTION 'an allocation run cannot be edited; make a new run' USING ERRCODE = 'P0001';
        END IF;
        IF NOT ((OLD.status = NEW.status AND OLD.label IS DISTINCT FROM NEW.label AND OLD.status = 'what-if')
             OR (OLD.status = 'what-if' AND NEW.status = 'published')
             OR (OLD.status = 'published' AND NEW.status = 'superseded')) THEN
          RAISE EXCEPTION 'allocation run % cannot go from % to %', OLD.id, OLD.status, NEW.status USING ERRCODE = 'P0001';
        END IF;
        IF NEW.status = 'published' THEN
          SELECT p.budget_kopecks INTO budget FROM programmes p WHERE p.id = NEW.programme_id;
          IF budget IS NULL OR NEW.budget_kopecks > budget THEN
            RAISE EXCEPTION 'run % allocates from % kopecks but the programme budget is %', NEW.id, NEW.budget_kopecks, budget
              USING ERRCODE = 'P0001';
          END IF;
          SELECT coalesce(sum(b.funded_federal_kopecks), 0) INTO rows_total FROM allocation_run_bids b WHERE b.run_id = NEW.id;
          IF rows_total <> NEW.allocated_kopecks THEN
            RAISE EXCEPTION 'run % bids add up to % kopecks, not the % it states', NEW.id, rows_total, NEW.allocated_kopecks
              USING ERRCODE = 'P0001';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER allocation_runs_guard BEFORE UPDATE OR DELETE ON allocation_runs FOR EACH ROW EXECUTE FUNCTION allocation_runs_guard()`,
    );
    await db.query(
      `CREATE TRIGGER allocation_run_bids_write_once BEFORE UPDATE OR DELETE ON allocation_run_bids FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await db.query(`CREATE TYPE "appeal_status" AS ENUM ('filed', 'upheld', 'rejected')`);
    await db.query(`
      CREATE TABLE "appeals" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "submission_id" uuid NOT NULL,
        "run_id" uuid NOT NULL,
        "filed_by" uuid NOT NULL,
        "grounds" text NOT NULL,
        "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "status" "appeal_status" NOT NULL DEFAULT 'filed',
        "resolution" text,
        "resolved_by" uuid,
        "resolved_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_appeals" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_appeals_submission" UNIQUE ("submission_id"),
        CONSTRAINT "CHK_appeals_resolved" CHECK (("status" = 'filed') = ("resolved_at" IS NULL)
          AND ("status" = 'filed' OR ("resolution" IS NOT NULL AND "resolved_by" IS NOT NULL))),
        CONSTRAINT "FK_appeals_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_appeals_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_appeals_run" FOREIGN KEY ("run_id") REFERENCES "allocation_runs"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_appeals_filed_by" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_appeals_resolved_by" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX "IDX_appeals_programme" ON "appeals" ("programme_id")`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE "appeals"`);
    await db.query(`DROP TYPE "appeal_status"`);
    await db.query(`DROP TABLE "allocation_run_bids"`);
    await db.query(`DROP TABLE "allocation_runs"`);
    await db.query(`DROP FUNCTION allocation_runs_guard()`);
    await db.query(`DROP TYPE "allocation_run_status"`);
    await db.query(`DROP TABLE "programme_rankings"`);
  }
}
