import {
  completenessErrors,
  CriterionRule,
  ProgrammeRules,
  readinessToOpenErrors,
  ruleConsistencyErrors,
  sameRules,
  weightedTotalRange,
} from './programme.rules';

const NOW = new Date('2026-06-01T12:00:00.000Z');

const criterion = (overrides: Partial<CriterionRule> = {}): CriterionRule => ({
  code: 'quality',
  titleRu: 'Качество',
  titleEn: 'Quality',
  weight: 100,
  scaleMin: 0,
  scaleMax: 5,
  scaleStep: 0.5,
  minScore: null,
  ...overrides,
});

/** A complete, consistent rule set, open for a month around NOW. */
const aRuleSet = (overrides: Partial<ProgrammeRules> = {}): ProgrammeRules => ({
  code: 'CL20-2016',
  titleRu: 'Кластеры 2.0',
  titleEn: 'Clusters 2.0',
  descriptionRu: '',
  descriptionEn: '',
  opensAt: '2026-05-01T00:00:00.000Z',
  closesAt: '2026-07-01T00:00:00.000Z',
  budgetKopecks: '250000000000',
  fundingYears: [2027],
  costCategories: ['joint-rnd'],
  maxFederalPerBidKopecks: '20000000000',
  maxFederalPerClusterKopecks: '25000000000',
  minCofinancingBasisPoints: 3000,
  singleActiveBid: true,
  sections: [],
  attachmentKinds: [],
  maxAttachmentBytes: 20 * 1024 * 1024,
  criteria: [criterion({ code: 'quality', weight: 60, minScore: 1 }), criterion({ code: 'cofinancing', weight: 40 })],
  minWeightedTotal: null,
  eligibilityChecklist: [{ code: 'so', textRu: 'Специализированная организация', textEn: 'Specialised organisation' }],
  reviewersPerBid: 3,
  aggregation: 'mean',
  trimBasisPoints: 2000,
  disagreementThreshold: 2,
  minJustificationLength: 50,
  conflictSameRegion: false,
  tieBreakChain: [{ rule: 'earlier-final-submission' }, { rule: 'smaller-request' }],
  allocationPolicy: 'greedy-skip',
  partialMinShareBasisPoints: null,
  selectTopN: null,
  reserveListLength: 5,
  appealWindowDays: 10,
  ...overrides,
});

/** Just the field and rule of each problem, for compact expectations. */
const problems = (errors: { field: string; rule: string }[]) => errors.map(({ field, rule }) => `${field}:${rule}`);

describe('ruleConsistencyErrors', () => {
  it('finds nothing wrong with a complete, consistent rule set', () => {
    expect(ruleConsistencyErrors(aRuleSet())).toEqual([]);
  });

  it('finds nothing wrong with an empty draft', () => {
    const draft = aRuleSet({
      opensAt: null,
      closesAt: null,
      budgetKopecks: null,
      maxFederalPerBidKopecks: null,
      maxFederalPerClusterKopecks: null,
      criteria: [],
      eligibilityChecklist: [],
      disagreementThreshold: null,
    });
    expect(ruleConsistencyErrors(draft)).toEqual([]);
  });

  describe('call window', () => {
    it('needs closesAt after opensAt', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ closesAt: '2026-04-30T23:59:59.999Z' })))).toEqual(['closesAt:afterOpensAt']);
    });

    it('treats the same instant written in two offsets as equal, so not after', () => {
      const rules = aRuleSet({ opensAt: '2026-05-01T00:00:00Z', closesAt: '2026-05-01T03:00:00+03:00' });
      expect(problems(ruleConsistencyErrors(rules))).toEqual(['closesAt:afterOpensAt']);
    });

    it('accepts a window one millisecond long, or with either end missing', () => {
      expect(ruleConsistencyErrors(aRuleSet({ opensAt: '2026-05-01T00:00:00.000Z', closesAt: '2026-05-01T00:00:00.001Z' }))).toEqual([]);
      expect(ruleConsistencyErrors(aRuleSet({ opensAt: null }))).toEqual([]);
      expect(ruleConsistencyErrors(aRuleSet({ closesAt: null }))).toEqual([]);
    });
  });

  describe('money', () => {
    it('needs a positive budget and positive caps', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ budgetKopecks: '0' })))).toContain('budgetKopecks:positive');
      expect(problems(ruleConsistencyErrors(aRuleSet({ maxFederalPerBidKopecks: '0' })))).toEqual(['maxFederalPerBidKopecks:positive']);
      expect(problems(ruleConsistencyErrors(aRuleSet({ maxFederalPerClusterKopecks: '-1' })))).toEqual([
        'maxFederalPerClusterKopecks:positive',
      ]);
    });

    it('refuses a cap one kopeck above the budget and accepts a cap equal to it', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ maxFederalPerBidKopecks: '250000000001' })))).toEqual([
        'maxFederalPerBidKopecks:notAboveBudget',
      ]);
      expect(problems(ruleConsistencyErrors(aRuleSet({ maxFederalPerClusterKopecks: '250000000001' })))).toEqual([
        'maxFederalPerClusterKopecks:notAboveBudget',
      ]);
      expect(
        ruleConsistencyErrors(aRuleSet({ maxFederalPerBidKopecks: '250000000000', maxFederalPerClusterKopecks: '250000000000' })),
      ).toEqual([]);
    });

    it('compares amounts beyond 2^53 exactly (a float would call them equal)', () => {
      const rules = aRuleSet({
        budgetKopecks: '9007199254740992',
        maxFederalPerBidKopecks: '9007199254740993',
        maxFederalPerClusterKopecks: '9007199254740992',
      });
      expect(problems(ruleConsistencyErrors(rules))).toEqual(['maxFederalPerBidKopecks:notAboveBudget']);
    });

    it('does not compare caps with a budget not yet set', () => {
      expect(ruleConsistencyErrors(aRuleSet({ budgetKopecks: null, maxFederalPerBidKopecks: '999999999999999' }))).toEqual([]);
    });
  });

  describe('criteria', () => {
    it('needs weights adding up to exactly 100', () => {
      const rules = aRuleSet({ criteria: [criterion({ code: 'a', weight: 60 }), criterion({ code: 'b', weight: 39 })] });
      const errors = ruleConsistencyErrors(rules);
      expect(problems(errors)).toEqual(['criteria:weightsSumTo100']);
      expect(errors[0].message).toMatch(/99/);
      expect(
        problems(
          ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ code: 'a', weight: 60 }), criterion({ code: 'b', weight: 41 })] })),
        ),
      ).toEqual(['criteria:weightsSumTo100']);
    });

    it('needs unique codes, naming the repeated one', () => {
      const rules = aRuleSet({ criteria: [criterion({ code: 'a', weight: 50 }), criterion({ code: 'a', weight: 50 })] });
      expect(problems(ruleConsistencyErrors(rules))).toEqual(['criteria[1].code:unique']);
    });

    it('needs scaleMax above scaleMin', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ scaleMin: 5, scaleMax: 5 })] })))).toEqual([
        'criteria[0].scaleMax:greaterThanScaleMin',
      ]);
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ scaleMin: 5, scaleMax: 0 })] })))).toEqual([
        'criteria[0].scaleMax:greaterThanScaleMin',
      ]);
    });

    it.each([
      [0, 5, 0.5],
      [1, 9, 1],
      [0, 1, 0.1],
      [0, 1, 0.05],
      [0, 10, 2.5],
      [-2, 2, 0.25],
      [0, 0.3, 0.1],
    ])('accepts the scale %s–%s in steps of %s', (scaleMin, scaleMax, scaleStep) => {
      expect(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ scaleMin, scaleMax, scaleStep })] }))).toEqual([]);
    });

    it.each([
      [0, 5, 2],
      [0, 1, 0.3],
      [0, 1, 0.07],
      [1, 9, 3],
      [0, 5, 10],
    ])('refuses the scale %s–%s in steps of %s', (scaleMin, scaleMax, scaleStep) => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ scaleMin, scaleMax, scaleStep })] })))).toEqual([
        'criteria[0].scaleStep:dividesScale',
      ]);
    });

    it('needs a minScore on the scale', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ minScore: 5.5 })] })))).toEqual([
        'criteria[0].minScore:withinScale',
      ]);
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ minScore: -0.5 })] })))).toEqual([
        'criteria[0].minScore:withinScale',
      ]);
      expect(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ minScore: 0 })] }))).toEqual([]);
      expect(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ minScore: 5 })] }))).toEqual([]);
    });

    it('needs a minScore on a step counted from scaleMin', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ minScore: 1.25 })] })))).toEqual([
        'criteria[0].minScore:onStep',
      ]);
      const oddScale = { scaleMin: 1, scaleMax: 9, scaleStep: 2 };
      expect(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ ...oddScale, minScore: 3 })] }))).toEqual([]);
      expect(problems(ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ ...oddScale, minScore: 4 })] })))).toEqual([
        'criteria[0].minScore:onStep',
      ]);
      expect(
        ruleConsistencyErrors(aRuleSet({ criteria: [criterion({ scaleMin: 0, scaleMax: 1, scaleStep: 0.1, minScore: 0.7 })] })),
      ).toEqual([]);
    });

    it('needs minWeightedTotal within the weighted range, bounds included', () => {
      expect(ruleConsistencyErrors(aRuleSet({ minWeightedTotal: 0 }))).toEqual([]);
      expect(ruleConsistencyErrors(aRuleSet({ minWeightedTotal: 5 }))).toEqual([]);
      expect(problems(ruleConsistencyErrors(aRuleSet({ minWeightedTotal: 5.01 })))).toEqual(['minWeightedTotal:withinRange']);
      expect(problems(ruleConsistencyErrors(aRuleSet({ minWeightedTotal: -0.01 })))).toEqual(['minWeightedTotal:withinRange']);
    });

    it('does not judge minWeightedTotal while the weights are wrong, nor without criteria', () => {
      const badWeights = aRuleSet({ criteria: [criterion({ weight: 50 })], minWeightedTotal: 100 });
      expect(problems(ruleConsistencyErrors(badWeights))).toEqual(['criteria:weightsSumTo100']);
      expect(ruleConsistencyErrors(aRuleSet({ criteria: [], minWeightedTotal: 100 }))).toEqual([]);
    });
  });

  it('needs unique codes in the checklist, sections and attachment kinds', () => {
    const item = { code: 'so', textRu: 'Пункт', textEn: 'Item' };
    const section = { code: 'plan', titleRu: 'План', titleEn: 'Plan', required: true, maxLength: 1000 };
    const kind = { code: 'budget', titleRu: 'Смета', titleEn: 'Budget', required: true };
    const rules = aRuleSet({ eligibilityChecklist: [item, item], sections: [section, section, section], attachmentKinds: [kind, kind] });
    expect(problems(ruleConsistencyErrors(rules))).toEqual([
      'eligibilityChecklist[1].code:unique',
      'sections[1].code:unique',
      'sections[2].code:unique',
      'attachmentKinds[1].code:unique',
    ]);
  });

  describe('tie-break chain', () => {
    it('accepts a criterion tie-break naming a known criterion', () => {
      expect(
        ruleConsistencyErrors(aRuleSet({ tieBreakChain: [{ rule: 'criterion', criterionCode: 'quality' }, { rule: 'smaller-request' }] })),
      ).toEqual([]);
    });

    it('needs criterionCode for a criterion tie-break, and a known one', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ tieBreakChain: [{ rule: 'criterion' }] })))).toEqual([
        'tieBreakChain[0].criterionCode:required',
      ]);
      expect(problems(ruleConsistencyErrors(aRuleSet({ tieBreakChain: [{ rule: 'criterion', criterionCode: 'impact' }] })))).toEqual([
        'tieBreakChain[0].criterionCode:knownCriterion',
      ]);
    });

    it('refuses criterionCode on another tie-break, and a repeated step', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ tieBreakChain: [{ rule: 'smaller-request', criterionCode: 'quality' }] })))).toEqual(
        ['tieBreakChain[0].criterionCode:onlyForCriterion'],
      );
      expect(
        problems(ruleConsistencyErrors(aRuleSet({ tieBreakChain: [{ rule: 'smaller-request' }, { rule: 'smaller-request' }] }))),
      ).toEqual(['tieBreakChain[1]:unique']);
    });

    it('allows two criterion tie-breaks on different criteria', () => {
      const chain = [
        { rule: 'criterion' as const, criterionCode: 'quality' },
        { rule: 'criterion' as const, criterionCode: 'cofinancing' },
      ];
      expect(ruleConsistencyErrors(aRuleSet({ tieBreakChain: chain }))).toEqual([]);
    });
  });

  describe('allocation policy and aggregation', () => {
    it('needs partialMinShareBasisPoints for partial-marginal', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ allocationPolicy: 'partial-marginal' })))).toEqual([
        'partialMinShareBasisPoints:requiredForPolicy',
      ]);
      expect(ruleConsistencyErrors(aRuleSet({ allocationPolicy: 'partial-marginal', partialMinShareBasisPoints: 5000 }))).toEqual([]);
    });

    it('needs selectTopN for select-top-n', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ allocationPolicy: 'select-top-n' })))).toEqual(['selectTopN:requiredForPolicy']);
      expect(ruleConsistencyErrors(aRuleSet({ allocationPolicy: 'select-top-n', selectTopN: 11 }))).toEqual([]);
    });

    it('needs a trimmed mean to cut less than half from each end', () => {
      expect(problems(ruleConsistencyErrors(aRuleSet({ aggregation: 'trimmed-mean', trimBasisPoints: 5000 })))).toEqual([
        'trimBasisPoints:belowHalf',
      ]);
      expect(ruleConsistencyErrors(aRuleSet({ aggregation: 'trimmed-mean', trimBasisPoints: 4999 }))).toEqual([]);
      expect(ruleConsistencyErrors(aRuleSet({ aggregation: 'mean', trimBasisPoints: 5000 }))).toEqual([]);
    });
  });

  it('reports every problem at once', () => {
    const rules = aRuleSet({
      closesAt: '2026-01-01T00:00:00Z',
      maxFederalPerBidKopecks: '999999999999',
      criteria: [criterion({ weight: 10, scaleStep: 2 })],
      tieBreakChain: [{ rule: 'criterion', criterionCode: 'nope' }],
      allocationPolicy: 'partial-marginal',
    });
    expect(problems(ruleConsistencyErrors(rules)).sort()).toEqual(
      [
        'closesAt:afterOpensAt',
        'maxFederalPerBidKopecks:notAboveBudget',
        'criteria[0].scaleStep:dividesScale',
        'criteria:weightsSumTo100',
        'tieBreakChain[0].criterionCode:knownCriterion',
        'partialMinShareBasisPoints:requiredForPolicy',
      ].sort(),
    );
  });
});

describe('readinessToOpenErrors', () => {
  it('finds nothing missing in a complete rule set with a future deadline', () => {
    expect(readinessToOpenErrors(aRuleSet(), NOW)).toEqual([]);
  });

  it('lists every missing part of an empty draft, each as requiredToOpen', () => {
    const draft = aRuleSet({
      opensAt: null,
      closesAt: null,
      budgetKopecks: null,
      maxFederalPerBidKopecks: null,
      maxFederalPerClusterKopecks: null,
      fundingYears: [],
      costCategories: [],
      criteria: [],
      eligibilityChecklist: [],
      disagreementThreshold: null,
    });
    const errors = readinessToOpenErrors(draft, NOW);
    expect(errors.every((e) => e.rule === 'requiredToOpen' && e.message.length > 0)).toBe(true);
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'opensAt',
        'closesAt',
        'budgetKopecks',
        'maxFederalPerBidKopecks',
        'maxFederalPerClusterKopecks',
        'fundingYears',
        'costCategories',
        'criteria',
        'eligibilityChecklist',
        'disagreementThreshold',
      ].sort(),
    );
  });

  it('needs the deadline strictly after now: equal is too late, one millisecond after is fine', () => {
    expect(problems(readinessToOpenErrors(aRuleSet({ closesAt: NOW.toISOString() }), NOW))).toEqual(['closesAt:inFuture']);
    expect(readinessToOpenErrors(aRuleSet({ closesAt: new Date(NOW.getTime() + 1).toISOString() }), NOW)).toEqual([]);
  });

  it('allows opening before opensAt (a call announced ahead of its window)', () => {
    expect(readinessToOpenErrors(aRuleSet({ opensAt: '2026-06-15T00:00:00Z' }), NOW)).toEqual([]);
  });

  it('needs no budget or caps for a select-top-n status award', () => {
    const award = aRuleSet({
      allocationPolicy: 'select-top-n',
      selectTopN: 11,
      budgetKopecks: null,
      maxFederalPerBidKopecks: null,
      maxFederalPerClusterKopecks: null,
    });
    expect(readinessToOpenErrors(award, NOW)).toEqual([]);
    expect(problems(readinessToOpenErrors({ ...award, allocationPolicy: 'greedy-skip' }, NOW))).toEqual([
      'budgetKopecks:requiredToOpen',
      'maxFederalPerBidKopecks:requiredToOpen',
      'maxFederalPerClusterKopecks:requiredToOpen',
    ]);
  });

  it('includes the consistency problems too', () => {
    expect(problems(readinessToOpenErrors(aRuleSet({ maxFederalPerBidKopecks: '250000000001' }), NOW))).toEqual([
      'maxFederalPerBidKopecks:notAboveBudget',
    ]);
  });
});

describe('completenessErrors', () => {
  it('names the occasion in the rule', () => {
    expect(problems(completenessErrors(aRuleSet({ criteria: [] }), 'requiredWhileOpen'))).toEqual(['criteria:requiredWhileOpen']);
    expect(completenessErrors(aRuleSet())).toEqual([]);
  });

  it('does not judge whether the deadline has passed', () => {
    expect(completenessErrors(aRuleSet({ opensAt: '2000-01-01T00:00:00Z', closesAt: '2000-02-01T00:00:00Z' }))).toEqual([]);
  });
});

describe('weightedTotalRange', () => {
  it('is the scale itself when every criterion shares it', () => {
    expect(weightedTotalRange(aRuleSet().criteria)).toEqual({ min: 0, max: 5 });
  });

  it('weighs different scales by their weights', () => {
    const criteria = [
      criterion({ code: 'a', weight: 50, scaleMin: 0, scaleMax: 5 }),
      criterion({ code: 'b', weight: 50, scaleMin: 1, scaleMax: 9, scaleStep: 1 }),
    ];
    expect(weightedTotalRange(criteria)).toEqual({ min: 0.5, max: 7 });
  });

  it('is exact for weights that do not divide 100 evenly', () => {
    const criteria = [criterion({ code: 'a', weight: 33 }), criterion({ code: 'b', weight: 33 }), criterion({ code: 'c', weight: 34 })];
    expect(weightedTotalRange(criteria)).toEqual({ min: 0, max: 5 });
    const tenths = [
      criterion({ code: 'a', weight: 30, scaleMax: 0.3, scaleStep: 0.1 }),
      criterion({ code: 'b', weight: 70, scaleMax: 0.7, scaleStep: 0.1 }),
    ];
    expect(weightedTotalRange(tenths)).toEqual({ min: 0, max: 0.58 });
  });

  it('handles negative scale minimums', () => {
    expect(weightedTotalRange([criterion({ scaleMin: -2, scaleMax: 2 })])).toEqual({ min: -2, max: 2 });
  });

  it('is zero for no criteria', () => {
    expect(weightedTotalRange([])).toEqual({ min: 0, max: 0 });
  });
});

describe('sameRules', () => {
  it('ignores key order, including inside lists', () => {
    const rules = aRuleSet();
    const reordered = Object.fromEntries(Object.entries(rules).reverse()) as unknown as ProgrammeRules;
    reordered.criteria = rules.criteria.map((c) => Object.fromEntries(Object.entries(c).reverse()) as unknown as CriterionRule);
    expect(sameRules(rules, reordered)).toBe(true);
  });

  it('sees any changed value, list order and list length', () => {
    const rules = aRuleSet();
    expect(sameRules(rules, aRuleSet({ titleEn: 'Other' }))).toBe(false);
    expect(sameRules(rules, aRuleSet({ criteria: [...rules.criteria].reverse() }))).toBe(false);
    expect(sameRules(rules, aRuleSet({ fundingYears: [2027, 2028] }))).toBe(false);
    expect(sameRules(rules, aRuleSet({ minWeightedTotal: 0 }))).toBe(false);
  });
});
