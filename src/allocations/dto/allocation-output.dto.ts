import type { RunBidRow, RunRow } from '../allocations.repository';
import type { StoredRanking } from '../ranking.service';

export class TextDto {
  ru: string;
  en: string;
}

export class TieBreakDto {
  /** The rule that separated this bid from the one ranked directly above with the same weighted total. */
  rule: string;
  criterionCode?: string;
  versusRegistrationNumber: string;
  explanation: TextDto;
}

export class RankedBidDto {
  rank: number;
  submissionId: string;
  registrationNumber: string;
  weightedTotal: number;
  criterionScores: Record<string, number | null>;
  finalSubmittedAt: string;
  /** Kopecks, as a decimal string. */
  requestedFederalKopecks: string;
  cofinancingBasisPoints: number;
  tieBreak: TieBreakDto | null;
}

export class ExcludedBidDto {
  submissionId: string;
  registrationNumber: string;
  weightedTotal: number | null;
  requestedFederalKopecks: string;
  reason: TextDto;
}

export class RankingDto {
  /** false: a live preview from the scores as they stand; true: frozen when the programme was ranked. */
  stored: boolean;
  rankedAt: string | null;
  ranked: RankedBidDto[];
  excluded: ExcludedBidDto[];

  static from(
    stored: boolean,
    rankedAt: Date | null,
    ranking: StoredRanking,
    exclusion: (e: StoredRanking['excluded'][number]) => TextDto,
  ) {
    return {
      stored,
      rankedAt: rankedAt?.toISOString() ?? null,
      ranked: ranking.ranked.map((r) => ({
        rank: r.rank,
        submissionId: r.bidId,
        registrationNumber: r.registrationNumber,
        weightedTotal: r.weightedTotal,
        criterionScores: r.criterionScores,
        finalSubmittedAt: r.finalSubmittedAt,
        requestedFederalKopecks: r.requestedFederalKopecks,
        cofinancingBasisPoints: r.cofinancingBasisPoints,
        tieBreak: r.tieBreak
          ? {
              rule: r.tieBreak.rule,
              ...(r.tieBreak.criterionCode ? { criterionCode: r.tieBreak.criterionCode } : {}),
              versusRegistrationNumber: r.tieBreak.versusRegistrationNumber,
              explanation: r.tieBreak.explanation,
            }
          : null,
      })),
      excluded: ranking.excluded.map((e) => ({
        submissionId: e.bidId,
        registrationNumber: e.registrationNumber,
        weightedTotal: e.weightedTotal,
        requestedFederalKopecks: e.requestedFederalKopecks,
        reason: exclusion(e),
      })),
    } satisfies RankingDto;
  }
}

export class RunDto {
  id: string;
  number: number;
  label: string;
  policy: string;
  status: string;
  /** The inputs the run was computed with (programme rules filled in), kopecks as decimal strings. */
  inputs: Record<string, unknown>;
  /** Federal totals per year and per category, outcome counts, the proportional factor. */
  totals: Record<string, unknown>;
  budgetKopecks: string;
  allocatedKopecks: string;
  remainderKopecks: string;
  supersedesRunId: string | null;
  createdAt: string;
  publishedAt: string | null;
  supersededAt: string | null;

  static from(run: RunRow): RunDto {
    return {
      id: run.id,
      number: run.number,
      label: run.label,
      policy: run.policy,
      status: run.status,
      inputs: run.inputs,
      totals: run.totals,
      budgetKopecks: run.budgetKopecks.toString(),
      allocatedKopecks: run.allocatedKopecks.toString(),
      remainderKopecks: run.remainderKopecks.toString(),
      supersedesRunId: run.supersedesRunId,
      createdAt: run.createdAt.toISOString(),
      publishedAt: run.publishedAt?.toISOString() ?? null,
      supersededAt: run.supersededAt?.toISOString() ?? null,
    };
  }
}

export class RunListDto {
  items: RunDto[];
  total: number;
}

export class FundedLineDto {
  year: number;
  category: string;
  source: string;
  amountKopecks: string;
}

export class RunBidDto {
  submissionId: string;
  registrationNumber: string;
  clusterName: TextDto;
  region: string;
  rank: number | null;
  weightedTotal: number | null;
  /** funded, partially_funded, reserve, not_funded, or excluded (below a threshold or not scored). */
  outcome: string;
  reservePosition: number | null;
  requestedFederalKopecks: string;
  fundedFederalKopecks: string;
  fundedCofinancingKopecks: string;
  reason: TextDto & { code: string };
  lines: FundedLineDto[];

  static from(bid: RunBidRow): RunBidDto {
    return {
      submissionId: bid.submissionId,
      registrationNumber: bid.registrationNumber,
      clusterName: { ru: bid.clusterNameRu, en: bid.clusterNameEn },
      region: bid.region,
      rank: bid.rank,
      weightedTotal: bid.weightedTotal === null ? null : Number(bid.weightedTotal),
      outcome: bid.outcome,
      reservePosition: bid.reservePosition,
      requestedFederalKopecks: bid.requestedFederalKopecks.toString(),
      fundedFederalKopecks: bid.fundedFederalKopecks.toString(),
      fundedCofinancingKopecks: bid.fundedCofinancingKopecks.toString(),
      reason: { code: bid.reason.code, ru: bid.reason.ru, en: bid.reason.en },
      lines: bid.lines.map((l) => ({ year: l.year, category: l.category, source: l.source, amountKopecks: String(l.amountKopecks) })),
    };
  }
}

export class RunDetailDto extends RunDto {
  bids: RunBidDto[];
}

export class CompareSideDto {
  rank: number | null;
  outcome: string;
  fundedFederalKopecks: string;
}

export class CompareRowDto {
  submissionId: string;
  registrationNumber: string;
  clusterName: TextDto;
  a: CompareSideDto;
  b: CompareSideDto;
  /** b − a, kopecks. */
  deltaKopecks: string;
  moved: boolean;
}

export class CompareDto {
  a: RunDto;
  b: RunDto;
  /** Bids whose outcome or amount differs between the runs. */
  moved: number;
  rows: CompareRowDto[];
}

/** The public result line of a bid: never reviewers, scores by reviewer or drafts. */
export class PublicResultDto {
  registrationNumber: string;
  cluster: TextDto;
  rank: number | null;
  weightedTotal: number | null;
  outcome: string;
  fundedKopecks: string;
}

export class PublicResultsDto {
  programmeCode: string;
  runNumber: number;
  publishedAt: string;
  budgetKopecks: string;
  allocatedKopecks: string;
  remainderKopecks: string;
  items: PublicResultDto[];
  total: number;
}
