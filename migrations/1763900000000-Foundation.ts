import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation schema: accounts and sessions, clusters, programmes with their rules, and the audit log.
 * Written by hand; the schema test checks that the entities describe exactly this schema.
 */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TYPE "user_role" AS ENUM ('ministry', 'commissioner', 'applicant', 'auditor')`);
    await db.query(`
      CREATE TABLE "clusters" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name_ru" text NOT NULL,
        "name_en" text NOT NULL,
        "region_code" character varying(6) NOT NULL,
        "time_zone" text NOT NULL,
        "organisation_name" text NOT NULL,
        "organisation_inn" character varying(12) NOT NULL,
        "organisation_ogrn" character varying(15) NOT NULL,
        "member_count" integer NOT NULL,
        "industries" text array NOT NULL DEFAULT '{}',
        "participant_inns" text array NOT NULL DEFAULT '{}',
        "is_demo" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_clusters" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_clusters_organisation_inn" UNIQUE ("organisation_inn"),
        CONSTRAINT "CHK_clusters_member_count" CHECK ("member_count" >= 0)
      )`);
    await db.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "full_name" text NOT NULL,
        "role" "user_role" NOT NULL,
        "cluster_id" uuid,
        "organisation_inn" character varying(12),
        "password_hash" text NOT NULL,
        "is_active" boolean NOT NULL DEFAULT true,
        "is_demo" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_users" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_users_email" UNIQUE ("email"),
        CONSTRAINT "CHK_users_email_lowercase" CHECK ("email" = lower("email")),
        CONSTRAINT "CHK_users_cluster_only_applicants" CHECK ("cluster_id" IS NULL OR "role" = 'applicant'),
        CONSTRAINT "FK_users_cluster" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT
      )`);
    await db.query(`CREATE INDEX "IDX_users_cluster" ON "users" ("cluster_id")`);
    await db.query(`
      CREATE TABLE "sessions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "token_hash" character varying(64) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE,
        "ip" text,
        "user_agent" text,
        CONSTRAINT "PK_sessions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_sessions_token_hash" UNIQUE ("token_hash"),
        CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX "IDX_sessions_user" ON "sessions" ("user_id")`);
    // Failed and successful logins, shared by every app instance, so the rate limit holds behind a load balancer.
    await db.query(`
      CREATE TABLE "login_attempts" (
        "id" bigserial PRIMARY KEY,
        "email" text NOT NULL,
        "ip" text NOT NULL,
        "succeeded" boolean NOT NULL,
        "at" timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX "IDX_login_attempts_email_at" ON "login_attempts" ("email", "at")`);
    await db.query(`CREATE INDEX "IDX_login_attempts_ip_at" ON "login_attempts" ("ip", "at")`);

    await this.createProgrammes(db);
    await this.createAuditLog(db);
  }

  private async createProgrammes(db: QueryRunner) {
    await db.query(`CREATE TYPE "programme_status" AS ENUM ('draft', 'open', 'closed', 'scoring', 'ranked', 'published', 'archived')`);
    await db.query(`CREATE TYPE "programme_aggregation" AS ENUM ('mean', 'median', 'trimmed-mean', 'z-score')`);
    await db.query(`CREATE TYPE "programme_allocation_policy" AS ENUM ('greedy-skip', 'partial-marginal', 'proportional', 'select-top-n')`);
    await db.query(`
      CREATE TABLE "programmes" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" character varying(32) NOT NULL,
        "title_ru" text NOT NULL,
        "title_en" text NOT NULL,
        "description_ru" text NOT NULL DEFAULT '',
        "description_en" text NOT NULL DEFAULT '',
        "status" "programme_status" NOT NULL DEFAULT 'draft',
        "rules_version" integer NOT NULL DEFAULT 0,
        "opens_at" TIMESTAMP WITH TIME ZONE,
        "closes_at" TIMESTAMP WITH TIME ZONE,
        "budget_kopecks" bigint,
        "funding_years" integer array NOT NULL DEFAULT '{}',
        "cost_categories" text array NOT NULL DEFAULT '{}',
        "max_federal_per_bid_kopecks" bigint,
        "max_federal_per_cluster_kopecks" bigint,
        "min_cofinancing_basis_points" integer NOT NULL DEFAULT 0,
        "single_active_bid" boolean NOT NULL DEFAULT true,
        "sections" jsonb NOT NULL DEFAULT '[]',
        "attachment_kinds" jsonb NOT NULL DEFAULT '[]',
        "max_attachment_bytes" integer NOT NULL DEFAULT 20971520,
        "min_weighted_total" numeric(7,2),
        "reviewers_per_bid" integer NOT NULL DEFAULT 3,
        "aggregation" "programme_aggregation" NOT NULL DEFAULT 'mean',
        "trim_basis_points" integer NOT NULL DEFAULT 2000,
        "disagreement_threshold" numeric(7,2),
        "min_justification_length" integer NOT NULL DEFAULT 50,
        "conflict_same_region" boolean NOT NULL DEFAULT false,
        "tie_break_chain" jsonb NOT NULL DEFAULT '[]',
        "allocation_policy" "programme_allocation_policy" NOT NULL DEFAULT 'greedy-skip',
        "partial_min_share_basis_points" integer,
        "select_top_n" integer,
        "reserve_list_length" integer NOT NULL DEFAULT 5,
        "appeal_window_days" integer NOT NULL DEFAULT 10,
        "is_demo" boolean NOT NULL DEFAULT false,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_programmes" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_programmes_code" UNIQUE ("code"),
        CONSTRAINT "CHK_programmes_window" CHECK ("closes_at" IS NULL OR "opens_at" IS NULL OR "closes_at" > "opens_at"),
        CONSTRAINT "CHK_programmes_money" CHECK (
          coalesce("budget_kopecks", 1) > 0
          AND coalesce("max_federal_per_bid_kopecks", 0) >= 0
          AND coalesce("max_federal_per_cluster_kopecks", 0) >= 0),
        CONSTRAINT "CHK_programmes_cofinancing" CHECK ("min_cofinancing_basis_points" BETWEEN 0 AND 10000),
        CONSTRAINT "CHK_programmes_complete_unless_draft" CHECK (
          "status" = 'draft' OR ("opens_at" IS NOT NULL AND "closes_at" IS NOT NULL AND "rules_version" > 0
            AND ("allocation_policy" = 'select-top-n' OR ("budget_kopecks" IS NOT NULL
              AND "max_federal_per_bid_kopecks" IS NOT NULL AND "max_federal_per_cluster_kopecks" IS NOT NULL))))
      )`);
    await db.query(`CREATE INDEX "IDX_programmes_status" ON "programmes" ("status")`);
    await db.query(`
      CREATE TABLE "criteria" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "code" character varying(32) NOT NULL,
        "title_ru" text NOT NULL,
        "title_en" text NOT NULL,
        "weight" integer NOT NULL,
        "scale_min" numeric(7,2) NOT NULL,
        "scale_max" numeric(7,2) NOT NULL,
        "scale_step" numeric(7,2) NOT NULL,
        "min_score" numeric(7,2),
        CONSTRAINT "PK_criteria" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_criteria_programme_code" UNIQUE ("programme_id", "code"),
        CONSTRAINT "CHK_criteria_scale" CHECK ("scale_max" > "scale_min" AND "scale_step" > 0 AND "weight" > 0),
        CONSTRAINT "FK_criteria_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE "eligibility_items" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "position" integer NOT NULL,
        "code" character varying(32) NOT NULL,
        "text_ru" text NOT NULL,
        "text_en" text NOT NULL,
        CONSTRAINT "PK_eligibility_items" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_eligibility_items_programme_code" UNIQUE ("programme_id", "code"),
        CONSTRAINT "FK_eligibility_items_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE CASCADE
      )`);
    await db.query(`
      CREATE TABLE "programme_rule_versions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "programme_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "rules" jsonb NOT NULL,
        "reason" text NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_programme_rule_versions" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_programme_rule_versions_version" UNIQUE ("programme_id", "version"),
        CONSTRAINT "FK_programme_rule_versions_programme" FOREIGN KEY ("programme_id") REFERENCES "programmes"("id") ON DELETE RESTRICT
      )`);
  }

  /**
   * The audit log is append-only by trigger and hash-chained: each row's hash covers its content and the
   * previous row's hash. The chain head lives in a one-row table locked FOR UPDATE by the insert trigger, so
   * concurrent writers queue in commit order and a REPEATABLE READ/SERIALIZABLE writer that raced another
   * fails with a serialization error instead of forking the chain.
   */
  private async createAuditLog(db: QueryRunner) {
    await db.query(`
      CREATE TABLE "audit_log" (
        "seq" bigint NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "actor_id" uuid,
        "actor_role" text,
        "action" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" text,
        "before" jsonb,
        "after" jsonb,
        "request_id" text,
        "prev_hash" character varying(64) NOT NULL,
        "hash" character varying(64) NOT NULL,
        CONSTRAINT "PK_audit_log" PRIMARY KEY ("seq")
      )`);
    await db.query(`CREATE INDEX "IDX_audit_log_entity" ON "audit_log" ("entity_type", "entity_id")`);
    await db.query(`
      CREATE TABLE "audit_chain_head" (
        "id" integer PRIMARY KEY CHECK ("id" = 1),
        "last_seq" bigint NOT NULL,
        "last_hash" character varying(64) NOT NULL,
        "last_at" timestamptz NOT NULL
      )`);
    await db.query(`INSERT INTO "audit_chain_head" VALUES (1, 0, repeat('0', 64), '-infinity')`);
    await db.query(`
      CREATE FUNCTION audit_log_hash(prev_hash text, seq bigint, at timestamptz, actor_id uuid, actor_role text,
                                     action text, entity_type text, entity_id text, before jsonb, after jsonb,
                                     request_id text)
      RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws(E'\\x1f',
          prev_hash, seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(actor_id::text, '-'), coalesce(actor_role, '-'), action, entity_type, coalesce(entity_id, '-'),
          coalesce(before::text, 'null'), coalesce(after::text, 'null'), coalesce(request_id, '-')), 'UTF8')), 'hex')
      $$`);
    await db.query(`
      CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head audit_chain_head%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        NEW.seq := head.last_seq + 1;
        -- The clock when the row joins the chain (after waiting for the head), never earlier than the previous row.
        NEW.at := greatest(clock_timestamp(), head.last_at);
        NEW.prev_hash := head.last_hash;
        NEW.hash := audit_log_hash(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor_id, NEW.actor_role, NEW.action,
                                   NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, NEW.request_id);
        UPDATE audit_chain_head SET last_seq = NEW.seq, last_hash = NEW.hash, last_at = NEW.at WHERE id = 1;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await db.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await db.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await db.query(
      `CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    );
    await db.query(
      `CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'audit_chain_head',
      'audit_log',
      'programme_rule_versions',
      'eligibility_items',
      'criteria',
      'programmes',
      'login_attempts',
      'sessions',
      'users',
      'clusters',
    ]) {
      await db.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
    }
    await db.query(`DROP FUNCTION IF EXISTS audit_log_chain, audit_log_refuse_change, audit_log_hash`);
    for (const type of ['programme_allocation_policy', 'programme_aggregation', 'programme_status', 'user_role']) {
      await db.query(`DROP TYPE IF EXISTS "${type}"`);
    }
  }
}
