import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bids: drafts with budget lines and PDF attachments, immutable submitted versions with their receipts, per-cluster
 * deadline extensions, the gap-free registration counter per programme, and eligibility results.
 */
export class Submissions1764000000000 implements MigrationInterface {
  name = 'Submissions1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TYPE "submission_status" AS ENUM ('draft', 'submitted', 'withdrawn', 'eligible', 'ineligible', 'in_review',
        'scored', 'ranked', 'funded', 'partially_funded', 'reserve', 'not_funded')`);
    await db.query(`CREATE TYPE "budget_source" AS ENUM ('federal', 'regional', 'extra-budgetary')`);
    await db.query(`
      CREATE TABLE "programme_extensions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "cluster_id" uuid NOT NULL,
        "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "reason" text NOT NULL,
        "granted_by" uuid,
        "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_programme_extensions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_programme_extensions_cluster" UNIQUE ("programme_id", "cluster_id"),
        CONSTRAINT "FK_programme_extensions_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_programme_extensions_cluster" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT
      )`);
    // One row per programme, bumped in the last statement of a first submission: numbers are gap-free because a
    // rolled-back transaction rolls its bump back, and the row lock is held only from that statement to commit.
    await db.query(`
      CREATE TABLE "programme_counters" (
        "programme_id" uuid PRIMARY KEY REFERENCES "programmes"("id") ON DELETE RESTRICT,
        "last_number" integer NOT NULL DEFAULT 0
      )`);
    await db.query(`
      CREATE TABLE "submissions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "cluster_id" uuid NOT NULL,
        "status" "submission_status" NOT NULL DEFAULT 'draft',
        "title" text NOT NULL DEFAULT '',
        "summary" text NOT NULL DEFAULT '',
        "sections" jsonb NOT NULL DEFAULT '{}',
        "contact_name" text NOT NULL DEFAULT '',
        "contact_email" text NOT NULL DEFAULT '',
        "contact_phone" text NOT NULL DEFAULT '',
        "registration_number" character varying(48),
        "current_version" integer NOT NULL DEFAULT 0,
        "first_submitted_at" TIMESTAMP WITH TIME ZONE,
        "submitted_at" TIMESTAMP WITH TIME ZONE,
        "submitted_federal_kopecks" bigint NOT NULL DEFAULT 0,
        "withdrawn_at" TIMESTAMP WITH TIME ZONE,
        "eligibility_checked_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_submissions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_submissions_registration_number" UNIQUE ("registration_number"),
        CONSTRAINT "CHK_submissions_submitted_has_number" CHECK ("status" = 'draft' OR "registration_number" IS NOT NULL),
        CONSTRAINT "FK_submissions_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT,
        CONSTRAINT "FK_submissions_cluster" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX "IDX_submissions_programme_cluster" ON "submissions" ("programme_id", "cluster_id")`);
    await db.query(`CREATE INDEX "IDX_submissions_programme_status" ON "submissions" ("programme_id", "status")`);
    await db.query(`
      CREATE TABLE "submission_budget_lines" (
        "submission_id" uuid NOT NULL,
        "year" integer NOT NULL,
        "category" character varying(32) NOT NULL,
        "source" "budget_source" NOT NULL,
        "amount_kopecks" bigint NOT NULL,
        CONSTRAINT "PK_submission_budget_lines" PRIMARY KEY ("submission_id", "year", "category", "source"),
        CONSTRAINT "CHK_submission_budget_lines_amount" CHECK ("amount_kopecks" >= 0),
        CONSTRAINT "FK_submission_budget_lines_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE "submission_attachments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "submission_id" uuid NOT NULL,
        "kind" character varying(32) NOT NULL,
        "file_name" text NOT NULL,
        "size_bytes" integer NOT NULL,
        "sha256" character varying(64) NOT NULL,
        "uploaded_by" uuid,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_submission_attachments" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_submission_attachments_kind" UNIQUE ("submission_id", "kind"),
        CONSTRAINT "FK_submission_attachments_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE "submission_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "submission_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "registration_number" character varying(48) NOT NULL,
        "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "submitted_by" uuid,
        "content" jsonb NOT NULL,
        "content_sha256" character varying(64) NOT NULL,
        "federal_kopecks" bigint NOT NULL,
        "regional_kopecks" bigint NOT NULL,
        "extra_budgetary_kopecks" bigint NOT NULL,
        CONSTRAINT "PK_submission_versions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_submission_versions_version" UNIQUE ("submission_id", "version"),
        CONSTRAINT "FK_submission_versions_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE RESTRICT
      )`);
    await db.query(`
      CREATE TABLE "eligibility_results" (
        "submission_id" uuid NOT NULL,
        "item_code" character varying(32) NOT NULL,
        "passed" boolean NOT NULL,
        "reason" text NOT NULL DEFAULT '',
        "checked_by" uuid,
        "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_eligibility_results" PRIMARY KEY ("submission_id", "item_code"),
        CONSTRAINT "FK_eligibility_results_submission" FOREIGN KEY ("submission_id") REFERENCES "submissions"("id") ON DELETE CASCADE
      )`);
    // Submitted versions are the legal record: never edited, never deleted.
    await db.query(
      `CREATE TRIGGER submission_versions_append_only BEFORE UPDATE OR DELETE ON submission_versions FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'eligibility_results',
      'submission_versions',
      'submission_attachments',
      'submission_budget_lines',
      'submissions',
      'programme_counters',
      'programme_extensions',
    ]) {
      await db.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    }
    await db.query(`DROP TYPE IF EXISTS "budget_source"`);
    await db.query(`DROP TYPE IF EXISTS "submission_status"`);
  }
}
