import type { ProgrammeRules } from '../../programmes/programme.rules';
import type { BidAggregate } from '../aggregation';
import type { ScoreInput, ReviewRow, ScoreRow } from '../scoring.repository';

export class CriterionDto {
  code: string;
  titleRu: string;
  titleEn: string;
  weight: number;
  scaleMin: number;
  scaleMax: number;
  scaleStep: number;
  minScore: number | null;

  static list(rules: ProgrammeRules): CriterionDto[] {
    return rules.criteria.map(({ code, titleRu, titleEn, weight, scaleMin, scaleMax, scaleStep, minScore }) => ({
      code,
      titleRu,
      titleEn,
      weight,
      scaleMin,
      scaleMax,
      scaleStep,
      minScore,
    }));
  }
}

export class ReviewSummaryDto {
  id: string;
  programmeId: string;
  programmeCode: string;
  programmeTitle: { ru: string; en: string };
  submissionId: string;
  registrationNumber: string;
  title: string;
  clusterName: string;
  regionCode: string;
  /** assigned, drafted or submitted. */
  status: string;
  assignedAt: string;
  submittedAt: string | null;
  reviewDueAt: string | null;
  commissionStatus: string;

  static from(r: ReviewRow): ReviewSummaryDto {
    return {
      id: r.assignmentId,
      programmeId: r.programmeId,
      programmeCode: r.programmeCode,
      programmeTitle: { ru: r.programmeTitleRu, en: r.programmeTitleEn },
      submissionId: r.submissionId,
      registrationNumber: r.registrationNumber,
      title: r.title,
      clusterName: r.clusterName,
      regionCode: r.regionCode,
      status: r.status,
      assignedAt: r.assignedAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      reviewDueAt: r.reviewDueAt?.toISOString() ?? null,
      commissionStatus: r.commissionStatus,
    };
  }
}

export class ReviewListDto {
  items: ReviewSummaryDto[];
  total: number;
}

export class ScoreDto {
  criterionCode: string;
  score: number;
  justification: string;
}

export class ReviewDto {
  review: ReviewSummaryDto;
  criteria: CriterionDto[];
  minJustificationLength: number;
  /** The submitted version of the bid that counts (title, summary, sections, budget lines, attachments). */
  bid: { version: number; contentSha256: string; content: Record<string, unknown> } | null;
  /** The reviewer's own scores (drafts until submitted). */
  scores: ScoreDto[];

  static from(found: {
    review: ReviewRow;
    rules: ProgrammeRules;
    version: { content: unknown; version: number; contentSha256: string } | null;
    scores: ScoreInput[];
  }): ReviewDto {
    return {
      review: ReviewSummaryDto.from(found.review),
      criteria: CriterionDto.list(found.rules),
      minJustificationLength: found.rules.minJustificationLength,
      bid: found.version && {
        version: found.version.version,
        contentSha256: found.version.contentSha256,
        content: found.version.content as Record<string, unknown>,
      },
      scores: found.scores,
    };
  }
}

export class ScoreListDto {
  items: ScoreDto[];
  total: number;
}

export class PanelScoreDto {
  reviewerId: string;
  reviewerName: string;
  criterionCode: string;
  score: number;
  justification: string;
}

export class CriterionResultDto {
  criterionCode: string;
  reviewerScores: { reviewerId: string; score: number; normalised?: number }[];
  aggregated: number | null;
  consensus: number | null;
  final: number | null;
  spread: number;
  disagreement: boolean;
  belowMinimum: boolean;
}

export class BidAggregateDto {
  criteria: CriterionResultDto[];
  weightedTotal: number | null;
  belowMinimumTotal: boolean;
  needsConsensus: string[];
  thresholdFailures: { criterionCode: string | null; rule: string; value: number; minimum: number }[];

  static from(a: BidAggregate | null | undefined): BidAggregateDto | null {
    return a
      ? {
          criteria: a.criteria,
          weightedTotal: a.weightedTotal,
          belowMinimumTotal: a.belowMinimumTotal,
          needsConsensus: a.needsConsensus,
          thresholdFailures: a.thresholdFailures,
        }
      : null;
  }
}

export class ConsensusDto {
  criterionCode: string;
  score: number;
  justification: string;
  decidedAt: string;
}

export class PanelDto {
  review: ReviewSummaryDto;
  criteria: CriterionDto[];
  scores: PanelScoreDto[];
  consensus: ConsensusDto[];
  aggregate: BidAggregateDto | null;
}

export const panelScores = (rows: ScoreRow[]): PanelScoreDto[] =>
  rows.map(({ reviewerId, reviewerName, criterionCode, score, justification }) => ({
    reviewerId,
    reviewerName,
    criterionCode,
    score,
    justification,
  }));

export class BidResultDto {
  submissionId: string;
  registrationNumber: string;
  clusterName: string;
  title: string;
  status: string;
  /** Individual submitted scores (reviewer names are shown to staff and the chair, never published). */
  scores: PanelScoreDto[];
  consensus: ConsensusDto[];
  aggregate: BidAggregateDto | null;
}

export class ResultsDto {
  aggregation: string;
  criteria: CriterionDto[];
  items: BidResultDto[];
  total: number;
}

export class ReviewerProgressDto {
  memberId: string;
  fullName: string;
  role: string;
  loadCap: number;
  assigned: number;
  notStarted: number;
  drafted: number;
  submitted: number;
  recused: number;
  overdue: number;
}

export class BidProgressDto {
  submissionId: string;
  registrationNumber: string;
  clusterName: string;
  needed: number;
  reviewers: number;
  submitted: number;
  short: number;
  overdue: number;
}

export class ProgressDto {
  commissionStatus: string;
  reviewDueAt: string | null;
  now: string;
  reviewers: ReviewerProgressDto[];
  bids: BidProgressDto[];
  distributions: { criterionCode: string; buckets: { score: number; count: number }[] }[];
}

export class CommissionClosedDto {
  closedAt: string;
}
