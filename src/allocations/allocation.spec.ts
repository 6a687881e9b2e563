import { type AllocatedBid, allocate, type AllocationBid, type AllocationInput, type BudgetLine, type FundingSource } from './allocation';

const line = (year: number, category: string, source: FundingSource, amountKopecks: bigint): BudgetLine => ({
  year,
  category,
  source,
  amountKopecks,
});

let rank = 0;

/** A bid in rank order: one federal line in 2017 and a 25 % regional co-financing, unless told otherwise. */
const aBid = (bidId: string, federalKopecks: bigint, overrides: Partial<AllocationBid> = {}): AllocationBid => {
  rank += 1;
  return {
    bidId,
    rank,
    clusterId: `cluster-${bidId}`,
    region: `region-${bidId}`,
    lines: [line(2017, 'joint-rnd', 'federal', federalKopecks), line(2017, 'joint-rnd', 'regional', federalKopecks / 3n)],
    ...overrides,
  };
};

const anInput = (overrides: Partial<AllocationInput> = {}): AllocationInput => ({
  policy: 'greedy-skip',
  budgetKopecks: 1000n,
  perBidCapKopecks: null,
  perClusterCapKopecks: null,
  perRegionCapKopecks: null,
  minCofinancingBasisPoints: 2000,
  partialMinShareBasisPoints: null,
  selectTopN: null,
  reserveListLength: 0,
  ...overrides,
});

const summaryOf = (bids: AllocatedBid[]) => bids.map((bid) => [bid.bidId, bid.outcome, bid.fundedFederalKopecks, bid.reason.code]);

beforeEach(() => {
  rank = 0;
});

describe('allocate: greedy-skip', () => {
  it('funds in rank order in full, skips a bid that does not fit and goes on to one that does', () => {
    const bids = [aBid('A', 600n), aBid('B', 500n), aBid('C', 400n)];
    const result = allocate(bids, anInput({ reserveListLength: 1 }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 600n, 'FUNDED_IN_FULL'],
      ['B', 'reserve', 0n, 'DOES_NOT_FIT_BUDGET'],
      ['C', 'funded', 400n, 'FUNDED_IN_FULL'],
    ]);
    expect(result.bids[1]).toMatchObject({
      reservePosition: 1,
      requestedFederalKopecks: 500n,
      fundedCofinancingKopecks: 0n,
      lines: [],
      reason: {
        limit: { kind: 'total' },
        en: 'Does not fit the total budget: needs RUB 5.00, RUB 4.00 left',
        ru: 'Не помещается в общий бюджет: нужно 5,00 ₽, осталось 4,00 ₽',
      },
    });
    expect(result.bids[0]).toMatchObject({
      fundedCofinancingKopecks: 200n,
      reservePosition: null,
      lines: [line(2017, 'joint-rnd', 'federal', 600n), line(2017, 'joint-rnd', 'regional', 200n)],
      reason: { en: 'Funded in full: RUB 6.00', ru: 'Профинансирована полностью: 6,00 ₽', limit: null },
    });
    expect(result).toMatchObject({ budgetKopecks: 1000n, allocatedKopecks: 1000n, remainderKopecks: 0n, proportionalFactor: null });
    expect(result.outcomeCounts).toEqual({ funded: 2, partially_funded: 0, reserve: 1, not_funded: 0 });
  });

  it('names the year whose budget a bid does not fit, and funds the next one that fits every year', () => {
    const A = aBid('A', 0n, {
      lines: [line(2017, 'a', 'federal', 400n), line(2018, 'a', 'federal', 100n), line(2017, 'a', 'regional', 200n)],
    });
    const B = aBid('B', 0n, {
      lines: [line(2017, 'a', 'federal', 300n), line(2018, 'b', 'federal', 300n), line(2018, 'b', 'regional', 200n)],
    });
    const result = allocate([A, B], anInput({ yearBudgetsKopecks: { 2017: 300n, 2018: 1000n } }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'not_funded', 0n, 'DOES_NOT_FIT_BUDGET'],
      ['B', 'funded', 600n, 'FUNDED_IN_FULL'],
    ]);
    expect(result.bids[0].reason).toMatchObject({
      limit: { kind: 'year', year: 2017 },
      en: 'Does not fit the 2017 budget: needs RUB 4.00, RUB 3.00 left',
    });
    expect(result.federalByYear).toEqual([
      { year: 2017, federalKopecks: 300n },
      { year: 2018, federalKopecks: 300n },
    ]);
    expect(result.federalByCategory).toEqual([
      { category: 'a', federalKopecks: 300n },
      { category: 'b', federalKopecks: 300n },
    ]);
  });

  it('gives no money in a year missing from the year budgets', () => {
    const bid = aBid('A', 0n, { lines: [line(2019, 'a', 'federal', 1n), line(2019, 'a', 'regional', 1n)] });
    const [result] = allocate([bid], anInput({ yearBudgetsKopecks: { 2017: 1000n } })).bids;
    expect(result.reason.limit).toEqual({ kind: 'year', year: 2019 });
  });

  it('keeps each cluster within its cap across its bids', () => {
    const bids = [aBid('A', 600n, { clusterId: 'X' }), aBid('B', 200n, { clusterId: 'X' }), aBid('C', 300n, { clusterId: 'Y' })];
    const result = allocate(bids, anInput({ budgetKopecks: 2000n, perClusterCapKopecks: 700n }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 600n, 'FUNDED_IN_FULL'],
      ['B', 'not_funded', 0n, 'DOES_NOT_FIT_BUDGET'],
      ['C', 'funded', 300n, 'FUNDED_IN_FULL'],
    ]);
    expect(result.bids[1].reason).toMatchObject({
      limit: { kind: 'cluster', clusterId: 'X' },
      en: 'Does not fit the cap for cluster X: needs RUB 2.00, RUB 1.00 left',
    });
  });

  it('keeps each region within its cap across its bids', () => {
    const bids = [aBid('A', 600n, { region: 'R' }), aBid('B', 500n, { region: 'R' }), aBid('C', 100n, { region: 'R' })];
    const result = allocate(bids, anInput({ budgetKopecks: 2000n, perRegionCapKopecks: 700n }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 600n, 'FUNDED_IN_FULL'],
      ['B', 'not_funded', 0n, 'DOES_NOT_FIT_BUDGET'],
      ['C', 'funded', 100n, 'FUNDED_IN_FULL'],
    ]);
    expect(result.bids[1].reason.limit).toEqual({ kind: 'region', region: 'R' });
  });

  it('cuts a request above the per-bid cap to the cap: exact lines, co-financing rounded up, partially funded', () => {
    // Federal 1000 cut to 499. Years 666 : 334 → 332.334 and 166.666 → 332 + 167 (the larger remainder takes the
    // kopeck); 2017 splits 166 + 166. Co-financing 251 → ⌈251 × 499 / 1000⌉ = 126, split 150 : 101 → 75.30 and
    // 50.70 → 75 + 51.
    const bid = aBid('A', 0n, {
      lines: [
        line(2017, 'a', 'federal', 333n),
        line(2017, 'b', 'federal', 333n),
        line(2018, 'a', 'federal', 334n),
        line(2017, 'a', 'regional', 150n),
        line(2018, 'a', 'extra-budgetary', 101n),
      ],
    });
    const [result] = allocate([bid], anInput({ perBidCapKopecks: 499n })).bids;
    expect(result).toMatchObject({
      outcome: 'partially_funded',
      requestedFederalKopecks: 1000n,
      fundedFederalKopecks: 499n,
      fundedCofinancingKopecks: 126n,
      reason: { code: 'PER_BID_CAP', en: 'Request of RUB 10.00 cut to the per-bid cap of RUB 4.99' },
    });
    expect(result.lines).toEqual([
      line(2017, 'a', 'federal', 166n),
      line(2017, 'a', 'regional', 75n),
      line(2017, 'b', 'federal', 166n),
      line(2018, 'a', 'federal', 167n),
      line(2018, 'a', 'extra-budgetary', 51n),
    ]);
  });

  it('funds nothing from a zero budget and lists the reserve in rank order', () => {
    const bids = [aBid('A', 1n), aBid('B', 2n), aBid('C', 3n)];
    const result = allocate(bids, anInput({ budgetKopecks: 0n, reserveListLength: 2 }));
    expect(result.bids.map((bid) => [bid.outcome, bid.reservePosition])).toEqual([
      ['reserve', 1],
      ['reserve', 2],
      ['not_funded', null],
    ]);
    expect(result.remainderKopecks).toBe(0n);
  });
});

describe('allocate: partial-marginal', () => {
  const partial = (overrides: Partial<AllocationInput> = {}) =>
    anInput({ policy: 'partial-marginal', partialMinShareBasisPoints: 5000, ...overrides });

  it('funds in full while bids fit, gives the first that does not the rest, and stops there', () => {
    const bids = [aBid('A', 600n), aBid('B', 500n), aBid('C', 100n)];
    const result = allocate(bids, partial({ reserveListLength: 5 }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 600n, 'FUNDED_IN_FULL'],
      ['B', 'partially_funded', 400n, 'PARTIAL_MARGINAL'],
      ['C', 'reserve', 0n, 'AFTER_MARGINAL_BID'],
    ]);
    // Co-financing 166 on 500 cut to 400: ⌈166 × 400 / 500⌉ = ⌈132.8⌉ = 133.
    expect(result.bids[1]).toMatchObject({
      fundedCofinancingKopecks: 133n,
      reservePosition: null,
      reason: {
        limit: { kind: 'total' },
        en: 'Does not fit the total budget in full; gets the largest amount that fits, RUB 4.00 of the RUB 5.00 requested',
      },
    });
    expect(result.bids[2].reason.en).toBe('Allocation stopped at the bid ranked 2');
    expect(result.remainderKopecks).toBe(0n);
  });

  it('gives the marginal bid nothing when what fits is below the minimum share, and still stops', () => {
    const bids = [aBid('A', 600n), aBid('B', 500n), aBid('C', 100n)];
    const result = allocate(bids, partial({ partialMinShareBasisPoints: 8001 }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 600n, 'FUNDED_IN_FULL'],
      ['B', 'not_funded', 0n, 'BELOW_PARTIAL_SHARE'],
      ['C', 'not_funded', 0n, 'AFTER_MARGINAL_BID'],
    ]);
    expect(result.bids[1].reason.en).toBe(
      'Does not fit the total budget; the RUB 4.00 that fits is below the minimum share of 80.01 % of the request of RUB 5.00',
    );
    expect(result.remainderKopecks).toBe(400n);
  });

  it('accepts a partial grant of exactly the minimum share', () => {
    const result = allocate([aBid('A', 600n), aBid('B', 500n)], partial({ partialMinShareBasisPoints: 8000 }));
    expect(result.bids[1]).toMatchObject({ outcome: 'partially_funded', fundedFederalKopecks: 400n });
  });

  it('scales the marginal bid so that every year fits', () => {
    // 2017 room 300 holds 300 / 400 of the 2017 request: 800 × 300 / 400 = 600 in all, 300 in each year.
    const bid = aBid('A', 0n, {
      lines: [line(2017, 'a', 'federal', 400n), line(2018, 'a', 'federal', 400n), line(2017, 'a', 'regional', 200n)],
    });
    const [result] = allocate([bid], partial({ yearBudgetsKopecks: { 2017: 300n, 2018: 1000n } })).bids;
    expect(result).toMatchObject({ outcome: 'partially_funded', fundedFederalKopecks: 600n, fundedCofinancingKopecks: 150n });
    expect(result.reason.limit).toEqual({ kind: 'year', year: 2017 });
    expect(result.lines).toEqual([line(2017, 'a', 'federal', 300n), line(2017, 'a', 'regional', 150n), line(2018, 'a', 'federal', 300n)]);
  });

  it('takes the cluster cap into account for the marginal bid', () => {
    const bids = [aBid('A', 600n, { clusterId: 'X' }), aBid('B', 500n, { clusterId: 'X' })];
    const result = allocate(bids, partial({ budgetKopecks: 5000n, perClusterCapKopecks: 700n, partialMinShareBasisPoints: 2000 }));
    expect(result.bids[1]).toMatchObject({
      outcome: 'partially_funded',
      fundedFederalKopecks: 100n,
      reason: { limit: { kind: 'cluster', clusterId: 'X' } },
    });
  });

  it('needs partialMinShareBasisPoints', () => {
    expect(() => allocate([], anInput({ policy: 'partial-marginal' }))).toThrow(/partialMinShareBasisPoints/);
  });
});

describe('allocate: proportional', () => {
  const proportional = (overrides: Partial<AllocationInput> = {}) => anInput({ policy: 'proportional', ...overrides });

  it('cuts every bid by one factor, rounds each down and leaves the residue unspent', () => {
    // 1500 requested, 1000 available: factor 2/3 → 400, 333.3 → 333, 266.6 → 266; 1 kopeck unspent.
    const result = allocate([aBid('A', 600n), aBid('B', 500n), aBid('C', 400n)], proportional());
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'partially_funded', 400n, 'PROPORTIONAL_CUT'],
      ['B', 'partially_funded', 333n, 'PROPORTIONAL_CUT'],
      ['C', 'partially_funded', 266n, 'PROPORTIONAL_CUT'],
    ]);
    expect(result).toMatchObject({ allocatedKopecks: 999n, remainderKopecks: 1n, proportionalFactor: { numerator: 2n, denominator: 3n } });
    expect(result.bids[1].reason).toMatchObject({
      limit: { kind: 'total' },
      en: 'Every bid cut by a common factor of ≈ 66.66 % (set by the total budget): RUB 3.33 of the RUB 5.00 requested',
    });
  });

  it('funds everyone in full when everything fits', () => {
    const result = allocate([aBid('A', 600n), aBid('B', 400n)], proportional());
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 600n, 'FUNDED_IN_FULL'],
      ['B', 'funded', 400n, 'FUNDED_IN_FULL'],
    ]);
    expect(result.proportionalFactor).toEqual({ numerator: 1n, denominator: 1n });
  });

  it('takes the factor from the tightest limit, a cluster cap here, and applies it to every bid', () => {
    const bids = [aBid('A', 400n, { clusterId: 'X' }), aBid('B', 200n, { clusterId: 'X' }), aBid('C', 300n, { clusterId: 'Y' })];
    const result = allocate(bids, proportional({ perClusterCapKopecks: 300n }));
    expect(result.bids.map((bid) => bid.fundedFederalKopecks)).toEqual([200n, 100n, 150n]);
    expect(result.bids[2].reason.limit).toEqual({ kind: 'cluster', clusterId: 'X' });
    expect(result.proportionalFactor).toEqual({ numerator: 1n, denominator: 2n });
  });

  it('rounds down per year, so no year budget is overrun through rounding', () => {
    // 2017 demand 3 against a budget of 2: factor 2/3. A: ⌊2/3 × 1⌋ + ⌊2/3 × 2⌋ = 0 + 1; B: ⌊2/3 × 2⌋ + ⌊2/3 × 1⌋ = 1 + 0.
    const A = aBid('A', 0n, { lines: [line(2017, 'a', 'federal', 1n), line(2018, 'a', 'federal', 2n)] });
    const B = aBid('B', 0n, { lines: [line(2017, 'a', 'federal', 2n), line(2018, 'a', 'federal', 1n)] });
    const result = allocate([A, B], proportional({ minCofinancingBasisPoints: 0, yearBudgetsKopecks: { 2017: 2n, 2018: 10n } }));
    expect(result.proportionalFactor).toEqual({ numerator: 2n, denominator: 3n });
    expect(result.bids.map((bid) => bid.fundedFederalKopecks)).toEqual([1n, 1n]);
    expect(result.federalByYear).toEqual([
      { year: 2017, federalKopecks: 1n },
      { year: 2018, federalKopecks: 1n },
    ]);
  });

  it('applies the factor to requests already cut to the per-bid cap', () => {
    const result = allocate([aBid('A', 900n), aBid('B', 300n)], proportional({ perBidCapKopecks: 500n, budgetKopecks: 400n }));
    // 500 + 300 = 800 against 400: factor 1/2.
    expect(result.bids.map((bid) => bid.fundedFederalKopecks)).toEqual([250n, 150n]);
    expect(result.bids[0].reason.en).toMatch(/\(set by the total budget\) after the per-bid cap: RUB 2\.50 of the RUB 9\.00 requested$/);
  });

  it('funds nothing when a limit every bid is under has no room', () => {
    const result = allocate([aBid('A', 600n), aBid('B', 400n)], proportional({ budgetKopecks: 0n, reserveListLength: 1 }));
    expect(result.bids.map((bid) => bid.outcome)).toEqual(['reserve', 'not_funded']);
    expect(result.proportionalFactor).toEqual({ numerator: 0n, denominator: 1n });
  });
});

describe('allocate: select-top-n', () => {
  it('selects the first N as a status award without money, then the reserve', () => {
    const bids = [aBid('A', 600n), aBid('B', 500n), aBid('C', 400n), aBid('D', 300n)];
    const result = allocate(bids, anInput({ policy: 'select-top-n', selectTopN: 2, reserveListLength: 1 }));
    expect(summaryOf(result.bids)).toEqual([
      ['A', 'funded', 0n, 'SELECTED_TOP_N'],
      ['B', 'funded', 0n, 'SELECTED_TOP_N'],
      ['C', 'reserve', 0n, 'BELOW_TOP_N'],
      ['D', 'not_funded', 0n, 'BELOW_TOP_N'],
    ]);
    expect(result.bids.every((bid) => bid.lines.length === 0 && bid.fundedCofinancingKopecks === 0n)).toBe(true);
    expect(result.bids[0].reason.en).toBe('Selected among the top 2 (status award, no funds)');
    expect(result.bids[3].reason.ru).toBe('Ранг 4: ниже первых 2 отобранных');
    expect(result).toMatchObject({ allocatedKopecks: 0n, remainderKopecks: 1000n });
  });

  it('needs selectTopN', () => {
    expect(() => allocate([], anInput({ policy: 'select-top-n' }))).toThrow(/selectTopN/);
  });
});

describe('allocate: programming errors', () => {
  it('throws on bids out of rank order or given twice', () => {
    const [A, B] = [aBid('A', 1n), aBid('B', 1n)];
    expect(() => allocate([B, A], anInput())).toThrow(/rank order/);
    expect(() => allocate([A, { ...A, rank: 5 }], anInput())).toThrow(/appears twice/);
  });

  it('throws on negative money and shares outside 0–10000 basis points', () => {
    expect(() => allocate([], anInput({ budgetKopecks: -1n }))).toThrow(/negative/);
    expect(() => allocate([aBid('A', -1n)], anInput())).toThrow(/negative/);
    expect(() => allocate([], anInput({ minCofinancingBasisPoints: 10_001 }))).toThrow(/basis points/);
  });
});
