import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Tx } from '../common/database/transaction';
import type { ReviewStatus } from '../commissions/commission.rules';
import type { ConsensusScore, ReviewerScore } from './aggregation';
import { scoreToNumeric } from './score.rules';
import { ConsensusScoreEntity, ReviewScoreEntity } from './score.entity';

export interface ScoreInput {
  criterionCode: string;
  score: number;
  justification: string;
}

export interface ReviewRow {
  assignmentId: string;
  memberId: string;
  programmeId: string;
  programmeCode: string;
  programmeTitleRu: string;
  programmeTitleEn: string;
  submissionId: string;
  registrationNumber: string;
  title: string;
  clusterName: string;
  regionCode: string;
  status: ReviewStatus;
  assignedAt: Date;
  submittedAt: Date | null;
  reviewDueAt: Date | null;
  commissionStatus: string;
}

/** A submitted score with who gave it (for the panel view and the export). */
export interface ScoreRow extends ReviewerScore {
  justification: string;
  reviewerName: string;
  submittedAt: Date | null;
}

const REVIEW_SELECT = `
  SELECT a.id AS assignment_id, a.member_id, a.programme_id, p.code AS programme_code, p.title_ru, p.title_en, a.submission_id,
         s.registration_number, s.title, c.name_ru AS cluster_name, c.region_code, a.status, a.assigned_at, a.submitted_at,
         k.review_due_at, k.status AS commission_status
  FROM review_assignments a
  JOIN commission_members m ON m.id = a.member_id
  JOIN programmes p ON p.id = a.programme_id
  JOIN commissions k ON k.programme_id = a.programme_id
  JOIN submissions s ON s.id = a.submission_id
  JOIN clusters c ON c.id = s.cluster_id`;

const toReviewRow = (r: Record<string, never>): ReviewRow => ({
  assignmentId: r.assignment_id,
  memberId: r.member_id,
  programmeId: r.programme_id,
  programmeCode: r.programme_code,
  programmeTitleRu: r.title_ru,
  programmeTitleEn: r.title_en,
  submissionId: r.submission_id,
  registrationNumber: r.registration_number,
  title: r.title,
  clusterName: r.cluster_name,
  regionCode: r.region_code,
  status: r.status,
  assignedAt: r.assigned_at,
  submittedAt: r.submitted_at,
  reviewDueAt: r.review_due_at,
  commissionStatus: r.commission_status,
});

@Injectable()
export class ScoringRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager) {
    return tx ?? this.dataSource.manager;
  }

  /** A commissioner's live reviews (recused ones are gone from their list). */
  async reviewsOfUser(userId: string): Promise<ReviewRow[]> {
    const rows = await this.manager().query(
      `${REVIEW_SELECT} WHERE m.user_id = $1 AND a.status <> 'recused' ORDER BY p.code, s.registration_number`,
      [userId],
    );
    return rows.map(toReviewRow);
  }

  /** One review, only if it belongs to this user: anything else is indistinguishable from missing. */
  async reviewOfUser(assignmentId: string, userId: string, tx?: Tx): Promise<ReviewRow | null> {
    // A writer locks the review, and shares the commission's lock so that closing the commission waits for it.
    if (tx) {
      await tx.query(
        `SELECT 1 FROM review_assignments a JOIN commissions k ON k.programme_id = a.programme_id WHERE a.id = $1
         FOR NO KEY UPDATE OF a FOR SHARE OF k`,
        [assignmentId],
      );
    }
    const [row] = await this.manager(tx).query(`${REVIEW_SELECT} WHERE a.id = $1 AND m.user_id = $2`, [assignmentId, userId]);
    return row ? toReviewRow(row) : null;
  }

  /** The frozen content of the version that counts (the last one submitted before the deadline). */
  async countingContent(submissionId: string): Promise<{ content: unknown; version: number; contentSha256: string } | null> {
    const [row] = await this.manager().query(
      `SELECT v.content, v.version, v.content_sha256 FROM submission_versions v
       JOIN submissions s ON s.id = v.submission_id AND v.version = s.current_version WHERE v.submission_id = $1`,
      [submissionId],
    );
    return row ? { content: row.content, version: row.version, contentSha256: row.content_sha256 } : null;
  }

  async scoresOf(assignmentId: string, tx?: Tx): Promise<ScoreInput[]> {
    const rows = await this.manager(tx)
      .getRepository(ReviewScoreEntity)
      .find({ where: { assignmentId }, order: { criterionCode: 'ASC' } });
    return rows.map((r) => ({ criterionCode: r.criterionCode, score: Number(r.score), justification: r.justification }));
  }

  async upsertScores(tx: Tx, assignmentId: string, scores: ScoreInput[]) {
    if (!scores.length) return;
    await tx.getRepository(ReviewScoreEntity).upsert(
      scores.map((s) => ({ assignmentId, criterionCode: s.criterionCode, score: scoreToNumeric(s.score), justification: s.justification })),
      { conflictPaths: ['assignmentId', 'criterionCode'] },
    );
  }

  async setReviewStatus(tx: Tx, assignmentId: string, status: ReviewStatus, submitted: boolean) {
    await tx.query(
      `UPDATE review_assignments SET status = $2, submitted_at = CASE WHEN $3 THEN clock_timestamp() ELSE submitted_at END WHERE id = $1`,
      [assignmentId, status, submitted],
    );
  }

  /** Submitted scores of a programme (optionally of one bid), with reviewer names. */
  async submittedScores(programmeId: string, submissionId?: string, tx?: Tx): Promise<ScoreRow[]> {
    const rows = await this.manager(tx).query(
      `SELECT a.member_id, a.submission_id, a.submitted_at, r.criterion_code, r.score::float8 AS score, r.justification, u.full_name
       FROM review_assignments a
       JOIN review_scores r ON r.assignment_id = a.id
       JOIN commission_members m ON m.id = a.member_id JOIN users u ON u.id = m.user_id
       WHERE a.programme_id = $1 AND a.status = 'submitted' AND ($2::uuid IS NULL OR a.submission_id = $2)
       ORDER BY a.submission_id, a.member_id, r.criterion_code`,
      [programmeId, submissionId ?? null],
    );
    return rows.map((r: Record<string, never>) => ({
      reviewerId: r.member_id,
      bidId: r.submission_id,
      criterionCode: r.criterion_code,
      score: r.score,
      justification: r.justification,
      reviewerName: r.full_name,
      submittedAt: r.submitted_at,
    }));
  }

  /**
   * Every submitted score of a programme, read lean for aggregation at scale (100,000 bids × 3 reviewers × 6
   * criteria): one row per review, its scores packed as "code:hundredths" pairs, no names or justifications.
   * Criterion codes are [a-z0-9-] (validated with the programme), so the separators cannot occur inside them.
   */
  async scoresForAggregation(programmeId: string, tx?: Tx): Promise<ReviewerScore[]> {
    const result = await this.manager(tx).query(
      `SELECT a.member_id, a.submission_id, string_agg(r.criterion_code || ':' || (r.score * 100)::int, ' ') AS scores
       FROM review_assignments a JOIN review_scores r ON r.assignment_id = a.id
       WHERE a.programme_id = $1 AND a.status = 'submitted'
       GROUP BY a.id`,
      [programmeId],
    );
    const scores: ReviewerScore[] = [];
    for (const row of result as { member_id: string; submission_id: string; scores: string }[]) {
      for (const pair of row.scores.split(' ')) {
        const colon = pair.indexOf(':');
        const score = Number(pair.slice(colon + 1)) / 100;
        scores.push({ reviewerId: row.member_id, bidId: row.submission_id, criterionCode: pair.slice(0, colon), score });
      }
    }
    return scores;
  }

  async consensus(programmeId: string, tx?: Tx): Promise<(ConsensusScore & { justification: string; decidedAt: Date })[]> {
    const rows = await this.manager(tx)
      .getRepository(ConsensusScoreEntity)
      .find({ where: { programmeId }, order: { submissionId: 'ASC', criterionCode: 'ASC' } });
    return rows.map((r) => ({
      bidId: r.submissionId,
      criterionCode: r.criterionCode,
      score: Number(r.score),
      justification: r.justification,
      decidedAt: r.decidedAt,
    }));
  }

  async upsertConsensus(tx: Tx, programmeId: string, submissionId: string, decidedBy: string, scores: ScoreInput[]) {
    await tx.getRepository(ConsensusScoreEntity).upsert(
      scores.map((s) => ({
        programmeId,
        submissionId,
        criterionCode: s.criterionCode,
        score: scoreToNumeric(s.score),
        justification: s.justification,
        decidedBy,
      })),
      { conflictPaths: ['submissionId', 'criterionCode'] },
    );
  }
}
