import { completenessErrors, entryErrors, scoreToNumeric } from './score.rules';

const criterion = {
  code: 'q',
  titleRu: 'Качество',
  titleEn: 'Quality',
  weight: 100,
  scaleMin: 0,
  scaleMax: 5,
  scaleStep: 0.5,
  minScore: null,
};

describe('score rules', () => {
  it('writes scores as numeric text from whole hundredths, never through binary floats', () => {
    expect([0, 3.5, 0.1 + 0.2, 4.05, -1.5, 9].map(scoreToNumeric)).toEqual(['0.00', '3.50', '0.30', '4.05', '-1.50', '9.00']);
  });

  it('accepts a score on the scale and step and names the field of one off the step', () => {
    expect(entryErrors([criterion], [{ criterionCode: 'q', score: 3.5, justification: '' }])).toEqual([]);
    expect(entryErrors([criterion], [{ criterionCode: 'q', score: 3.3, justification: '' }])).toEqual([
      expect.objectContaining({ field: 'scores[0].score', rule: 'onScale' }),
    ]);
  });

  it('counts the justification in characters after trimming, at the minimum exactly', () => {
    const entry = (justification: string) => [{ criterionCode: 'q', score: 4, justification }];
    expect(completenessErrors([criterion], entry('  абвгд  '), 5)).toEqual([]);
    expect(completenessErrors([criterion], entry('абвг'), 5)).toEqual([expect.objectContaining({ rule: 'minLength' })]);
  });
});
