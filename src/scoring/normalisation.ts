import { type CriterionRule, toHundredths } from '../programmes/programme.rules';
import { roundTo4 } from './statistics';

export interface ScoreCell {
  reviewerId: string;
  bidId: string;
  score: number;
}

export interface NormalisedCell extends ScoreCell {
  /** The score moved onto the criterion's pooled distribution, clamped to the scale, to 4 decimals. */
  normalised: number;
}

/**
 * Count, sum and n² × population variance (n·Σx² − (Σx)²) of scores in hundredths. All three are exact integers, so
 * they do not depend on the order the scores came in; BigInt keeps n·Σx² exact even for long lists on wide scales.
 */
interface Moments {
  count: number;
  sum: number;
  scaledVariance: number;
}

function momentsOf(hundredths: number[]): Moments {
  const sum = hundredths.reduce((total, x) => total + BigInt(x), 0n);
  const sumOfSquares = hundredths.reduce((total, x) => total + BigInt(x) * BigInt(x), 0n);
  const scaledVariance = BigInt(hundredths.length) * sumOfSquares - sum * sum;
  return { count: hundredths.length, sum: Number(sum), scaledVariance: Number(scaledVariance) };
}

/**
 * A reviewer with fewer than two scores on the criterion, or who gave every bid the same score, has no spread to
 * standardise by (σ_r = 0): their raw score is kept, since there is nothing to tell how harsh or lenient they are.
 */
const canStandardise = (own: Moments) => own.count >= 2 && own.scaledVariance > 0;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * x' = μ + z·σ with z = (x − μ_r)/σ_r. In terms of the exact moments: z = (n_r·x − S_r)/√V_r, and
 * x' = (S + z·√V)/N in hundredths, so the only inexact steps are two square roots and a few float operations on
 * order-independent integers. Two reviewers whose scores differ by a constant get bit-identical z.
 */
function onPooledScale(hundredths: number, own: Moments, pooled: Moments, criterion: CriterionRule): number {
  if (!canStandardise(own)) return roundTo4(hundredths / 100);
  const z = (own.count * hundredths - own.sum) / Math.sqrt(own.scaledVariance);
  const mappedHundredths = (pooled.sum + z * Math.sqrt(pooled.scaledVariance)) / pooled.count;
  // A reviewer's extreme score can map beyond the scale (e.g. their only top mark among many low ones); the
  // aggregated score must stay on the scale that thresholds and weighted-total ranges are defined on.
  return roundTo4(clamp(mappedHundredths / 100, criterion.scaleMin, criterion.scaleMax));
}

/**
 * Reviewer-normalised scores for one criterion ("z-score" aggregation). Each reviewer's scores are standardised
 * over the bids they scored (population σ), then mapped back onto the scale with the criterion's pooled mean and
 * pooled σ over every reviewer's scores. Pass all of the criterion's scores in the competition: both the
 * reviewer's and the pooled statistics are taken over exactly the cells given.
 */
export function normaliseByReviewer(criterion: CriterionRule, cells: ScoreCell[]): NormalisedCell[] {
  const pooled = momentsOf(cells.map((cell) => toHundredths(cell.score)));
  const byReviewer = new Map<string, number[]>();
  for (const cell of cells) {
    const own = byReviewer.get(cell.reviewerId);
    if (own) own.push(toHundredths(cell.score));
    else byReviewer.set(cell.reviewerId, [toHundredths(cell.score)]);
  }
  const reviewerMoments = new Map([...byReviewer].map(([reviewerId, scores]) => [reviewerId, momentsOf(scores)]));
  return cells.map((cell) => {
    const own = reviewerMoments.get(cell.reviewerId) ?? momentsOf([]);
    return { ...cell, normalised: onPooledScale(toHundredths(cell.score), own, pooled, criterion) };
  });
}
