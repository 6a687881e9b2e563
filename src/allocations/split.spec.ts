import fc from 'fast-check';
import {
  type BudgetLine,
  cofinancingFor,
  cofinancingLinesFor,
  federalLinesFor,
  largestRemainderSplit,
  splitAcrossYears,
  sumKopecks,
  yearTotals,
} from './split';

const federal = (year: number, category: string, amountKopecks: bigint): BudgetLine => ({
  year,
  category,
  source: 'federal',
  amountKopecks,
});

describe('largestRemainderSplit', () => {
  it('gives every part its floor and the left-over kopecks to the largest remainders', () => {
    // Exact shares of 100 by 1:1:1 are 33⅓ each: one kopeck left, and it goes to the first on the equal remainders.
    expect(largestRemainderSplit([1n, 1n, 1n], 100n)).toEqual([34n, 33n, 33n]);
    // The whole of the weights gives back the weights.
    expect(largestRemainderSplit([5n, 3n, 2n], 10n)).toEqual([5n, 3n, 2n]);
    // 7 by 5:3:2 → 3.5, 2.1, 1.4: floors 3, 2, 1 leave 1, which goes to the 0.5.
    expect(largestRemainderSplit([5n, 3n, 2n], 7n)).toEqual([4n, 2n, 1n]);
    // A larger remainder wins over a larger part: 3 by 1:4 → 0.6, 2.4: the kopeck left goes to the 0.6.
    expect(largestRemainderSplit([1n, 4n], 3n)).toEqual([1n, 2n]);
    // …and over an earlier index: 3 by 4:1 → 2.4, 0.6.
    expect(largestRemainderSplit([4n, 1n], 3n)).toEqual([2n, 1n]);
  });

  it('keeps a part whose share is whole at exactly that share', () => {
    expect(largestRemainderSplit([0n, 2n, 1n], 1n)).toEqual([0n, 1n, 0n]);
  });

  it('splits zero into zeros, and refuses a positive amount over zero weights or negative amounts', () => {
    expect(largestRemainderSplit([0n, 0n], 0n)).toEqual([0n, 0n]);
    expect(() => largestRemainderSplit([0n, 0n], 1n)).toThrow(RangeError);
    expect(() => largestRemainderSplit([1n], -1n)).toThrow(RangeError);
    expect(() => largestRemainderSplit([-1n, 2n], 1n)).toThrow(RangeError);
  });

  it('adds up exactly, with every part the floor or ceiling of its exact share (property)', () => {
    const weights = fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(weights, fc.bigInt({ min: 0n, max: 10n ** 15n }), (ws, fraction) => {
        const weightSum = sumKopecks(ws);
        fc.pre(weightSum > 0n);
        const total = (fraction * weightSum) / 10n ** 15n;
        const parts = largestRemainderSplit(ws, total);
        expect(sumKopecks(parts)).toBe(total);
        parts.forEach((part, index) => {
          const floor = (ws[index] * total) / weightSum;
          expect(part === floor || part === floor + 1n).toBe(true);
          expect(part <= ws[index]).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('splitting a cut bid by year, then by line', () => {
  it('splits years first, so that a year never gets more than the ceiling of its exact share', () => {
    // 30 kopecks requested: 2017 three lines of 4, 2018 six lines of 3; cut to 3. Exact shares: 2017 1.2, 2018 1.8.
    // A flat split across the nine lines would give the 2017 lines (remainder 0.4 each) all three kopecks: 3 > 1.2.
    const lines = [
      ...['a', 'b', 'c'].map((category) => federal(2017, category, 4n)),
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((category) => federal(2018, category, 3n)),
    ];
    const years = splitAcrossYears(yearTotals(lines), 3n);
    expect([...years]).toEqual([
      [2017, 1n],
      [2018, 2n],
    ]);
    expect(federalLinesFor(lines, years).map((line) => line.amountKopecks)).toEqual([1n, 0n, 0n, 1n, 1n, 0n, 0n, 0n, 0n]);
  });

  it('gives rounding kopecks to the earlier year and then the earlier category on equal remainders', () => {
    const lines = [federal(2018, 'b', 1n), federal(2017, 'b', 1n), federal(2017, 'a', 1n), federal(2018, 'a', 1n)];
    const years = splitAcrossYears(yearTotals(lines), 3n);
    expect([...years]).toEqual([
      [2017, 2n],
      [2018, 1n],
    ]);
    expect(federalLinesFor(lines, years)).toEqual([
      federal(2017, 'a', 1n),
      federal(2017, 'b', 1n),
      federal(2018, 'a', 1n),
      federal(2018, 'b', 0n),
    ]);
  });

  it('splits co-financing across all its lines in (year, category, source) order', () => {
    const regional: BudgetLine = { year: 2017, category: 'a', source: 'regional', amountKopecks: 150n };
    const extra: BudgetLine = { year: 2017, category: 'a', source: 'extra-budgetary', amountKopecks: 150n };
    expect(cofinancingLinesFor([extra, regional], 101n)).toEqual([
      { ...regional, amountKopecks: 51n },
      { ...extra, amountKopecks: 50n },
    ]);
  });
});

describe('cofinancingFor', () => {
  it('keeps the co-financing of an uncut bid as planned', () => {
    expect(cofinancingFor(800n, 200n, 800n, 2000)).toBe(200n);
  });

  it('cuts co-financing in proportion, rounded up, so the bid keeps at least its own share', () => {
    // 251 × 499 / 1000 = 125.249 → 126; the 20 % minimum for 499 would need only ⌈2000 × 499 / 8000⌉ = 125.
    expect(cofinancingFor(1000n, 251n, 499n, 2000)).toBe(126n);
  });

  it('raises the co-financing of a bid already below the minimum towards it, but never above what was committed', () => {
    // 100 on 900 is 10 %; cut to 400 the proportional 45 would be 10 % too, the 20 % minimum needs ⌈2000 × 400 / 8000⌉ = 100.
    expect(cofinancingFor(900n, 100n, 400n, 2000)).toBe(100n);
    // Cut to 800, the minimum would need 200, more than the 100 committed: it stays at 100.
    expect(cofinancingFor(900n, 100n, 800n, 2000)).toBe(100n);
  });

  it('never lets the share of a bid that met the minimum fall below it when cut (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 9999 }),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        (requested, extra, minBasisPoints, cut) => {
          const minimum = (BigInt(minBasisPoints) * requested + BigInt(9999 - minBasisPoints)) / BigInt(10_000 - minBasisPoints);
          const cofinancing = minimum + extra;
          const funded = (requested * cut) / 10n ** 6n;
          const result = cofinancingFor(requested, cofinancing, funded, minBasisPoints);
          expect(result <= cofinancing).toBe(true);
          expect(result * 10_000n >= BigInt(minBasisPoints) * (funded + result)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
