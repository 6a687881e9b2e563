import type { AllocationsService } from '../../allocations/allocations.service';
import type { PublicOutcome } from '../i18n/dictionary';

export interface PublicResultRow {
  registrationNumber: string;
  clusterNameRu: string;
  clusterNameEn: string;
  rank: number | null;
  weightedTotal: number | null;
  outcome: PublicOutcome;
  fundedKopecks: bigint;
}

/** What the results table shows: exactly the fields of the public API (GET /programmes/{id}/results), nothing more. */
export interface PublicResults {
  runNumber: number;
  publishedAt: Date;
  budgetKopecks: bigint;
  allocatedKopecks: bigint;
  remainderKopecks: bigint;
  items: PublicResultRow[];
}

type Published = Awaited<ReturnType<AllocationsService['results']>>;

/**
 * The same public view as the API's results endpoint: an excluded bid shows as not funded, and no reviewer,
 * score or bid content leaves. A status award (select-top-n) names its winners "selected", not "funded".
 */
export function publicResults({ run, bids }: Published): PublicResults {
  const statusAward = run.policy === 'select-top-n';
  return {
    runNumber: run.number,
    publishedAt: run.publishedAt!,
    budgetKopecks: run.budgetKopecks,
    allocatedKopecks: run.allocatedKopecks,
    remainderKopecks: run.remainderKopecks,
    items: bids.map((bid) => ({
      registrationNumber: bid.registrationNumber,
      clusterNameRu: bid.clusterNameRu,
      clusterNameEn: bid.clusterNameEn,
      rank: bid.rank,
      weightedTotal: bid.weightedTotal === null ? null : Number(bid.weightedTotal),
      outcome: bid.outcome === 'excluded' ? 'not_funded' : statusAward && bid.outcome === 'funded' ? 'selected' : bid.outcome,
      fundedKopecks: bid.fundedFederalKopecks,
    })),
  };
}
