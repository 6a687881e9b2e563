import { type Aggregation, type CriterionRule, isHundredths, toHundredths } from '../programmes/programme.rules';
import { normaliseByReviewer } from './normalisation';
import { fromUnits, mean, median, roundHalfAwayFromZero, toUnits, trimmedMean } from './statistics';

export { mean, median, roundTo4, trimmedMean } from './statistics';

/** One commission member's score on one criterion of one bid, in scale units (e.g. 3.5). */
export interface ReviewerScore {
  reviewerId: string;
  bidId: string;
  criterionCode: string;
  score: number;
}

/** The score the commission chair records after the reviewers of a bid have reconciled a disagreement. */
export interface ConsensusScore {
  bidId: string;
  criterionCode: string;
  score: number;
}

export interface AggregationRules {
  criteria: CriterionRule[];
  aggregation: Aggregation;
  trimBasisPoints: number;
  disagreementThreshold: number | null;
  minWeightedTotal: number | null;
}

export interface CriterionResult {
  criterionCode: string;
  /** Sorted by reviewerId; `normalised` only under z-score aggregation. */
  reviewerScores: { reviewerId: string; score: number; normalised?: number }[];
  aggregated: number | null;
  consensus: number | null;
  final: number | null;
  spread: number;
  disagreement: boolean;
  belowMinimum: boolean;
}

export interface ThresholdFailure {
  criterionCode: string | null;
  rule: 'minScore' | 'minWeightedTotal';
  value: number;
  minimum: number;
}

export interface BidAggregate {
  bidId: string;
  criteria: CriterionResult[];
  weightedTotal: number | null;
  belowMinimumTotal: boolean;
  needsConsensus: string[];
  thresholdFailures: ThresholdFailure[];
}

type ScoredCell = ReviewerScore & { normalised?: number };

/** Code-unit order, not localeCompare: the result must not depend on the server's locale. */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Values per bid, then per criterion: nested maps, so no composite key is built for each of millions of scores. */
type ByCell<T> = Map<string, Map<string, T>>;

function cellOf<T>(byCell: ByCell<T>, bidId: string, criterionCode: string): T | undefined {
  return byCell.get(bidId)?.get(criterionCode);
}

function setCell<T>(byCell: ByCell<T>, bidId: string, criterionCode: string, value: T): void {
  const byCriterion = byCell.get(bidId);
  if (byCriterion) byCriterion.set(criterionCode, value);
  else byCell.set(bidId, new Map([[criterionCode, value]]));
}

/** Every position of the criterion's scale, in hundredths, from scaleMin to scaleMax. */
function scaleHundredths(criterion: CriterionRule): number[] {
  const [min, max, step] = [criterion.scaleMin, criterion.scaleMax, criterion.scaleStep].map(toHundredths);
  if (step <= 0) throw new Error(`criterion "${criterion.code}" has a scale step of ${criterion.scaleStep}`);
  return Array.from({ length: Math.floor((max - min) / step) + 1 }, (_, index) => min + index * step);
}

/** Scores are validated when entered, so one off the scale here is a programming error, not a user's. */
function assertOnScale(criterion: CriterionRule, score: number, what: string): void {
  const [min, max, step] = [toHundredths(criterion.scaleMin), toHundredths(criterion.scaleMax), toHundredths(criterion.scaleStep)];
  const hundredths = toHundredths(score);
  const onScale = Number.isFinite(score) && isHundredths(score) && hundredths >= min && hundredths <= max;
  if (!onScale || (hundredths - min) % step !== 0) {
    const scale = `${criterion.scaleMin}–${criterion.scaleMax} in steps of ${criterion.scaleStep}`;
    throw new Error(`${what}: ${score} is not on the scale ${scale} of criterion "${criterion.code}"`);
  }
}

function criteriaByCode(criteria: CriterionRule[]): Map<string, CriterionRule> {
  const byCode = new Map<string, CriterionRule>();
  for (const criterion of criteria) {
    if (byCode.has(criterion.code)) throw new Error(`criterion "${criterion.code}" appears twice in the rules`);
    byCode.set(criterion.code, criterion);
  }
  return byCode;
}

function knownCriterion(criteria: Map<string, CriterionRule>, code: string): CriterionRule {
  const criterion = criteria.get(code);
  if (!criterion) throw new Error(`score for unknown criterion "${code}"`);
  return criterion;
}

/** Every score on its criterion's scale; duplicates are caught where the scores are grouped (cellsByBid). */
function assertValidScores(criteria: Map<string, CriterionRule>, scores: ReviewerScore[]): void {
  for (const { reviewerId, bidId, criterionCode, score } of scores) {
    const criterion = knownCriterion(criteria, criterionCode);
    if (!Number.isFinite(score) || !isHundredths(score))
      assertOnScale(criterion, score, `score of reviewer "${reviewerId}" for bid "${bidId}"`);
    const hundredths = toHundredths(score);
    const [min, max, step] = scaleOf(criterion);
    if (hundredths < min || hundredths > max || (hundredths - min) % step !== 0)
      assertOnScale(criterion, score, `score of reviewer "${reviewerId}" for bid "${bidId}"`);
  }
}

const scales = new WeakMap<CriterionRule, [number, number, number]>();

/** The criterion's scale in hundredths, computed once per criterion object. */
function scaleOf(criterion: CriterionRule): [number, number, number] {
  let scale = scales.get(criterion);
  if (!scale) {
    scale = [toHundredths(criterion.scaleMin), toHundredths(criterion.scaleMax), toHundredths(criterion.scaleStep)];
    scales.set(criterion, scale);
  }
  return scale;
}

function consensusByCell(criteria: Map<string, CriterionRule>, consensus: ConsensusScore[]): ByCell<number> {
  const byCell: ByCell<number> = new Map();
  for (const { bidId, criterionCode, score } of consensus) {
    assertOnScale(knownCriterion(criteria, criterionCode), score, `consensus score for bid "${bidId}"`);
    if (cellOf(byCell, bidId, criterionCode) !== undefined)
      throw new Error(`consensus score for bid "${bidId}" on criterion "${criterionCode}" appears twice`);
    setCell(byCell, bidId, criterionCode, toHundredths(score) / 100);
  }
  return byCell;
}

/** Under z-score every cell gets its reviewer-normalised value; the other methods work on raw scores alone. */
function withNormalised(rules: AggregationRules, scores: ReviewerScore[]): ScoredCell[] {
  if (rules.aggregation !== 'z-score') return scores;
  return rules.criteria.flatMap((criterion) => {
    const cells = scores.filter((score) => score.criterionCode === criterion.code);
    return normaliseByReviewer(criterion, cells).map((cell) => ({ ...cell, criterionCode: criterion.code }));
  });
}

function cellsByBid(cells: ScoredCell[]): ByCell<ScoredCell[]> {
  const grouped: ByCell<ScoredCell[]> = new Map();
  for (const cell of cells) {
    const group = cellOf(grouped, cell.bidId, cell.criterionCode);
    if (!group) setCell(grouped, cell.bidId, cell.criterionCode, [cell]);
    else if (group.some((other) => other.reviewerId === cell.reviewerId)) {
      const what = `score of reviewer "${cell.reviewerId}" for bid "${cell.bidId}"`;
      throw new Error(`${what} on criterion "${cell.criterionCode}" appears twice`);
    } else group.push(cell);
  }
  return grouped;
}

function aggregate(rules: AggregationRules, cells: ScoredCell[]): number {
  const raw = cells.map((cell) => cell.score);
  switch (rules.aggregation) {
    case 'mean':
      return mean(raw);
    case 'median':
      return median(raw);
    case 'trimmed-mean':
      return trimmedMean(raw, rules.trimBasisPoints);
    case 'z-score':
      return mean(cells.map((cell) => cell.normalised ?? cell.score));
  }
}

function reviewerScoresOf(cells: ScoredCell[]): CriterionResult['reviewerScores'] {
  return [...cells]
    .sort((a, b) => byId(a.reviewerId, b.reviewerId))
    .map(({ reviewerId, score, normalised }) => ({
      reviewerId,
      score: toHundredths(score) / 100,
      ...(normalised === undefined ? {} : { normalised }),
    }));
}

/** max − min in hundredths, divided once, so that a spread equal to the threshold compares equal to it. */
function spreadOf(cells: ScoredCell[]): number {
  if (cells.length < 2) return 0;
  const hundredths = cells.map((cell) => toHundredths(cell.score));
  return (Math.max(...hundredths) - Math.min(...hundredths)) / 100;
}

function criterionResult(
  rules: AggregationRules,
  criterion: CriterionRule,
  cells: ScoredCell[],
  consensus: number | null,
): CriterionResult {
  const aggregated = cells.length ? aggregate(rules, cells) : null;
  const final = consensus ?? aggregated;
  const spread = spreadOf(cells);
  return {
    criterionCode: criterion.code,
    reviewerScores: reviewerScoresOf(cells),
    aggregated,
    consensus,
    final,
    spread,
    disagreement: rules.disagreementThreshold !== null && spread > rules.disagreementThreshold,
    belowMinimum: final !== null && criterion.minScore !== null && final < criterion.minScore,
  };
}

/** Σ weight × final / 100 over integer 0.0001 units, rounded once; null until every criterion has a final score. */
function weightedTotalOf(criteria: CriterionRule[], results: CriterionResult[]): number | null {
  let weightedUnits = 0;
  for (const [index, criterion] of criteria.entries()) {
    const final = results[index].final;
    if (final === null) return null;
    weightedUnits += criterion.weight * toUnits(final);
  }
  return fromUnits(roundHalfAwayFromZero(weightedUnits / 100));
}

function thresholdFailuresOf(rules: AggregationRules, results: CriterionResult[], weightedTotal: number | null): ThresholdFailure[] {
  const failures: ThresholdFailure[] = rules.criteria.flatMap((criterion, index) => {
    const { final, belowMinimum } = results[index];
    if (!belowMinimum || final === null || criterion.minScore === null) return [];
    return [{ criterionCode: criterion.code, rule: 'minScore' as const, value: final, minimum: criterion.minScore }];
  });
  if (weightedTotal !== null && rules.minWeightedTotal !== null && weightedTotal < rules.minWeightedTotal) {
    failures.push({ criterionCode: null, rule: 'minWeightedTotal', value: weightedTotal, minimum: rules.minWeightedTotal });
  }
  return failures;
}

function bidAggregate(rules: AggregationRules, bidId: string, cells: ByCell<ScoredCell[]>, consensus: ByCell<number>): BidAggregate {
  const results = rules.criteria.map((criterion) => {
    return criterionResult(rules, criterion, cellOf(cells, bidId, criterion.code) ?? [], cellOf(consensus, bidId, criterion.code) ?? null);
  });
  const weightedTotal = weightedTotalOf(rules.criteria, results);
  const thresholdFailures = thresholdFailuresOf(rules, results, weightedTotal);
  return {
    bidId,
    criteria: results,
    weightedTotal,
    belowMinimumTotal: thresholdFailures.some((failure) => failure.rule === 'minWeightedTotal'),
    needsConsensus: results.filter((result) => result.disagreement && result.consensus === null).map((result) => result.criterionCode),
    thresholdFailures,
  };
}

/**
 * Aggregates reviewers' scores into per-criterion and weighted results for every bid that has a score or a
 * consensus score, sorted by bidId. Pure and order-independent: the same scores in any order give the same output.
 * Throws on scores for criteria the rules lack, scores off the scale, and duplicate scores: all programming errors.
 */
export function aggregateScores(rules: AggregationRules, scores: ReviewerScore[], consensus: ConsensusScore[]): BidAggregate[] {
  const criteria = criteriaByCode(rules.criteria);
  assertValidScores(criteria, scores);
  const consensusScores = consensusByCell(criteria, consensus);
  const cells = cellsByBid(withNormalised(rules, scores));
  const bidIds = [...new Set([...cells.keys(), ...consensusScores.keys()])].sort(byId);
  return bidIds.map((bidId) => bidAggregate(rules, bidId, cells, consensusScores));
}

/** How many of the scores fall on each step of the criterion's scale, from scaleMin to scaleMax. */
export function scoreDistribution(criterion: CriterionRule, scores: number[]): { score: number; count: number }[] {
  const counts = new Map<number, number>();
  for (const score of scores) {
    assertOnScale(criterion, score, 'distribution score');
    counts.set(toHundredths(score), (counts.get(toHundredths(score)) ?? 0) + 1);
  }
  return scaleHundredths(criterion).map((hundredths) => ({ score: hundredths / 100, count: counts.get(hundredths) ?? 0 }));
}
