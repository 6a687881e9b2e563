import { createHash } from 'node:crypto';
import type { ProgrammeRules } from '../programmes/programme.rules';
import {
  ACTIVE_STATUSES,
  type BidContent,
  type BudgetLine,
  budgetTotals,
  canonicalContent,
  canonicalJson,
  duplicateBudgetLineErrors,
  submitErrors,
  type SubmitContext,
} from './submission.rules';

const OPENS = new Date('2016-07-29T06:00:00Z');
// The 2016 "cluster 2.0" call: applications until 26 September 2016, 23:59:59 Moscow time.
const DEADLINE = new Date('2016-09-26T20:59:59Z');
const DURING = new Date('2016-09-01T09:00:00Z');

const aRuleSet = (overrides: Partial<ProgrammeRules> = {}): ProgrammeRules => ({
  code: 'CL20-2016',
  titleRu: 'Кластеры 2.0',
  titleEn: 'Clusters 2.0',
  descriptionRu: '',
  descriptionEn: '',
  opensAt: OPENS.toISOString(),
  closesAt: DEADLINE.toISOString(),
  budgetKopecks: '250000000000',
  fundingYears: [2027, 2028],
  costCategories: ['joint-rnd', 'training-and-education'],
  maxFederalPerBidKopecks: '20000000000',
  maxFederalPerClusterKopecks: '25000000000',
  minCofinancingBasisPoints: 3000,
  singleActiveBid: false,
  sections: [{ code: 'programme', titleRu: 'Программа', titleEn: 'Development programme', required: true, maxLength: 100 }],
  attachmentKinds: [
    { code: 'regional-letter', titleRu: 'Письмо', titleEn: 'Regional letter', required: true },
    { code: 'extra', titleRu: 'Прочее', titleEn: 'Other', required: false },
  ],
  maxAttachmentBytes: 20 * 1024 * 1024,
  criteria: [],
  minWeightedTotal: null,
  eligibilityChecklist: [],
  reviewersPerBid: 3,
  aggregation: 'mean',
  trimBasisPoints: 2000,
  disagreementThreshold: 2,
  minJustificationLength: 50,
  conflictSameRegion: false,
  tieBreakChain: [],
  allocationPolicy: 'greedy-skip',
  partialMinShareBasisPoints: null,
  selectTopN: null,
  reserveListLength: 5,
  appealWindowDays: 10,
  ...overrides,
});

const line = (source: BudgetLine['source'], amountKopecks: bigint | string, year = 2027, category = 'joint-rnd'): BudgetLine => ({
  year,
  category,
  source,
  amountKopecks: `${amountKopecks}`,
});

const aBid = (overrides: Partial<BidContent> = {}): BidContent => ({
  title: 'Кластер 2.0',
  summary: 'Совместные НИОКР',
  sections: { programme: 'Программа развития' },
  contact: { name: 'Иванов И. И.', email: 'ivanov@example.ru', phone: '+7 3822 000000' },
  budgetLines: [line('federal', 70_000n), line('regional', 30_000n)],
  attachments: [{ kind: 'regional-letter', fileName: 'letter.pdf', sizeBytes: 1234, sha256: 'a'.repeat(64) }],
  ...overrides,
});

const aContext = (overrides: Partial<SubmitContext> = {}): SubmitContext => ({
  rules: aRuleSet(),
  now: DURING,
  opensAt: OPENS,
  deadline: DEADLINE,
  clusterOtherFederalKopecks: 0n,
  clusterOtherActiveBids: 0,
  ...overrides,
});

const rulesOf = (bid: BidContent, context: SubmitContext = aContext()) => submitErrors(bid, context).map((e) => e.rule);
const fieldsOf = (bid: BidContent, context: SubmitContext = aContext()) => submitErrors(bid, context).map((e) => `${e.field}:${e.rule}`);

describe('budgetTotals', () => {
  it('sums each source exactly in bigint, beyond the range of a double', () => {
    const huge = 9_007_199_254_740_993n; // 2^53 + 1: a double would round it
    const totals = budgetTotals([line('federal', huge), line('federal', 1n, 2028), line('regional', 2n), line('extra-budgetary', 3n)]);
    expect(totals).toEqual({ federal: huge + 1n, regional: 2n, extraBudgetary: 3n, total: huge + 6n });
  });

  it('is zero for no lines', () => {
    expect(budgetTotals([])).toEqual({ federal: 0n, regional: 0n, extraBudgetary: 0n, total: 0n });
  });
});

describe('submitErrors', () => {
  it('accepts a complete bid', () => {
    expect(submitErrors(aBid(), aContext())).toEqual([]);
  });

  describe('call window', () => {
    it('refuses before opensAt and accepts at opensAt', () => {
      expect(rulesOf(aBid(), aContext({ now: new Date(OPENS.getTime() - 1) }))).toEqual(['callNotOpenYet']);
      expect(rulesOf(aBid(), aContext({ now: OPENS }))).toEqual([]);
    });

    it('accepts a millisecond before the deadline and refuses at it', () => {
      expect(rulesOf(aBid(), aContext({ now: new Date(DEADLINE.getTime() - 1) }))).toEqual([]);
      expect(rulesOf(aBid(), aContext({ now: DEADLINE }))).toEqual(['deadlinePassed']);
    });

    it('judges by the deadline it is given (a cluster extension)', () => {
      const extended = new Date(DEADLINE.getTime() + 3600_000);
      expect(rulesOf(aBid(), aContext({ now: new Date(DEADLINE.getTime() + 1000), deadline: extended }))).toEqual([]);
    });

    it('refuses a second active bid only when the programme allows one', () => {
      expect(rulesOf(aBid(), aContext({ clusterOtherActiveBids: 1, rules: aRuleSet({ singleActiveBid: true }) }))).toEqual([
        'singleActiveBid',
      ]);
      expect(rulesOf(aBid(), aContext({ clusterOtherActiveBids: 0, rules: aRuleSet({ singleActiveBid: true }) }))).toEqual([]);
      expect(rulesOf(aBid(), aContext({ clusterOtherActiveBids: 3 }))).toEqual([]);
    });
  });

  describe('content', () => {
    it('requires a title and a summary (blank is missing)', () => {
      expect(fieldsOf(aBid({ title: '  ', summary: '\n' }))).toEqual(['title:required', 'summary:required']);
    });

    it('requires required sections, counts their length in characters, refuses unknown sections', () => {
      expect(fieldsOf(aBid({ sections: {} }))).toEqual(['sections.programme:requiredSection']);
      expect(fieldsOf(aBid({ sections: { programme: ' ' } }))).toEqual(['sections.programme:requiredSection']);
      expect(fieldsOf(aBid({ sections: { programme: 'я'.repeat(100) } }))).toEqual([]);
      expect(fieldsOf(aBid({ sections: { programme: 'я'.repeat(101) } }))).toEqual(['sections.programme:maxLength']);
      // 100 emoji are 200 UTF-16 units but 100 characters
      expect(fieldsOf(aBid({ sections: { programme: '🚀'.repeat(100) } }))).toEqual([]);
      expect(fieldsOf(aBid({ sections: { programme: 'x', risks: 'y' } }))).toEqual(['sections.risks:unknownSection']);
    });

    it('does not require an optional section', () => {
      const rules = aRuleSet({ sections: [{ code: 'risks', titleRu: 'Риски', titleEn: 'Risks', required: false, maxLength: 100 }] });
      expect(rulesOf(aBid({ sections: {} }), aContext({ rules }))).toEqual([]);
    });

    it('requires required attachments only', () => {
      expect(fieldsOf(aBid({ attachments: [] }))).toEqual(['attachments.regional-letter:requiredAttachment']);
      expect(fieldsOf(aBid({ attachments: [{ kind: 'extra', fileName: 'x.pdf', sizeBytes: 1, sha256: 'b'.repeat(64) }] }))).toEqual([
        'attachments.regional-letter:requiredAttachment',
      ]);
    });
  });

  describe('budget', () => {
    it('names the line with a year or category outside the programme', () => {
      const lines = [line('federal', 70_000n), line('regional', 20_000n, 2029), line('regional', 10_000n, 2027, 'yachts')];
      expect(fieldsOf(aBid({ budgetLines: lines }))).toEqual([
        'budgetLines[1].year:allowedYear',
        'budgetLines[2].category:allowedCategory',
      ]);
    });

    it('requires a budget, and a federal request unless the programme awards status only', () => {
      expect(fieldsOf(aBid({ budgetLines: [] }))).toEqual(['budgetLines:required']);
      expect(fieldsOf(aBid({ budgetLines: [line('federal', 0n)] }))).toEqual(['budgetLines:required']);
      expect(fieldsOf(aBid({ budgetLines: [line('regional', 100n)] }))).toEqual(['budgetLines:federalRequest']);
      const statusAward = aRuleSet({ allocationPolicy: 'select-top-n', selectTopN: 11 });
      expect(rulesOf(aBid({ budgetLines: [line('regional', 100n)] }), aContext({ rules: statusAward }))).toEqual([]);
    });

    it('caps the federal request per bid, to the kopeck', () => {
      const atCap = [line('federal', 20_000_000_000n), line('regional', 9_000_000_000n)];
      const over = [line('federal', 20_000_000_001n), line('regional', 9_000_000_000n)];
      expect(rulesOf(aBid({ budgetLines: atCap }))).toEqual([]);
      expect(rulesOf(aBid({ budgetLines: over }))).toEqual(['perBidCap']);
      expect(
        rulesOf(
          aBid({ budgetLines: over }),
          aContext({ rules: aRuleSet({ maxFederalPerBidKopecks: null, maxFederalPerClusterKopecks: null }) }),
        ),
      ).toEqual([]);
    });

    it('sums a federal request over years and categories', () => {
      const lines = [
        line('federal', 10_000_000_000n, 2027),
        line('federal', 10_000_000_001n, 2028, 'training-and-education'),
        line('regional', 9_000_000_000n),
      ];
      expect(rulesOf(aBid({ budgetLines: lines }))).toEqual(['perBidCap']);
    });

    it("caps the cluster's federal total with its other active bids, to the kopeck", () => {
      const bid = aBid({ budgetLines: [line('federal', 10_000_000_000n), line('regional', 5_000_000_000n)] });
      expect(rulesOf(bid, aContext({ clusterOtherFederalKopecks: 15_000_000_000n }))).toEqual([]);
      expect(rulesOf(bid, aContext({ clusterOtherFederalKopecks: 15_000_000_001n }))).toEqual(['perClusterCap']);
    });

    it('requires the co-financing share, exactly at the minimum', () => {
      expect(rulesOf(aBid({ budgetLines: [line('federal', 70_000n), line('regional', 30_000n)] }))).toEqual([]);
      expect(rulesOf(aBid({ budgetLines: [line('federal', 70_000n), line('regional', 29_999n)] }))).toEqual(['cofinancingShare']);
      // one more federal kopeck tips it as well
      expect(rulesOf(aBid({ budgetLines: [line('federal', 70_001n), line('regional', 30_000n)] }))).toEqual(['cofinancingShare']);
      // extra-budgetary funds count as co-financing
      expect(
        rulesOf(aBid({ budgetLines: [line('federal', 70_000n), line('regional', 20_000n), line('extra-budgetary', 10_000n)] })),
      ).toEqual([]);
      const zero = aRuleSet({ minCofinancingBasisPoints: 0 });
      expect(rulesOf(aBid({ budgetLines: [line('federal', 70_000n)] }), aContext({ rules: zero }))).toEqual([]);
    });

    it('shows the co-financing share without floats', () => {
      const [error] = submitErrors(aBid({ budgetLines: [line('federal', 70_000n), line('regional', 29_999n)] }), aContext());
      expect(error.message).toContain('29.99 %');
      expect(error.message).toContain('30.00 %');
    });
  });

  it('reports every failed rule at once', () => {
    const bid = aBid({
      title: '',
      summary: '',
      sections: { programme: 'x'.repeat(101), risks: 'y' },
      budgetLines: [line('federal', 20_000_000_001n, 2031, 'yachts')],
      attachments: [],
    });
    const context = aContext({
      now: DEADLINE,
      rules: aRuleSet({ singleActiveBid: true }),
      clusterOtherActiveBids: 1,
      clusterOtherFederalKopecks: 5_000_000_000n,
    });
    expect(rulesOf(bid, context).sort()).toEqual(
      [
        'deadlinePassed',
        'singleActiveBid',
        'required',
        'required',
        'maxLength',
        'unknownSection',
        'allowedYear',
        'allowedCategory',
        'perBidCap',
        'perClusterCap',
        'cofinancingShare',
        'requiredAttachment',
      ].sort(),
    );
  });
});

describe('duplicateBudgetLineErrors', () => {
  it('names each repeated (year, category, source) at its index', () => {
    const lines = [line('federal', 1n), line('regional', 1n), line('federal', 2n), line('federal', 1n, 2028), line('federal', 3n)];
    expect(duplicateBudgetLineErrors(lines)).toEqual([
      expect.objectContaining({ field: 'budgetLines[2]', rule: 'unique' }),
      expect.objectContaining({ field: 'budgetLines[4]', rule: 'unique' }),
    ]);
    expect(duplicateBudgetLineErrors([line('federal', 1n), line('federal', 1n, 2027, 'training-and-education')])).toEqual([]);
  });
});

describe('ACTIVE_STATUSES', () => {
  it('counts every bid in the competition, not drafts, withdrawn or ineligible ones', () => {
    expect(ACTIVE_STATUSES).toEqual(expect.arrayContaining(['submitted', 'eligible', 'in_review', 'funded']));
    expect(ACTIVE_STATUSES).not.toContain('draft');
    expect(ACTIVE_STATUSES).not.toContain('withdrawn');
    expect(ACTIVE_STATUSES).not.toContain('ineligible');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
    expect(canonicalJson({ a: { c: 'x', d: [2, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' } }));
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'a\n"б"' })).toBe('{"k\\"":"a\\n\\"б\\""}');
  });
});

describe('canonicalContent', () => {
  const sha = (bid: BidContent, code = 'CL20-2016', clusterId = 'c1') => canonicalContent(code, clusterId, bid).sha256;

  it('hashes the canonical JSON with sha256', () => {
    const { content, sha256 } = canonicalContent('CL20-2016', 'c1', aBid());
    expect(sha256).toBe(createHash('sha256').update(canonicalJson(content)).digest('hex'));
  });

  it('does not depend on key order, line order or attachment order', () => {
    const lines = [
      line('regional', 30_000n, 2028),
      line('federal', 70_000n, 2027, 'training-and-education'),
      line('federal', 1n),
      line('extra-budgetary', 5n),
    ];
    const attachments = [
      { kind: 'regional-letter', fileName: 'a.pdf', sizeBytes: 1, sha256: 'a'.repeat(64) },
      { kind: 'extra', fileName: 'b.pdf', sizeBytes: 2, sha256: 'b'.repeat(64) },
    ];
    const one = aBid({ budgetLines: lines, attachments, sections: { programme: 'p', risks: 'r' } });
    const reordered: BidContent = {
      attachments: [...attachments].reverse().map(({ sha256, sizeBytes, fileName, kind }) => ({ sha256, sizeBytes, fileName, kind })),
      budgetLines: [...lines].reverse().map(({ amountKopecks, source, category, year }) => ({ amountKopecks, source, category, year })),
      contact: { phone: one.contact.phone, email: one.contact.email, name: one.contact.name },
      sections: { risks: 'r', programme: 'p' },
      summary: one.summary,
      title: one.title,
    };
    expect(sha(reordered)).toBe(sha(one));
    expect(canonicalContent('CL20-2016', 'c1', reordered).content.budgetLines.map((l) => `${l.year}/${l.category}/${l.source}`)).toEqual([
      '2027/joint-rnd/extra-budgetary',
      '2027/joint-rnd/federal',
      '2027/training-and-education/federal',
      '2028/joint-rnd/regional',
    ]);
  });

  it('does not reorder the caller’s arrays', () => {
    const lines = [line('regional', 1n), line('federal', 2n)];
    canonicalContent('CL20-2016', 'c1', aBid({ budgetLines: lines }));
    expect(lines.map((l) => l.source)).toEqual(['regional', 'federal']);
  });

  it('changes with any field', () => {
    const base = aBid();
    const variants: BidContent[] = [
      { ...base, title: base.title + '.' },
      { ...base, summary: base.summary + '.' },
      { ...base, sections: { programme: 'Программа развития.' } },
      { ...base, sections: { ...base.sections, risks: '' } },
      { ...base, contact: { ...base.contact, name: 'Петров П. П.' } },
      { ...base, contact: { ...base.contact, email: 'petrov@example.ru' } },
      { ...base, contact: { ...base.contact, phone: '+7 000' } },
      { ...base, budgetLines: [line('federal', 70_001n), line('regional', 30_000n)] },
      { ...base, budgetLines: [line('federal', 70_000n, 2028), line('regional', 30_000n)] },
      { ...base, budgetLines: [line('federal', 70_000n, 2027, 'training-and-education'), line('regional', 30_000n)] },
      { ...base, budgetLines: [line('federal', 70_000n), line('extra-budgetary', 30_000n)] },
      { ...base, budgetLines: [line('federal', 70_000n)] },
      { ...base, attachments: [] },
      { ...base, attachments: [{ ...base.attachments[0], sha256: 'c'.repeat(64) }] },
      { ...base, attachments: [{ ...base.attachments[0], fileName: 'other.pdf' }] },
      { ...base, attachments: [{ ...base.attachments[0], sizeBytes: 1235 }] },
      { ...base, attachments: [{ ...base.attachments[0], kind: 'extra' }] },
    ];
    const hashes = new Set([sha(base), ...variants.map((v) => sha(v))]);
    expect(hashes.size).toBe(variants.length + 1);
    expect(sha(base, 'OTHER-2016')).not.toBe(sha(base));
    expect(sha(base, 'CL20-2016', 'c2')).not.toBe(sha(base));
  });

  it('tells a section text apart from the same text split differently (no ambiguous concatenation)', () => {
    expect(sha(aBid({ title: 'ab', summary: 'c' }))).not.toBe(sha(aBid({ title: 'a', summary: 'bc' })));
  });
});
