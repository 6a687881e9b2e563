import type { CriterionRule } from '../programmes/programme.rules';
import { normaliseByReviewer, type ScoreCell } from './normalisation';

const QUALITY: CriterionRule = {
  code: 'quality',
  titleRu: 'Качество',
  titleEn: 'Quality',
  weight: 100,
  scaleMin: 0,
  scaleMax: 5,
  scaleStep: 0.5,
  minScore: null,
};

const cells = (reviewerId: string, scores: Record<string, number>): ScoreCell[] =>
  Object.entries(scores).map(([bidId, score]) => ({ reviewerId, bidId, score }));

const normalisedOf = (result: ReturnType<typeof normaliseByReviewer>) =>
  Object.fromEntries(result.map((cell) => [`${cell.reviewerId}/${cell.bidId}`, cell.normalised]));

describe('normaliseByReviewer', () => {
  it('brings a harsh and a lenient reviewer of the same bids to the same values', () => {
    // Both have z = −√1.5, 0, √1.5; pooled μ = 3 and σ = √(10/6), so x' = 3 ∓ √2.5 = 3 ∓ 1.58114.
    const result = normaliseByReviewer(QUALITY, [...cells('harsh', { A: 1, B: 2, C: 3 }), ...cells('lenient', { A: 3, B: 4, C: 5 })]);
    expect(normalisedOf(result)).toEqual({
      'harsh/A': 1.4189,
      'harsh/B': 3,
      'harsh/C': 4.5811,
      'lenient/A': 1.4189,
      'lenient/B': 3,
      'lenient/C': 4.5811,
    });
  });

  it('leaves a lone reviewer’s scores as they are (μ + z·σ with their own μ and σ)', () => {
    const result = normaliseByReviewer(QUALITY, cells('only', { A: 0.5, B: 2, C: 4.5 }));
    expect(normalisedOf(result)).toEqual({ 'only/A': 0.5, 'only/B': 2, 'only/C': 4.5 });
  });

  it('keeps the raw score of a reviewer with one bid or with σ = 0', () => {
    const result = normaliseByReviewer(QUALITY, [
      ...cells('spread', { A: 0, B: 5 }),
      ...cells('single', { A: 4.5 }),
      ...cells('constant', { A: 2.5, B: 2.5 }),
    ]);
    expect(normalisedOf(result)).toMatchObject({ 'single/A': 4.5, 'constant/A': 2.5, 'constant/B': 2.5 });
  });

  it('clamps mapped values to the scale', () => {
    // "steep" gives 0 to nine bids and 5 to one: z = 3 for that one, −1/3 for the rest. "split" gives 0 and 5: z = ∓1.
    // Pooled: nine 0s, 5, 0, 5 → μ = 5/6, σ = √125 / 6 ≈ 1.86339.
    const steep = cells('steep', { A: 0, B: 0, C: 0, D: 0, E: 0, F: 0, G: 0, H: 0, I: 0, J: 5 });
    const result = normalisedOf(normaliseByReviewer(QUALITY, [...steep, ...cells('split', { A: 0, B: 5 })]));
    expect(result['steep/J']).toBe(5); // 5/6 + 3σ ≈ 6.42
    expect(result['split/A']).toBe(0); // 5/6 − σ ≈ −1.03
    expect(result['steep/A']).toBe(0.2122); // 5/6 − σ/3
    expect(result['split/B']).toBe(2.6967); // 5/6 + σ
  });
});
