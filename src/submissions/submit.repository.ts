import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProgrammeStatus } from '../programmes/programme.rules';
import { ACTIVE_STATUSES, type BidContent, type SubmissionStatus } from './submission.rules';
import { SubmissionVersionEntity } from './submission-parts.entity';

/** One bid as a submit sees it: read in one statement, so every part belongs to the same moment. */
export interface SubmitSnapshot {
  submission: {
    id: string;
    programmeId: string;
    clusterId: string;
    status: SubmissionStatus;
    currentVersion: number;
    registrationNumber: string | null;
  };
  content: BidContent;
  programme: { id: string; code: string; status: ProgrammeStatus; rulesVersion: number; opensAt: Date; closesAt: Date };
  clusterTimeZone: string;
  /** The programme's deadline, or the cluster's extension when it is later. */
  deadline: Date;
  /** The database clock when the snapshot was read. */
  now: Date;
  otherActiveBids: number;
  otherFederalKopecks: bigint;
}

export interface RecordSubmission {
  submissionId: string;
  version: number;
  rulesVersion: number;
  actorId: string;
  actorRole: string;
  requestId: string | null;
  content: unknown;
  contentSha256: string;
  federal: bigint;
  regional: bigint;
  extraBudgetary: bigint;
  before: unknown;
}

export type RecordOutcome =
  | { outcome: 'submitted'; version: SubmissionVersionEntity }
  | { outcome: 'missing' | 'changed' | 'wrong_status' | 'not_open' }
  | { outcome: 'rules' | 'deadline'; now: Date; deadline: Date; otherActiveBids: number; otherFederalKopecks: bigint };

const SNAPSHOT_SQL = `
  SELECT s.id, s.programme_id, s.cluster_id, s.status, s.current_version, s.registration_number,
         s.title, s.summary, s.sections, s.contact_name, s.contact_email, s.contact_phone,
         p.code, p.status AS programme_status, p.rules_version, p.opens_at, p.closes_at,
         greatest(p.closes_at, e.closes_at) AS deadline, c.time_zone, clock_timestamp() AS now,
         o.bids AS other_bids, o.federal AS other_federal,
         (SELECT coalesce(json_agg(json_build_object('year', l.year, 'category', l.category, 'source', l.source,
                                                     'amountKopecks', l.amount_kopecks::text)
                                   ORDER BY l.year, l.category, l.source), '[]')
          FROM submission_budget_lines l WHERE l.submission_id = s.id) AS budget_lines,
         (SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'fileName', a.file_name, 'sizeBytes', a.size_bytes,
                                                     'sha256', a.sha256) ORDER BY a.kind), '[]')
          FROM submission_attachments a WHERE a.submission_id = s.id) AS attachments
  FROM submissions s
  JOIN programmes p ON p.id = s.programme_id
  JOIN clusters c ON c.id = s.cluster_id
  LEFT JOIN programme_extensions e ON e.programme_id = s.programme_id AND e.cluster_id = s.cluster_id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS bids, coalesce(sum(x.submitted_federal_kopecks), 0)::text AS federal
    FROM submissions x
    WHERE x.programme_id = s.programme_id AND x.cluster_id = s.cluster_id AND x.id <> s.id
      AND x.status = ANY($2::submission_status[])) o
  WHERE s.id = $1`;

/**
 * The two statements of a submit: one read of everything the rules need, and one call of the `record_submission`
 * function (see its migration) that re-checks what may have changed since, under locks, and writes. Both run in
 * autocommit, so no lock is ever held across a round trip between the app and the database.
 */
@Injectable()
export class SubmitRepository {
  constructor(private readonly dataSource: DataSource) {}

  async snapshot(id: string): Promise<SubmitSnapshot | null> {
    const [row] = await this.dataSource.query(SNAPSHOT_SQL, [id, ACTIVE_STATUSES]);
    if (!row) return null;
    return {
      submission: {
        id: row.id,
        programmeId: row.programme_id,
        clusterId: row.cluster_id,
        status: row.status,
        currentVersion: row.current_version,
        registrationNumber: row.registration_number,
      },
      content: {
        title: row.title,
        summary: row.summary,
        sections: row.sections,
        contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
        budgetLines: row.budget_lines,
        attachments: row.attachments,
      },
      programme: {
        id: row.programme_id,
        code: row.code,
        status: row.programme_status,
        rulesVersion: row.rules_version,
        opensAt: row.opens_at,
        closesAt: row.closes_at,
      },
      clusterTimeZone: row.time_zone,
      deadline: row.deadline,
      now: row.now,
      otherActiveBids: row.other_bids,
      otherFederalKopecks: BigInt(row.other_federal),
    };
  }

  async record(s: RecordSubmission): Promise<RecordOutcome> {
    const [row] = await this.dataSource.query(`SELECT * FROM record_submission($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [
      s.submissionId,
      s.version,
      s.rulesVersion,
      s.actorId,
      s.actorRole,
      s.requestId,
      JSON.stringify(s.content),
      s.contentSha256,
      s.federal.toString(),
      s.regional.toString(),
      s.extraBudgetary.toString(),
      JSON.stringify(s.before),
    ]);
    const outcome = row.outcome as RecordOutcome['outcome'];
    if (outcome === 'rules' || outcome === 'deadline') {
      return {
        outcome,
        now: row.stamped_at,
        deadline: row.deadline_at,
        otherActiveBids: row.other_bids,
        otherFederalKopecks: BigInt(row.other_federal),
      };
    }
    if (outcome !== 'submitted') return { outcome };
    const version = Object.assign(new SubmissionVersionEntity(), {
      id: row.version_id,
      submissionId: s.submissionId,
      version: s.version,
      registrationNumber: row.number,
      submittedAt: row.stamped_at,
      submittedBy: s.actorId,
      content: s.content,
      contentSha256: s.contentSha256,
      federalKopecks: s.federal.toString(),
      regionalKopecks: s.regional.toString(),
      extraBudgetaryKopecks: s.extraBudgetary.toString(),
    });
    return { outcome, version };
  }
}
