import { formatRoubles } from '../common/money/kopecks';
import type { TieBreakRule, TieBreakRuleName } from '../programmes/programme.rules';
import type { ThresholdFailure } from '../scoring/aggregation';
import { toUnits } from '../scoring/statistics';

/** A bid as the ranking sees it: its aggregated scores and the facts the tie-break chain may look at. */
export interface RankingBid {
  bidId: string;
  /** e.g. "CL20-2016-0007": the last-resort tie-break, lower first. */
  registrationNumber: string;
  clusterId: string;
  /** null while not every criterion has a final score: such a bid is excluded as `notScored`. */
  weightedTotal: number | null;
  /** Final aggregated score per criterion code. */
  criterionScores: Record<string, number | null>;
  thresholdFailures: ThresholdFailure[];
  /** ISO instant of the submission that counts. */
  finalSubmittedAt: string;
  requestedFederalKopecks: bigint;
  /** (regional + extra-budgetary) / total, in whole basis points. */
  cofinancingBasisPoints: number;
}

export type ExclusionReason = ThresholdFailure | { rule: 'notScored' };

export interface ExcludedBid {
  bidId: string;
  registrationNumber: string;
  clusterId: string;
  weightedTotal: number | null;
  reasons: ExclusionReason[];
}

/** What finally separated two bids with the same weighted total: a rule of the chain, or the registration number. */
export type TieBreakDecider = TieBreakRuleName | 'registration-number';

export interface TieBreak {
  rule: TieBreakDecider;
  criterionCode?: string;
  /** The bid ranked directly above, which has the same weighted total. */
  versusBidId: string;
  versusRegistrationNumber: string;
  explanation: { ru: string; en: string };
}

export type RankedBid = Omit<RankingBid, 'weightedTotal' | 'thresholdFailures'> & {
  rank: number;
  weightedTotal: number;
  tieBreak: TieBreak | null;
};

export interface Ranking {
  ranked: RankedBid[];
  excluded: ExcludedBid[];
}

type ScoredBid = RankingBid & { weightedTotal: number };

/** Code-unit order, not localeCompare: the result must not depend on the server's locale. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sign = (value: number | bigint) => (value > 0 ? 1 : value < 0 ? -1 : 0);

/** A score in integer units of 0.0001, so float noise never decides a rank; a missing score ranks below every score. */
const scoreUnits = (score: number | null | undefined) => (score === null || score === undefined ? -Infinity : toUnits(score));

/** Negative when `a` ranks above `b` by this one rule, 0 when the rule does not separate them. */
function compareByRule(step: TieBreakRule, a: ScoredBid, b: ScoredBid): number {
  switch (step.rule) {
    case 'criterion': {
      const [x, y] = [scoreUnits(a.criterionScores[step.criterionCode!]), scoreUnits(b.criterionScores[step.criterionCode!])];
      return x === y ? 0 : x > y ? -1 : 1;
    }
    case 'earlier-final-submission':
      return sign(Date.parse(a.finalSubmittedAt) - Date.parse(b.finalSubmittedAt));
    case 'smaller-request':
      return sign(a.requestedFederalKopecks - b.requestedFederalKopecks);
    case 'larger-cofinancing-share':
      return sign(b.cofinancingBasisPoints - a.cofinancingBasisPoints);
  }
}

/** The first rule of the chain that separates two bids of equal weighted total; the registration number if none does. */
function separatingRule(chain: TieBreakRule[], a: ScoredBid, b: ScoredBid): { step: TieBreakRule | null; order: number } {
  for (const step of chain) {
    const order = compareByRule(step, a, b);
    if (order !== 0) return { step, order };
  }
  return { step: null, order: byCodeUnits(a.registrationNumber, b.registrationNumber) };
}

function compareBids(chain: TieBreakRule[], a: ScoredBid, b: ScoredBid): number {
  const totals = toUnits(b.weightedTotal) - toUnits(a.weightedTotal);
  return totals !== 0 ? totals : separatingRule(chain, a, b).order;
}

/** A scaled integer (e.g. units of 0.0001) as a decimal, trailing zeros kept down to `minDecimals`. */
function decimal(scaled: number, decimals: number, minDecimals: number, separator: string): string {
  const digits = String(Math.abs(scaled)).padStart(decimals + 1, '0');
  let fraction = digits.slice(-decimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${scaled < 0 ? '-' : ''}${digits.slice(0, -decimals)}${separator}${fraction}`;
}

const LANGUAGES = { ru: ',', en: '.' } as const;
type Language = keyof typeof LANGUAGES;

const formatTotal = (total: number, language: Language) => decimal(toUnits(total), 4, 4, LANGUAGES[language]);
const formatScore = (score: number | null | undefined, language: Language) =>
  score === null || score === undefined
    ? language === 'ru'
      ? 'нет оценки'
      : 'no score'
    : decimal(toUnits(score), 4, 2, LANGUAGES[language]);
const formatShare = (basisPoints: number, language: Language) => `${decimal(basisPoints, 2, 2, LANGUAGES[language])} %`;

/** Why `below` is placed under `above`, in one language: the clause after "placed below it by". */
function separationClause(step: TieBreakRule | null, below: ScoredBid, above: ScoredBid, language: Language): string {
  const ru = language === 'ru';
  switch (step?.rule) {
    case 'criterion': {
      const code = step.criterionCode!;
      const [x, y] = [formatScore(below.criterionScores[code], language), formatScore(above.criterionScores[code], language)];
      return ru ? `по критерию ${code}: ${x} < ${y}` : `criterion ${code}: ${x} < ${y}`;
    }
    case 'earlier-final-submission':
      return ru
        ? `по более поздней окончательной подаче: ${below.finalSubmittedAt} позже ${above.finalSubmittedAt}`
        : `later final submission: ${below.finalSubmittedAt} is after ${above.finalSubmittedAt}`;
    case 'smaller-request': {
      const [x, y] = [formatRoubles(below.requestedFederalKopecks, language), formatRoubles(above.requestedFederalKopecks, language)];
      return ru ? `по большему запросу федеральных средств: ${x} > ${y}` : `larger federal request: ${x} > ${y}`;
    }
    case 'larger-cofinancing-share': {
      const [x, y] = [formatShare(below.cofinancingBasisPoints, language), formatShare(above.cofinancingBasisPoints, language)];
      return ru ? `по меньшей доле софинансирования: ${x} < ${y}` : `smaller co-financing share: ${x} < ${y}`;
    }
    case undefined:
      return ru
        ? `по регистрационному номеру, последнему правилу при равенстве по всем остальным: ${below.registrationNumber} > ${above.registrationNumber}`
        : `registration number, the last resort when every other rule is equal: ${below.registrationNumber} > ${above.registrationNumber}`;
  }
}

function tieBreakOf(chain: TieBreakRule[], below: ScoredBid, above: ScoredBid): TieBreak | null {
  if (toUnits(below.weightedTotal) !== toUnits(above.weightedTotal)) return null;
  const { step } = separatingRule(chain, above, below);
  const versus = above.registrationNumber;
  return {
    rule: step?.rule ?? 'registration-number',
    ...(step?.criterionCode === undefined ? {} : { criterionCode: step.criterionCode }),
    versusBidId: above.bidId,
    versusRegistrationNumber: versus,
    explanation: {
      ru: `Тот же взвешенный итог ${formatTotal(below.weightedTotal, 'ru')}, что у заявки ${versus}; поставлена ниже ${separationClause(step, below, above, 'ru')}`,
      en: `Same weighted total ${formatTotal(below.weightedTotal, 'en')} as ${versus}; placed below it by ${separationClause(step, below, above, 'en')}`,
    },
  };
}

function assertUnique(bids: RankingBid[], key: 'bidId' | 'registrationNumber'): void {
  const seen = new Set<string>();
  for (const bid of bids) {
    if (seen.has(bid[key])) throw new Error(`${key} "${bid[key]}" appears twice in the ranking input`);
    seen.add(bid[key]);
  }
}

/**
 * Bad input here is a programming error, not a user's: the tie-break chain and the scores were validated upstream.
 * Registration numbers must be unique too, or the last-resort tie-break would not decide every tie.
 */
function assertValidInput(bids: RankingBid[], chain: TieBreakRule[]): void {
  assertUnique(bids, 'bidId');
  assertUnique(bids, 'registrationNumber');
  for (const bid of bids) {
    if (Number.isNaN(Date.parse(bid.finalSubmittedAt))) throw new Error(`bid "${bid.bidId}" has no valid finalSubmittedAt`);
    if (bid.weightedTotal !== null && !Number.isFinite(bid.weightedTotal)) throw new Error(`bid "${bid.bidId}" has a non-finite total`);
  }
  const codes = new Set(bids.flatMap((bid) => Object.keys(bid.criterionScores)));
  for (const step of chain) {
    if (step.rule !== 'criterion') continue;
    if (!step.criterionCode) throw new Error('a criterion tie-break must name its criterionCode');
    if (bids.length && !codes.has(step.criterionCode)) throw new Error(`tie-break criterion "${step.criterionCode}" is scored in no bid`);
  }
}

const identityOf = ({ bidId, registrationNumber, clusterId }: RankingBid) => ({ bidId, registrationNumber, clusterId });

function exclusionReasons(bid: RankingBid): ExclusionReason[] {
  return [...(bid.weightedTotal === null ? [{ rule: 'notScored' as const }] : []), ...bid.thresholdFailures];
}

/**
 * Ranks the bids that passed every threshold by weighted total (higher first), then by the tie-break chain in order,
 * then by registration number (lower first), so no two bids share a rank. Bids with a failed threshold or without a
 * weighted total are excluded with their reasons. Pure and order-independent: the same bids in any order give the
 * same output. Throws on programming errors: duplicate ids or registration numbers, a criterion tie-break naming a
 * criterion no bid is scored on, an unparsable submission instant.
 */
export function rankBids(bids: RankingBid[], tieBreakChain: TieBreakRule[]): Ranking {
  assertValidInput(bids, tieBreakChain);
  const excluded = bids
    .filter((bid) => exclusionReasons(bid).length)
    .sort((a, b) => byCodeUnits(a.registrationNumber, b.registrationNumber))
    .map((bid) => ({ ...identityOf(bid), weightedTotal: bid.weightedTotal, reasons: exclusionReasons(bid) }));
  const scored = bids.filter((bid): bid is ScoredBid => !exclusionReasons(bid).length).sort((a, b) => compareBids(tieBreakChain, a, b));
  const ranked = scored.map((bid, index) => ({
    rank: index + 1,
    ...identityOf(bid),
    weightedTotal: bid.weightedTotal,
    criterionScores: bid.criterionScores,
    finalSubmittedAt: bid.finalSubmittedAt,
    requestedFederalKopecks: bid.requestedFederalKopecks,
    cofinancingBasisPoints: bid.cofinancingBasisPoints,
    tieBreak: index === 0 ? null : tieBreakOf(tieBreakChain, bid, scored[index - 1]),
  }));
  return { ranked, excluded };
}
