import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring commissions: members with their organisation, region and load cap; conflicts of interest declared by
 * members or entered by staff (derived ones are computed from the data, never stored); reviewer assignments;
 * per-criterion scores with justifications; the chair's consensus scores. A trigger keeps scores immutable once
 * a review is submitted or the commission is closed, whatever code path tries to write them.
 */
export class Commissions1764200000000 implements MigrationInterface {
  name = 'Commissions1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE "commission_status" AS ENUM('forming', 'reviewing', 'closed')`);
    await db.query(
      `CREATE TABLE "commissions" ("programme_id" uuid NOT NULL, "status" "commission_status" NOT NULL DEFAULT 'forming', "review_due_at" TIMESTAMP WITH TIME ZONE, "assignment_seed" integer, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_commissions" PRIMARY KEY ("programme_id"))`,
    );
    await db.query(`CREATE TYPE "commission_member_role" AS ENUM('chair', 'member')`);
    await db.query(
      `CREATE TABLE "commission_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" "commission_member_role" NOT NULL, "organisation_name" text NOT NULL, "organisation_inn" character varying(12) NOT NULL, "region_code" character varying(6) NOT NULL, "load_cap" integer NOT NULL, "expertise" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_commission_members_user" UNIQUE ("programme_id", "user_id"), CONSTRAINT "CHK_commission_members_load_cap" CHECK ("load_cap" >= 0), CONSTRAINT "PK_commission_members" PRIMARY KEY ("id"))`,
    );
    await db.query(
      `CREATE UNIQUE INDEX "IDX_commission_members_one_chair" ON "commission_members" ("programme_id") WHERE "role" = 'chair'`,
    );
    await db.query(`CREATE TYPE "conflict_kind" AS ENUM('same-organisation', 'same-region', 'family', 'co-author', 'other')`);
    await db.query(
      `CREATE TABLE "member_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "member_id" uuid NOT NULL, "submission_id" uuid NOT NULL, "kind" "conflict_kind" NOT NULL, "source" character varying(8) NOT NULL, "reason" text NOT NULL, "recorded_by" uuid, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_member_conflicts_pair" UNIQUE ("member_id", "submission_id"), CONSTRAINT "CHK_member_conflicts_source" CHECK ("source" IN ('member', 'staff')), CONSTRAINT "PK_member_conflicts" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE TYPE "review_status" AS ENUM('assigned', 'drafted', 'submitted', 'recused')`);
    await db.query(`CREATE TYPE "assignment_origin" AS ENUM('solver', 'manual', 'reassigned')`);
    await db.query(
      `CREATE TABLE "review_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "programme_id" uuid NOT NULL, "submission_id" uuid NOT NULL, "member_id" uuid NOT NULL, "status" "review_status" NOT NULL DEFAULT 'assigned', "origin" "assignment_origin" NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "submitted_at" TIMESTAMP WITH TIME ZONE, "recused_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_review_assignments_pair" UNIQUE ("submission_id", "member_id"), CONSTRAINT "PK_review_assignments" PRIMARY KEY ("id"))`,
    );
    await db.query(`CREATE INDEX "IDX_review_assignments_member" ON "review_assignments" ("member_id")`);
    await db.query(`CREATE INDEX "IDX_review_assignments_programme" ON "review_assignments" ("programme_id")`);
    await db.query(
      `CREATE TABLE "review_scores" ("assignment_id" uuid NOT NULL, "criterion_code" character varying(32) NOT NULL, "score" numeric(7,2) NOT NULL, "justification" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_review_scores" PRIMARY KEY ("assignment_id", "criterion_code"))`,
    );
    await db.query(
      `CREATE TABLE "consensus_scores" ("submission_id" uuid NOT NULL, "criterion_code" character varying(32) NOT NULL, "programme_id" uuid NOT NULL, "score" numeric(7,2) NOT NULL, "justification" text NOT NULL, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_consensus_scores" PRIMARY KEY ("submission_id", "criterion_code"))`,
    );
    await db.query(
      `ALTER TABLE "commissions" ADD CONSTRAINT "FK_commissions_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "commission_members" ADD CONSTRAINT "FK_commission_members_commission" FOREIGN KEY ("programme_id") REFERENCES "commissions"("programme_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "commission_members" ADD CONSTRAINT "FK_commission_members_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "member_conflicts" ADD CONSTRAINT "FK_member_conflicts_member" FOREIGN KEY ("member_id") REFERENCES "commission_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "member_conflicts" ADD CONSTRAINT "FK_member_conflicts_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "review_assignments" ADD CONSTRAINT "FK_review_assignments_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "review_assignments" ADD CONSTRAINT "FK_review_assignments_member" FOREIGN KEY ("member_id") REFERENCES "commission_members"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "review_scores" ADD CONSTRAINT "FK_review_scores_assignment" FOREIGN KEY ("assignment_id") REFERENCES "review_assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await db.query(
      `ALTER TABLE "consensus_scores" ADD CONSTRAINT "FK_consensus_scores_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await db.query(`
      CREATE FUNCTION scores_locked() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_programme uuid;
        review review_status;
      BEGIN
        IF TG_TABLE_NAME = 'review_scores' THEN
          SELECT a.programme_id, a.status INTO row_programme, review FROM review_assignments a
          WHERE a.id = coalesce(NEW.assignment_id, OLD.assignment_id);
          IF review = 'submitted' THEN
            RAISE EXCEPTION 'scores of a submitted review cannot change' USING ERRCODE = 'check_violation';
          END IF;
        ELSE
          row_programme := coalesce(NEW.programme_id, OLD.programme_id);
        END IF;
        IF EXISTS (SELECT 1 FROM commissions WHERE programme_id = row_programme AND status = 'closed') THEN
          RAISE EXCEPTION 'the commission is closed; its scores are locked' USING ERRCODE = 'check_violation';
        END IF;
        RETURN coalesce(NEW, OLD);
      END $$`);
    await db.query(
      `CREATE TRIGGER review_scores_locked BEFORE INSERT OR UPDATE OR DELETE ON review_scores FOR EACH ROW EXECUTE FUNCTION scores_locked()`,
    );
    await db.query(
      `CREATE TRIGGER consensus_scores_locked BEFORE INSERT OR UPDATE OR DELETE ON consensus_scores FOR EACH ROW EXECUTE FUNCTION scores_locked()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'consensus_scores',
      'review_scores',
      'review_assignments',
      'member_conflicts',
      'commission_members',
      'commissions',
    ]) {
      await db.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    }
    await db.query(`DROP FUNCTION IF EXISTS scores_locked()`);
    for (const type of ['assignment_origin', 'review_status', 'conflict_kind', 'commission_member_role', 'commission_status']) {
      await db.query(`DROP TYPE IF EXISTS "${type}"`);
    }
  }
}
