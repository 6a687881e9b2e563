import type { CriterionRule } from '../programmes/programme.rules';
import { aggregateScores, type AggregationRules, type ConsensusScore, type ReviewerScore, scoreDistribution } from './aggregation';

const criterion = (code: string, weight: number, overrides: Partial<CriterionRule> = {}): CriterionRule => ({
  code,
  titleRu: code,
  titleEn: code,
  weight,
  scaleMin: 0,
  scaleMax: 5,
  scaleStep: 0.5,
  minScore: null,
  ...overrides,
});

const CRITERIA = [criterion('quality', 40, { minScore: 2 }), criterion('team', 35), criterion('budget', 25)];

const rules = (overrides: Partial<AggregationRules> = {}): AggregationRules => ({
  criteria: CRITERIA,
  aggregation: 'mean',
  trimBasisPoints: 2000,
  disagreementThreshold: null,
  minWeightedTotal: null,
  ...overrides,
});

/** Scores of one reviewer for one bid, criterion by criterion. */
const scored = (reviewerId: string, bidId: string, byCriterion: Record<string, number>): ReviewerScore[] =>
  Object.entries(byCriterion).map(([criterionCode, score]) => ({ reviewerId, bidId, criterionCode, score }));

const onlyBid = (rulesUsed: AggregationRules, scores: ReviewerScore[], consensus: ConsensusScore[] = []) => {
  const [bid] = aggregateScores(rulesUsed, scores, consensus);
  return bid;
};

const result = (bid: ReturnType<typeof onlyBid>, code: string) => {
  const found = bid.criteria.find((c) => c.criterionCode === code);
  if (!found) throw new Error(`no result for criterion ${code}`);
  return found;
};

describe('aggregateScores', () => {
  it('reports each criterion by the mean, in the rules’ order, with reviewers sorted', () => {
    const bid = onlyBid(rules(), [
      ...scored('r3', 'B1', { budget: 2.5, quality: 5, team: 4 }),
      ...scored('r1', 'B1', { quality: 4, team: 3, budget: 2 }),
      ...scored('r2', 'B1', { quality: 3.5, team: 3, budget: 2.5 }),
    ]);
    expect(bid.criteria.map((c) => c.criterionCode)).toEqual(['quality', 'team', 'budget']);
    expect(result(bid, 'quality')).toEqual({
      criterionCode: 'quality',
      reviewerScores: [
        { reviewerId: 'r1', score: 4 },
        { reviewerId: 'r2', score: 3.5 },
        { reviewerId: 'r3', score: 5 },
      ],
      aggregated: 4.1667,
      consensus: null,
      final: 4.1667,
      spread: 1.5,
      disagreement: false,
      belowMinimum: false,
    });
    // 40 × 4.1667 + 35 × 3.3333 + 25 × 2.3333 = 341.666 → /100 → 3.4167
    expect(bid.weightedTotal).toBe(3.4167);
  });

  it('weighs the criteria 40/35/25', () => {
    const bid = onlyBid(rules(), scored('r1', 'B1', { quality: 4, team: 3, budget: 2 }));
    expect(bid.weightedTotal).toBe(3.15); // 1.6 + 1.05 + 0.5
  });

  it('aggregates by median and by trimmed mean', () => {
    const scores = [4, 1, 5, 4.5, 0].flatMap((quality, index) => scored(`r${index}`, 'B1', { quality }));
    expect(result(onlyBid(rules({ aggregation: 'median' }), scores), 'quality').aggregated).toBe(4);
    // 20% of 5 cuts the 0 and the 5: (1 + 4 + 4.5) / 3
    expect(result(onlyBid(rules({ aggregation: 'trimmed-mean', trimBasisPoints: 2000 }), scores), 'quality').aggregated).toBe(3.1667);
  });

  it('aggregates reviewer-normalised scores under z-score, showing each normalised value', () => {
    const scores = [
      ...['A', 'B', 'C'].flatMap((bidId, index) => scored('harsh', bidId, { quality: 1 + index })),
      ...['A', 'B', 'C'].flatMap((bidId, index) => scored('lenient', bidId, { quality: 3 + index })),
    ];
    const bids = aggregateScores(rules({ aggregation: 'z-score' }), scores, []);
    expect(bids.map((bid) => result(bid, 'quality').aggregated)).toEqual([1.4189, 3, 4.5811]);
    expect(result(bids[0], 'quality').reviewerScores).toEqual([
      { reviewerId: 'harsh', score: 1, normalised: 1.4189 },
      { reviewerId: 'lenient', score: 3, normalised: 1.4189 },
    ]);
  });

  it('lets the chair’s consensus replace the aggregate and clear the need for it', () => {
    const scores = [...scored('r1', 'B1', { quality: 1 }), ...scored('r2', 'B1', { quality: 5 })];
    const disagreeing = onlyBid(rules({ disagreementThreshold: 2 }), scores);
    expect(result(disagreeing, 'quality')).toMatchObject({ aggregated: 3, consensus: null, final: 3, spread: 4, disagreement: true });
    expect(disagreeing.needsConsensus).toEqual(['quality']);

    const settled = onlyBid(rules({ disagreementThreshold: 2 }), scores, [{ bidId: 'B1', criterionCode: 'quality', score: 3.5 }]);
    expect(result(settled, 'quality')).toMatchObject({ aggregated: 3, consensus: 3.5, final: 3.5, disagreement: true });
    expect(settled.needsConsensus).toEqual([]);
  });

  it('reports a bid that has only a consensus score', () => {
    const bid = onlyBid(rules(), [], [{ bidId: 'B9', criterionCode: 'team', score: 4 }]);
    expect(result(bid, 'team')).toMatchObject({ reviewerScores: [], aggregated: null, consensus: 4, final: 4, spread: 0 });
    expect(bid.weightedTotal).toBeNull();
  });

  describe('disagreement', () => {
    const tenths = [criterion('quality', 100, { scaleMax: 10, scaleStep: 0.1 })];
    const spreadOf = (low: number, high: number) => [...scored('r1', 'B1', { quality: low }), ...scored('r2', 'B1', { quality: high })];

    it('is not flagged at exactly the threshold, even where 0.4 − 0.1 > 0.3 in floats', () => {
      const bid = onlyBid(rules({ criteria: tenths, disagreementThreshold: 0.3 }), spreadOf(0.1, 0.4));
      expect(result(bid, 'quality')).toMatchObject({ spread: 0.3, disagreement: false });
      expect(bid.needsConsensus).toEqual([]);
    });

    it('is flagged one step above the threshold', () => {
      const bid = onlyBid(rules({ criteria: tenths, disagreementThreshold: 0.3 }), spreadOf(0.1, 0.5));
      expect(result(bid, 'quality')).toMatchObject({ spread: 0.4, disagreement: true });
      expect(bid.needsConsensus).toEqual(['quality']);
    });

    it('is never flagged without a threshold, nor for a single score', () => {
      expect(result(onlyBid(rules(), spreadOf(0, 5)), 'quality').disagreement).toBe(false);
      const single = onlyBid(rules({ disagreementThreshold: 0 }), scored('r1', 'B1', { quality: 5 }));
      expect(result(single, 'quality')).toMatchObject({ spread: 0, disagreement: false });
    });
  });

  describe('thresholds', () => {
    const withQuality = (quality: number) => scored('r1', 'B1', { quality, team: 3, budget: 2 });

    it('passes a criterion scored exactly at its minimum and fails one a step below', () => {
      expect(onlyBid(rules(), withQuality(2)).thresholdFailures).toEqual([]);
      const below = onlyBid(rules(), withQuality(1.5));
      expect(result(below, 'quality').belowMinimum).toBe(true);
      expect(below.thresholdFailures).toEqual([{ criterionCode: 'quality', rule: 'minScore', value: 1.5, minimum: 2 }]);
    });

    it('passes a weighted total exactly at the minimum and fails one below', () => {
      const atMinimum = onlyBid(rules({ minWeightedTotal: 3.15 }), withQuality(4));
      expect(atMinimum).toMatchObject({ weightedTotal: 3.15, belowMinimumTotal: false, thresholdFailures: [] });
      const below = onlyBid(rules({ minWeightedTotal: 3.15 }), withQuality(3.5));
      expect(below).toMatchObject({ weightedTotal: 2.95, belowMinimumTotal: true });
      expect(below.thresholdFailures).toEqual([{ criterionCode: null, rule: 'minWeightedTotal', value: 2.95, minimum: 3.15 }]);
    });

    it('judges the consensus score, not the aggregate, against the minimum', () => {
      const bid = onlyBid(rules(), withQuality(1), [{ bidId: 'B1', criterionCode: 'quality', score: 2 }]);
      expect(bid.thresholdFailures).toEqual([]);
    });

    it('leaves the total unjudged while a criterion has no score', () => {
      const bid = onlyBid(rules({ minWeightedTotal: 5 }), scored('r1', 'B1', { quality: 1 }));
      expect(bid).toMatchObject({ weightedTotal: null, belowMinimumTotal: false });
      expect(bid.thresholdFailures).toEqual([{ criterionCode: 'quality', rule: 'minScore', value: 1, minimum: 2 }]);
    });
  });

  describe('programming errors', () => {
    it('throws on a score for a criterion the rules lack', () => {
      expect(() => aggregateScores(rules(), scored('r1', 'B1', { impact: 3 }), [])).toThrow('unknown criterion "impact"');
      expect(() => aggregateScores(rules(), [], [{ bidId: 'B1', criterionCode: 'impact', score: 3 }])).toThrow('unknown criterion');
    });

    it('throws on a duplicate score or consensus score', () => {
      const twice = [...scored('r1', 'B1', { quality: 3 }), ...scored('r1', 'B1', { quality: 4 })];
      expect(() => aggregateScores(rules(), twice, [])).toThrow('appears twice');
      const consensus = [1, 2].map((score) => ({ bidId: 'B1', criterionCode: 'quality', score }));
      expect(() => aggregateScores(rules(), [], consensus)).toThrow('appears twice');
    });

    it('throws on a score off the scale or between steps', () => {
      expect(() => aggregateScores(rules(), scored('r1', 'B1', { quality: 5.5 }), [])).toThrow('not on the scale');
      expect(() => aggregateScores(rules(), scored('r1', 'B1', { quality: 3.25 }), [])).toThrow('not on the scale');
    });
  });
});

describe('scoreDistribution', () => {
  it('counts scores on every half step of a 0–5 scale', () => {
    const distribution = scoreDistribution(criterion('quality', 100), [3.5, 0, 5, 3.5, 4]);
    expect(distribution.map((entry) => entry.score)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
    expect(distribution.map((entry) => entry.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 2, 1, 0, 1]);
  });

  it('throws on a score between steps', () => {
    expect(() => scoreDistribution(criterion('quality', 100), [0.3])).toThrow('not on the scale');
  });
});
