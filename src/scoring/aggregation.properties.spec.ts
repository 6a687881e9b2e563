import fc from 'fast-check';
import { AGGREGATIONS, type CriterionRule, toHundredths, weightedTotalRange } from '../programmes/programme.rules';
import { aggregateScores, type AggregationRules, type BidAggregate, type ConsensusScore, type ReviewerScore } from './aggregation';

const criterion = (code: string, weight: number, scaleMin: number, scaleMax: number, scaleStep: number): CriterionRule => ({
  code,
  titleRu: code,
  titleEn: code,
  weight,
  scaleMin,
  scaleMax,
  scaleStep,
  minScore: null,
});

// Three differently shaped scales, one of them reaching below zero.
const CRITERIA = [criterion('quality', 40, 0, 5, 0.5), criterion('team', 35, 1, 10, 1), criterion('budget', 25, -2, 2, 0.25)];
const QUALITY = CRITERIA[0];

const stepCount = (c: CriterionRule) => (toHundredths(c.scaleMax) - toHundredths(c.scaleMin)) / toHundredths(c.scaleStep);
/** The score `step` steps above scaleMin, wrapping arbitrary naturals onto the scale. */
const onScale = (c: CriterionRule, step: number) =>
  (toHundredths(c.scaleMin) + (step % (stepCount(c) + 1)) * toHundredths(c.scaleStep)) / 100;

const cellKey = (...parts: (string | number)[]) => parts.join('/');

const scoresArb: fc.Arbitrary<ReviewerScore[]> = fc
  .uniqueArray(
    fc.record({ reviewer: fc.integer({ min: 0, max: 4 }), bid: fc.integer({ min: 0, max: 5 }), criterion: fc.nat(2), step: fc.nat() }),
    { selector: (s) => cellKey(s.reviewer, s.bid, s.criterion), maxLength: 60 },
  )
  .map((cells) =>
    cells.map(({ reviewer, bid, criterion: index, step }) => ({
      reviewerId: `r${reviewer}`,
      bidId: `b${bid}`,
      criterionCode: CRITERIA[index].code,
      score: onScale(CRITERIA[index], step),
    })),
  );

const consensusArb: fc.Arbitrary<ConsensusScore[]> = fc
  .uniqueArray(fc.record({ bid: fc.integer({ min: 0, max: 5 }), criterion: fc.nat(2), step: fc.nat() }), {
    selector: (s) => cellKey(s.bid, s.criterion),
    maxLength: 6,
  })
  .map((cells) =>
    cells.map(({ bid, criterion: index, step }) => ({
      bidId: `b${bid}`,
      criterionCode: CRITERIA[index].code,
      score: onScale(CRITERIA[index], step),
    })),
  );

const rulesArb: fc.Arbitrary<AggregationRules> = fc.record({
  criteria: fc.constant(CRITERIA),
  aggregation: fc.constantFrom(...AGGREGATIONS),
  trimBasisPoints: fc.integer({ min: 0, max: 4999 }),
  disagreementThreshold: fc.option(fc.constantFrom(0, 0.5, 1, 2.5)),
  minWeightedTotal: fc.option(fc.integer({ min: 0, max: 500 }).map((hundredths) => hundredths / 100)),
});

const permutationOf = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

const criterionResults = (bids: BidAggregate[]) =>
  bids.flatMap((bid) => bid.criteria.map((result, index) => ({ bidId: bid.bidId, criterion: CRITERIA[index], result })));

const RUNS = { numRuns: 150 };

describe('aggregateScores (properties)', () => {
  it('keeps aggregates within the reviewers’ scores (mean, median, trimmed mean) or within the scale (z-score)', () => {
    fc.assert(
      fc.property(rulesArb, scoresArb, (rules, scores) => {
        for (const { criterion, result } of criterionResults(aggregateScores(rules, scores, []))) {
          if (result.aggregated === null) continue;
          const raw = result.reviewerScores.map((s) => s.score);
          const [low, high] =
            rules.aggregation === 'z-score' ? [criterion.scaleMin, criterion.scaleMax] : [Math.min(...raw), Math.max(...raw)];
          expect(result.aggregated).toBeGreaterThanOrEqual(low);
          expect(result.aggregated).toBeLessThanOrEqual(high);
        }
      }),
      RUNS,
    );
  });

  it('does not depend on the order of scores or consensus scores', () => {
    const inputs = fc
      .tuple(scoresArb, consensusArb)
      .chain(([scores, consensus]) =>
        fc.tuple(fc.constant(scores), fc.constant(consensus), permutationOf(scores), permutationOf(consensus)),
      );
    fc.assert(
      fc.property(rulesArb, inputs, (rules, [scores, consensus, shuffledScores, shuffledConsensus]) => {
        expect(aggregateScores(rules, shuffledScores, shuffledConsensus)).toEqual(aggregateScores(rules, scores, consensus));
      }),
      RUNS,
    );
  });

  it('keeps the weighted total within the weighted range of the scales', () => {
    const range = weightedTotalRange(CRITERIA);
    fc.assert(
      fc.property(rulesArb, scoresArb, consensusArb, (rules, scores, consensus) => {
        for (const { weightedTotal } of aggregateScores(rules, scores, consensus)) {
          if (weightedTotal === null) continue;
          expect(weightedTotal).toBeGreaterThanOrEqual(range.min);
          expect(weightedTotal).toBeLessThanOrEqual(range.max);
        }
      }),
      RUNS,
    );
  });

  it('gives bids with the same scores, from different reviewers in a different order, exactly equal totals', () => {
    const sameScores = fc
      .array(fc.nat(), { minLength: 3, maxLength: 6 })
      .chain((steps) => fc.tuple(fc.constant(steps), permutationOf(steps)));
    const rulesWithoutZ = rulesArb.filter((rules) => rules.aggregation !== 'z-score');
    fc.assert(
      fc.property(rulesWithoutZ, sameScores, (rules, [steps, shuffled]) => {
        const bid = (bidId: string, reviewerPrefix: string, order: number[]) =>
          CRITERIA.flatMap((c) =>
            order.map((step, i) => ({ reviewerId: `${reviewerPrefix}${i}`, bidId, criterionCode: c.code, score: onScale(c, step) })),
          );
        const [x, y] = aggregateScores(rules, [...bid('X', 'a', steps), ...bid('Y', 'b', shuffled)], []);
        expect(y.weightedTotal).toBe(x.weightedTotal);
        expect(y.criteria.map((c) => c.aggregated)).toEqual(x.criteria.map((c) => c.aggregated));
      }),
      RUNS,
    );
  });
});

describe('z-score aggregation (properties)', () => {
  const zRules: AggregationRules = {
    criteria: CRITERIA,
    aggregation: 'z-score',
    trimBasisPoints: 0,
    disagreementThreshold: null,
    minWeightedTotal: null,
  };

  // Adding a constant to ONE reviewer's scores is not neutral here: it moves the pooled μ and σ that everyone is
  // mapped back with. What holds exactly is that reviewers whose scores differ by a constant become indistinguishable.
  it('maps two reviewers whose scores of the same bids differ by a constant onto the same values', () => {
    const pair = fc
      .array(fc.integer({ min: 0, max: 10 }), { minLength: 2, maxLength: 6 })
      .filter((steps) => new Set(steps).size > 1)
      .chain((steps) => fc.tuple(fc.constant(steps), fc.integer({ min: -Math.min(...steps), max: 10 - Math.max(...steps) })));
    // Other reviewers score other bids, so the pooled statistics are not just the pair's.
    fc.assert(
      fc.property(pair, scoresArb, ([steps, offset], otherScores) => {
        const reviewer = (reviewerId: string, shift: number) =>
          steps.map((step, i) => ({ reviewerId, bidId: `p${i}`, criterionCode: QUALITY.code, score: onScale(QUALITY, step + shift) }));
        const bids = aggregateScores(zRules, [...reviewer('harsh', 0), ...reviewer('lenient', offset), ...otherScores], []);
        for (const bid of bids.filter((b) => b.bidId.startsWith('p'))) {
          const [harsh, lenient] = bid.criteria[0].reviewerScores;
          expect(lenient.normalised).toBe(harsh.normalised);
        }
      }),
      RUNS,
    );
  });

  it('keeps each reviewer’s own order of bids', () => {
    fc.assert(
      fc.property(scoresArb, (scores) => {
        const cells = criterionResults(aggregateScores(zRules, scores, [])).flatMap(({ bidId, criterion, result }) =>
          result.reviewerScores.map((s) => ({ ...s, bidId, code: criterion.code })),
        );
        for (const a of cells) {
          for (const b of cells) {
            if (a.reviewerId === b.reviewerId && a.code === b.code && a.score > b.score) {
              expect(a.normalised ?? NaN).toBeGreaterThanOrEqual(b.normalised ?? NaN);
            }
          }
        }
      }),
      RUNS,
    );
  });
});
