import fc from 'fast-check';
import { ALLOCATION_POLICIES } from '../programmes/programme.rules';
import {
  type AllocatedBid,
  allocate,
  type AllocationBid,
  type AllocationInput,
  type AllocationResult,
  type BudgetLine,
} from './allocation';
import { splitAcrossYears, sumKopecks, yearTotals } from './split';

const YEARS = [2017, 2018, 2019];
const RUNS = { numRuns: 200 };

/** The least co-financing that meets the minimum share for a federal amount. */
const minimumCofinancing = (federal: bigint, minBasisPoints: number) =>
  (BigInt(minBasisPoints) * federal + BigInt(9999 - minBasisPoints)) / BigInt(10_000 - minBasisPoints);

const federalLinesArb = fc.uniqueArray(
  fc.record({ year: fc.constantFrom(...YEARS), category: fc.constantFrom('a', 'b', 'c'), amount: fc.bigInt({ min: 0n, max: 50_000n }) }),
  { selector: (l) => `${l.year}/${l.category}`, minLength: 1, maxLength: 4 },
);

const bidShapeArb = fc.record({
  cluster: fc.constantFrom('c1', 'c2', 'c3'),
  region: fc.constantFrom('r1', 'r2'),
  federal: federalLinesArb,
  regional: fc.bigInt({ min: 0n, max: 20_000n }),
  extra: fc.bigInt({ min: 0n, max: 20_000n }),
});

const inputArb: fc.Arbitrary<AllocationInput> = fc.record({
  policy: fc.constantFrom(...ALLOCATION_POLICIES),
  budgetKopecks: fc.bigInt({ min: 0n, max: 200_000n }),
  yearBudgetsKopecks: fc.option(fc.dictionary(fc.constantFrom(...YEARS.map(String)), fc.bigInt({ min: 0n, max: 100_000n })), {
    nil: undefined,
  }),
  perBidCapKopecks: fc.option(fc.bigInt({ min: 0n, max: 80_000n })),
  perClusterCapKopecks: fc.option(fc.bigInt({ min: 0n, max: 120_000n })),
  perRegionCapKopecks: fc.option(fc.bigInt({ min: 0n, max: 150_000n })),
  minCofinancingBasisPoints: fc.integer({ min: 0, max: 5000 }),
  partialMinShareBasisPoints: fc.integer({ min: 0, max: 10_000 }),
  selectTopN: fc.integer({ min: 0, max: 10 }),
  reserveListLength: fc.integer({ min: 0, max: 4 }),
}) as fc.Arbitrary<AllocationInput>;

/** Bids as submitted: every one meets the programme's minimum co-financing share (a regional line tops it up). */
const caseArb = inputArb.chain((input) =>
  fc.tuple(
    fc.constant(input),
    fc.array(bidShapeArb, { maxLength: 8 }).map((shapes) =>
      shapes.map((shape, index): AllocationBid => {
        const federal = sumKopecks(shape.federal.map((l) => l.amount));
        const year = shape.federal[0].year;
        const topUp = minimumCofinancing(federal, input.minCofinancingBasisPoints) - shape.regional - shape.extra;
        const lines: BudgetLine[] = [
          ...shape.federal.map((l) => ({ year: l.year, category: l.category, source: 'federal' as const, amountKopecks: l.amount })),
          { year, category: 'a', source: 'regional', amountKopecks: shape.regional + (topUp > 0n ? topUp : 0n) },
          { year, category: 'b', source: 'extra-budgetary', amountKopecks: shape.extra },
        ];
        return { bidId: `bid-${index}`, rank: index + 1, clusterId: shape.cluster, region: shape.region, lines };
      }),
    ),
  ),
);

const federalOf = (lines: BudgetLine[]) => lines.filter((l) => l.source === 'federal');
const cofinancingOf = (lines: BudgetLine[]) => lines.filter((l) => l.source !== 'federal');
const amounts = (lines: BudgetLine[]) => sumKopecks(lines.map((l) => l.amountKopecks));
const isFunded = (bid: AllocatedBid) => bid.outcome === 'funded' || bid.outcome === 'partially_funded';

/** Federal money funded under a grouping (cluster, region), summed. */
function fundedBy(bids: AllocationBid[], result: AllocationResult, key: (bid: AllocationBid) => string): Map<string, bigint> {
  const totals = new Map<string, bigint>();
  bids.forEach((bid, index) => totals.set(key(bid), (totals.get(key(bid)) ?? 0n) + result.bids[index].fundedFederalKopecks));
  return totals;
}

/** A bid's request after the per-bid cap, by year: what greedy-skip and partial-marginal try to fund in full. */
function cappedYears(bid: AllocationBid, input: AllocationInput): Map<number, bigint> {
  const federal = federalOf(bid.lines);
  const requested = amounts(federal);
  const cap = input.perBidCapKopecks;
  return splitAcrossYears(yearTotals(federal), cap !== null && cap < requested ? cap : requested);
}

/** Whether an amount by year fits the limits left after the bids funded so far (replayed from the result). */
function fitsAfter(
  bids: AllocationBid[],
  result: AllocationResult,
  input: AllocationInput,
  upTo: number,
  years: Map<number, bigint>,
): boolean {
  const before = bids.slice(0, upTo);
  const funded = result.bids.slice(0, upTo);
  const amount = sumKopecks(years.values());
  const spent = amounts(funded.flatMap((b) => federalOf(b.lines)));
  if (spent + amount > input.budgetKopecks) return false;
  if (input.yearBudgetsKopecks) {
    for (const [year, part] of years) {
      const spentInYear = amounts(funded.flatMap((b) => federalOf(b.lines)).filter((l) => l.year === year));
      if (spentInYear + part > (input.yearBudgetsKopecks[year] ?? 0n)) return false;
    }
  }
  const bid = bids[upTo];
  const within = (cap: bigint | null, same: (other: AllocationBid) => boolean) =>
    cap === null || amounts(funded.filter((_, i) => same(before[i])).flatMap((b) => federalOf(b.lines))) + amount <= cap;
  return (
    within(input.perClusterCapKopecks, (o) => o.clusterId === bid.clusterId) &&
    within(input.perRegionCapKopecks, (o) => o.region === bid.region)
  );
}

/** Every limit with its room and the demand of all capped requests on it: total, years, clusters, regions. */
function roomAndDemand(bids: AllocationBid[], input: AllocationInput): { room: bigint; demand: bigint }[] {
  const byYear = bids.map((bid) => cappedYears(bid, input));
  const demandOf = (include: (bid: AllocationBid) => boolean, year?: number) =>
    sumKopecks(
      byYear.filter((_, i) => include(bids[i])).map((years) => (year === undefined ? sumKopecks(years.values()) : (years.get(year) ?? 0n))),
    );
  const limits = [{ room: input.budgetKopecks, demand: demandOf(() => true) }];
  const yearBudgets = input.yearBudgetsKopecks;
  if (yearBudgets) for (const year of YEARS) limits.push({ room: yearBudgets[year] ?? 0n, demand: demandOf(() => true, year) });
  for (const [cap, key] of [
    [input.perClusterCapKopecks, (bid: AllocationBid) => bid.clusterId],
    [input.perRegionCapKopecks, (bid: AllocationBid) => bid.region],
  ] as const) {
    if (cap === null) continue;
    for (const group of new Set(bids.map(key))) limits.push({ room: cap, demand: demandOf((bid) => key(bid) === group) });
  }
  return limits;
}

describe('allocate (properties)', () => {
  it('conserves money to the kopeck: allocated + remainder = budget, and every bid’s lines add up to its amounts', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const result = allocate(bids, input);
        expect(result.allocatedKopecks + result.remainderKopecks).toBe(input.budgetKopecks);
        expect(result.remainderKopecks >= 0n).toBe(true);
        expect(sumKopecks(result.bids.map((b) => b.fundedFederalKopecks))).toBe(result.allocatedKopecks);
        expect(sumKopecks(result.federalByYear.map((y) => y.federalKopecks))).toBe(result.allocatedKopecks);
        expect(sumKopecks(result.federalByCategory.map((c) => c.federalKopecks))).toBe(result.allocatedKopecks);
        for (const bid of result.bids) {
          expect(amounts(federalOf(bid.lines))).toBe(bid.fundedFederalKopecks);
          expect(amounts(cofinancingOf(bid.lines))).toBe(bid.fundedCofinancingKopecks);
          if (!isFunded(bid)) expect([bid.fundedFederalKopecks, bid.fundedCofinancingKopecks, bid.lines]).toEqual([0n, 0n, []]);
        }
      }),
      RUNS,
    );
  });

  it('never exceeds a limit: total, per bid, per cluster, per region, per year, nor any requested line', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const result = allocate(bids, input);
        expect(result.allocatedKopecks <= input.budgetKopecks).toBe(true);
        result.bids.forEach((allocated, index) => {
          if (input.perBidCapKopecks !== null) expect(allocated.fundedFederalKopecks <= input.perBidCapKopecks).toBe(true);
          for (const funded of allocated.lines) {
            const requested = bids[index].lines.find(
              (l) => l.year === funded.year && l.category === funded.category && l.source === funded.source,
            );
            expect(funded.amountKopecks <= requested!.amountKopecks).toBe(true);
          }
        });
        const caps: [bigint | null, Map<string, bigint>][] = [
          [input.perClusterCapKopecks, fundedBy(bids, result, (b) => b.clusterId)],
          [input.perRegionCapKopecks, fundedBy(bids, result, (b) => b.region)],
        ];
        for (const [cap, totals] of caps) if (cap !== null) for (const total of totals.values()) expect(total <= cap).toBe(true);
        if (input.yearBudgetsKopecks) {
          for (const { year, federalKopecks } of result.federalByYear)
            expect(federalKopecks <= (input.yearBudgetsKopecks[year] ?? 0n)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keeps the co-financing share of every funded bid at least at the programme minimum', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        for (const bid of allocate(bids, input).bids.filter((b) => b.fundedFederalKopecks > 0n)) {
          const total = bid.fundedFederalKopecks + bid.fundedCofinancingKopecks;
          expect(bid.fundedCofinancingKopecks * 10_000n >= BigInt(input.minCofinancingBasisPoints) * total).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('greedy-skip: funds each bid in full if it fits the limits left at its turn, and skips only bids that do not', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const greedy = { ...input, policy: 'greedy-skip' as const };
        const result = allocate(bids, greedy);
        bids.forEach((bid, index) => {
          const years = cappedYears(bid, greedy);
          const fits = fitsAfter(bids, result, greedy, index, years);
          const allocated = result.bids[index];
          expect(allocated.fundedFederalKopecks).toBe(fits ? sumKopecks(years.values()) : 0n);
          if (!fits) expect(allocated.reason.code).toBe('DOES_NOT_FIT_BUDGET');
        });
      }),
      RUNS,
    );
  });

  it('partial-marginal: a prefix funded in full, then at most one partial grant of at least the minimum share, then nothing', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const marginal = { ...input, policy: 'partial-marginal' as const };
        const result = allocate(bids, marginal);
        const stop = bids.findIndex((bid, index) => !fitsAfter(bids, result, marginal, index, cappedYears(bid, marginal)));
        result.bids.forEach((allocated, index) => {
          const capped = sumKopecks(cappedYears(bids[index], marginal).values());
          if (stop === -1 || index < stop) expect(allocated.fundedFederalKopecks).toBe(capped);
          else if (index > stop) expect(allocated.fundedFederalKopecks).toBe(0n);
          else if (allocated.fundedFederalKopecks > 0n) {
            expect(allocated.fundedFederalKopecks < capped).toBe(true);
            const share = BigInt(marginal.partialMinShareBasisPoints!) * allocated.requestedFederalKopecks;
            expect(allocated.fundedFederalKopecks * 10_000n >= share).toBe(true);
          }
        });
      }),
      RUNS,
    );
  });

  it('proportional: one common factor for every bid, up to rounding down, and the largest one the limits allow', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const proportional = { ...input, policy: 'proportional' as const };
        const result = allocate(bids, proportional);
        const { numerator, denominator } = result.proportionalFactor!;
        expect(numerator <= denominator).toBe(true);
        bids.forEach((bid, index) => {
          const years = cappedYears(bid, proportional);
          const exact = sumKopecks(years.values()) * numerator;
          const funded = result.bids[index].fundedFederalKopecks * denominator;
          // Rounded down per year: below the exact share by less than one kopeck per year.
          expect(funded <= exact).toBe(true);
          expect(exact - funded < BigInt(years.size) * denominator).toBe(true);
        });
        // Every limit holds at the factor, and a factor below 1 is set by a limit it fills exactly (before rounding).
        const limits = roomAndDemand(bids, proportional);
        for (const { room, demand } of limits) expect(demand * numerator <= room * denominator).toBe(true);
        if (numerator < denominator) expect(limits.some(({ room, demand }) => demand * numerator === room * denominator)).toBe(true);
      }),
      RUNS,
    );
  });

  it('select-top-n: the first N are selected, no money moves', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const result = allocate(bids, { ...input, policy: 'select-top-n' });
        expect(result.allocatedKopecks).toBe(0n);
        expect(result.bids.map((b) => b.outcome === 'funded')).toEqual(bids.map((_, index) => index < input.selectTopN!));
      }),
      RUNS,
    );
  });

  it('puts the first reserveListLength bids left without funding on the reserve list, in rank order', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const result = allocate(bids, input);
        const unfunded = result.bids.filter((b) => !isFunded(b));
        const expected = unfunded.map((_, index) => (index < input.reserveListLength ? index + 1 : null));
        expect(unfunded.map((b) => b.reservePosition)).toEqual(expected);
        expect(unfunded.map((b) => b.outcome)).toEqual(expected.map((position) => (position === null ? 'not_funded' : 'reserve')));
        expect(result.bids.filter(isFunded).every((b) => b.reservePosition === null)).toBe(true);
      }),
      RUNS,
    );
  });

  it('is a function of its input alone, and leaves the input untouched', () => {
    fc.assert(
      fc.property(caseArb, ([input, bids]) => {
        const [inputCopy, bidsCopy] = [structuredClone(input), structuredClone(bids)];
        const result = allocate(bids, input);
        expect([input, bids]).toEqual([inputCopy, bidsCopy]);
        expect(allocate(bidsCopy, inputCopy)).toEqual(result);
      }),
      RUNS,
    );
  });
});
