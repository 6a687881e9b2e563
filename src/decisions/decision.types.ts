/**
 * The plain data the decision PDFs are rendered from. Money is always bigint kopecks; scores are numbers with at
 * most four decimals (aggregated scores, not money); instants are shown in Moscow time.
 */

import type { Language } from '../common/pdf/format';

export type { Language };

export type DecisionOutcome = 'funded' | 'partially_funded' | 'reserve' | 'not_funded';

export type FundingSource = 'federal' | 'regional' | 'extra-budgetary';

export interface Ministry {
  nameRu: string;
  nameEn: string;
}

/** What a reader types or scans to have the system confirm what an issued document says. */
export interface Verification {
  code: string;
  url: string;
}

export interface DecisionLetterData {
  language: Language;
  ministry: Ministry;
  programme: { code: string; titleRu: string; titleEn: string };
  cluster: { nameRu: string; nameEn: string; organisationName: string; organisationInn: string; timeZone: string };
  registrationNumber: string;
  outcome: DecisionOutcome;
  /** Why the bid dropped out by the thresholds before ranking; null for a ranked bid. */
  excludedReason: { ru: string; en: string } | null;
  rank: number | null;
  rankedCount: number;
  weightedTotal: number | null;
  minWeightedTotal: number | null;
  requestedFederalKopecks: bigint;
  fundedFederalKopecks: bigint;
  /** Regional plus extra-budgetary money the funded part of the project carries. */
  fundedCofinancingKopecks: bigint;
  reservePosition: number | null;
  /** The funded budget lines. */
  lines: { year: number; category: string; source: FundingSource; amountKopecks: bigint }[];
  categoryTitles: Record<string, { ru: string; en: string }>;
  /** Aggregated scores per criterion; `weight` in whole percent. */
  criteria: {
    code: string;
    titleRu: string;
    titleEn: string;
    weight: number;
    minScore: number | null;
    score: number | null;
    justification: string;
  }[];
  appeal: { windowDays: number; deadline: Date; howRu: string; howEn: string };
  issuedAt: Date;
  signatory: { name: string; positionRu: string; positionEn: string };
  verification: Verification;
  /** The decision this one replaces, when re-issued after a superseding run. */
  supersedes: { code: string } | null;
}

export interface ProtocolData {
  language: Language;
  ministry: Ministry;
  programme: { code: string; titleRu: string; titleEn: string; budgetKopecks: bigint };
  commission: { name: string; role: 'chair' | 'member'; organisation: string }[];
  conflicts: { declared: number; derived: number; byKind: Record<string, number> };
  /** Codes (`mean`, `smaller-request`, `greedy-skip`, ...) the template names in words; an unknown code is printed as is. */
  method: { aggregation: string; tieBreaks: string[]; policy: string; reserveListLength: number };
  rows: {
    rank: number | null;
    registrationNumber: string;
    clusterName: string;
    weightedTotal: number | null;
    outcome: string;
    fundedFederalKopecks: bigint;
  }[];
  totals: { allocatedKopecks: bigint; remainderKopecks: bigint; budgetKopecks: bigint };
  publishedAt: Date;
  runNumber: number;
  verification: Verification;
}
