import type { AllocationPolicy } from '../programmes/programme.rules';
import type { BudgetLine } from './split';

/** A ranked bid; the array handed to `allocate` is in rank order. */
export interface AllocationBid {
  bidId: string;
  rank: number;
  clusterId: string;
  region: string;
  lines: BudgetLine[];
}

export interface AllocationInput {
  policy: AllocationPolicy;
  /** Total federal budget. */
  budgetKopecks: bigint;
  /** Federal budget per funding year; a year missing here has none. Omitted: no per-year limit. */
  yearBudgetsKopecks?: Record<number, bigint>;
  perBidCapKopecks: bigint | null;
  /** Federal money per cluster, across its bids in this run. */
  perClusterCapKopecks: bigint | null;
  perRegionCapKopecks: bigint | null;
  minCofinancingBasisPoints: number;
  /** partial-marginal: the least share of its request the marginal bid may be granted. */
  partialMinShareBasisPoints: number | null;
  /** select-top-n: how many bids are selected. */
  selectTopN: number | null;
  reserveListLength: number;
}

export type AllocationOutcome = 'funded' | 'partially_funded' | 'reserve' | 'not_funded';

export type BudgetLimit =
  { kind: 'total' } | { kind: 'year'; year: number } | { kind: 'cluster'; clusterId: string } | { kind: 'region'; region: string };

export type AllocationReasonCode =
  | 'FUNDED_IN_FULL'
  | 'PER_BID_CAP'
  | 'PARTIAL_MARGINAL'
  | 'PROPORTIONAL_CUT'
  | 'DOES_NOT_FIT_BUDGET'
  | 'BELOW_PARTIAL_SHARE'
  | 'AFTER_MARGINAL_BID'
  | 'SELECTED_TOP_N'
  | 'BELOW_TOP_N';

export interface AllocationReason {
  code: AllocationReasonCode;
  /** The budget limit that cut or excluded the bid, when one did. */
  limit: BudgetLimit | null;
  ru: string;
  en: string;
}

export interface AllocatedBid {
  bidId: string;
  rank: number;
  outcome: AllocationOutcome;
  /** 1.. for reserve bids, null otherwise. */
  reservePosition: number | null;
  requestedFederalKopecks: bigint;
  fundedFederalKopecks: bigint;
  fundedCofinancingKopecks: bigint;
  reason: AllocationReason;
  /** Funded lines, federal and co-financing, by (year, category, source); empty when nothing is funded. */
  lines: BudgetLine[];
}

export interface AllocationResult {
  policy: AllocationPolicy;
  budgetKopecks: bigint;
  allocatedKopecks: bigint;
  /** budgetKopecks − allocatedKopecks: never negative. */
  remainderKopecks: bigint;
  federalByYear: { year: number; federalKopecks: bigint }[];
  federalByCategory: { category: string; federalKopecks: bigint }[];
  outcomeCounts: Record<AllocationOutcome, number>;
  /** proportional: the common factor every (capped) request was multiplied by; null under the other policies. */
  proportionalFactor: { numerator: bigint; denominator: bigint } | null;
  /** In rank order, as given. */
  bids: AllocatedBid[];
}
