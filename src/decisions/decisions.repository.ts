import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../common/database/transaction';

export type DecisionKind = 'letter' | 'protocol';
export type DecisionLanguage = 'ru' | 'en';

/** One document an issue produces: a bid's letter in one language, or the programme's protocol in one language. */
export interface DocumentJob {
  issueId: string;
  kind: DecisionKind;
  submissionId: string | null;
  language: DecisionLanguage;
}

export interface IssueRow {
  id: string;
  programmeId: string;
  runId: string;
  total: number;
  startedAt: Date;
  done: number;
  lastIssuedAt: Date | null;
  now: Date;
}

export interface DecisionRow {
  id: string;
  issueId: string;
  programmeId: string;
  programmeCode: string;
  programmeTitleRu: string;
  programmeTitleEn: string;
  runNumber: number;
  submissionId: string | null;
  registrationNumber: string | null;
  clusterNameRu: string | null;
  clusterNameEn: string | null;
  clusterId: string | null;
  kind: DecisionKind;
  language: DecisionLanguage;
  verificationCode: string;
  sha256: string;
  sizeBytes: number;
  outcome: string | null;
  fundedFederalKopecks: bigint | null;
  status: 'current' | 'superseded';
  issuedAt: Date;
  supersededAt: Date | null;
  supersededByCode: string | null;
}

const DECISION_SELECT = `
  SELECT d.*, p.code AS programme_code, p.title_ru, p.title_en, r.number AS run_number, s.registration_number,
         c.id AS cluster_id, c.name_ru AS cluster_name_ru, c.name_en AS cluster_name_en, n.verification_code AS superseded_by_code
  FROM decisions d JOIN programmes p ON p.id = d.programme_id JOIN allocation_runs r ON r.id = d.run_id
  LEFT JOIN submissions s ON s.id = d.submission_id LEFT JOIN clusters c ON c.id = s.cluster_id
  LEFT JOIN decisions n ON n.id = d.superseded_by`;

function decisionRow(r: Record<string, never>): DecisionRow {
  return {
    id: r.id,
    issueId: r.issue_id,
    programmeId: r.programme_id,
    programmeCode: r.programme_code,
    programmeTitleRu: r.title_ru,
    programmeTitleEn: r.title_en,
    runNumber: r.run_number,
    submissionId: r.submission_id,
    registrationNumber: r.registration_number,
    clusterNameRu: r.cluster_name_ru,
    clusterNameEn: r.cluster_name_en,
    clusterId: r.cluster_id,
    kind: r.kind,
    language: r.language,
    verificationCode: r.verification_code,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    outcome: r.outcome,
    fundedFederalKopecks: r.funded_federal_kopecks === null ? null : BigInt(r.funded_federal_kopecks),
    status: r.status,
    issuedAt: r.issued_at,
    supersededAt: r.superseded_at,
    supersededByCode: r.superseded_by_code,
  };
}

@Injectable()
export class DecisionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async createIssue(tx: Tx, programmeId: string, runId: string, total: number, requestedBy: string): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO decision_issues (programme_id, run_id, total, requested_by) VALUES ($1, $2, $3, $4) ON CONFLICT (run_id) DO NOTHING RETURNING id`,
      [programmeId, runId, total, requestedBy],
    );
    return row?.id ?? null;
  }

  async issueOfRun(runId: string, tx?: Tx): Promise<string | null> {
    const [row] = await this.manager(tx).query(`SELECT id FROM decision_issues WHERE run_id = $1`, [runId]);
    return row?.id ?? null;
  }

  /** Progress from the records themselves, so it survives restarts and counts every instance's work. */
  async issue(programmeId: string, issueId: string): Promise<IssueRow | null> {
    const [row] = await this.manager().query(
      `SELECT i.*, (SELECT count(*)::int FROM decisions d WHERE d.issue_id = i.id) AS done,
              (SELECT max(issued_at) FROM decisions d WHERE d.issue_id = i.id) AS last_issued_at, now() AS now
       FROM decision_issues i WHERE i.programme_id = $1 AND i.id = $2`,
      [programmeId, issueId],
    );
    if (!row) return null;
    return {
      id: row.id,
      programmeId: row.programme_id,
      runId: row.run_id,
      total: row.total,
      startedAt: row.started_at,
      done: row.done,
      lastIssuedAt: row.last_issued_at,
      now: row.now,
    };
  }

  async issues(programmeId: string): Promise<IssueRow[]> {
    const rows = await this.manager().query(`SELECT id FROM decision_issues WHERE programme_id = $1 ORDER BY started_at DESC`, [
      programmeId,
    ]);
    return (await Promise.all(rows.map((r: { id: string }) => this.issue(programmeId, r.id)))) as IssueRow[];
  }

  /** Documents of the issue not yet recorded (all of them, or one bid's). */
  async missingDocuments(issueId: string, submissionId?: string): Promise<DocumentJob[]> {
    const rows = await this.manager().query(
      `WITH wanted AS (
         SELECT 'letter'::decision_kind AS kind, b.submission_id, l.language
         FROM decision_issues i JOIN allocation_run_bids b ON b.run_id = i.run_id CROSS JOIN (VALUES ('ru'), ('en')) l(language)
         WHERE i.id = $1
         UNION ALL
         SELECT 'protocol'::decision_kind, NULL::uuid, l.language FROM (VALUES ('ru'), ('en')) l(language))
       SELECT w.* FROM wanted w
       WHERE ($2::uuid IS NULL OR w.submission_id = $2)
         AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.issue_id = $1 AND d.kind = w.kind
                         AND d.submission_id IS NOT DISTINCT FROM w.submission_id AND d.language = w.language)`,
      [issueId, submissionId ?? null],
    );
    return rows.map((r: Record<string, never>) => ({ issueId, kind: r.kind, submissionId: r.submission_id, language: r.language }));
  }

  async isRecorded(job: DocumentJob): Promise<boolean> {
    const [row] = await this.manager().query(
      `SELECT 1 FROM decisions WHERE issue_id = $1 AND kind = $2 AND submission_id IS NOT DISTINCT FROM $3 AND language = $4`,
      [job.issueId, job.kind, job.submissionId, job.language],
    );
    return Boolean(row);
  }

  /** The current document this one replaces (from an earlier issue), if any. */
  async currentBefore(job: DocumentJob, programmeId: string, tx?: Tx): Promise<{ id: string; code: string } | null> {
    const [row] = await this.manager(tx).query(
      `SELECT id, verification_code FROM decisions
       WHERE status = 'current' AND kind = $1::decision_kind AND language = $2 AND issue_id <> $3
         AND (($1 = 'letter' AND submission_id = $4::uuid) OR ($1 = 'protocol' AND programme_id = $5))
       FOR UPDATE`,
      [job.kind, job.language, job.issueId, job.submissionId, programmeId],
    );
    return row ? { id: row.id, code: row.verification_code } : null;
  }

  /**
   * Records a rendered document and supersedes the one it replaces, in one transaction. Attempts at the same
   * document queue on an advisory lock; a retried job finds its document recorded and changes nothing (false).
   */
  async record(
    tx: Tx,
    document: DocumentJob & {
      id: string;
      programmeId: string;
      runId: string;
      code: string;
      sha256: string;
      sizeBytes: number;
      outcome: string | null;
      fundedFederalKopecks: bigint | null;
    },
  ): Promise<boolean> {
    const key = `decision:${document.issueId}:${document.kind}:${document.submissionId ?? '-'}:${document.language}`;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
    const [already] = await tx.query(
      `SELECT 1 FROM decisions WHERE issue_id = $1 AND kind = $2 AND submission_id IS NOT DISTINCT FROM $3 AND language = $4`,
      [document.issueId, document.kind, document.submissionId, document.language],
    );
    if (already) return false;
    const previous = await this.currentBefore(document, document.programmeId, tx);
    if (previous)
      await tx.query(`UPDATE decisions SET status = 'superseded', superseded_at = now(), superseded_by = $2 WHERE id = $1`, [
        previous.id,
        document.id,
      ]);
    await tx.query(
      `INSERT INTO decisions (id, issue_id, programme_id, run_id, submission_id, kind, language, verification_code, sha256, size_bytes,
                              outcome, funded_federal_kopecks)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        document.id,
        document.issueId,
        document.programmeId,
        document.runId,
        document.submissionId,
        document.kind,
        document.language,
        document.code,
        document.sha256,
        document.sizeBytes,
        document.outcome,
        document.fundedFederalKopecks?.toString() ?? null,
      ],
    );
    return true;
  }

  async find(code: string): Promise<DecisionRow | null> {
    const [row] = await this.manager().query(`${DECISION_SELECT} WHERE d.verification_code = $1`, [code]);
    return row ? decisionRow(row) : null;
  }

  async currentLetter(submissionId: string, language: DecisionLanguage): Promise<DecisionRow | null> {
    const [row] = await this.manager().query(
      `${DECISION_SELECT} WHERE d.submission_id = $1 AND d.language = $2 AND d.kind = 'letter' AND d.status = 'current'`,
      [submissionId, language],
    );
    return row ? decisionRow(row) : null;
  }

  async currentProtocol(programmeId: string, language: DecisionLanguage): Promise<DecisionRow | null> {
    const [row] = await this.manager().query(
      `${DECISION_SELECT} WHERE d.programme_id = $1 AND d.language = $2 AND d.kind = 'protocol' AND d.status = 'current'`,
      [programmeId, language],
    );
    return row ? decisionRow(row) : null;
  }
}
