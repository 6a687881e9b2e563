/**
 * Exact splits of a bid's money when it is funded below its request. Everything is bigint kopecks: a part is never a
 * float, and the parts always add up to the whole to the kopeck.
 */

export type FundingSource = 'federal' | 'regional' | 'extra-budgetary';

export interface BudgetLine {
  year: number;
  category: string;
  source: FundingSource;
  amountKopecks: bigint;
}

const SOURCE_ORDER: Record<FundingSource, number> = { federal: 0, regional: 1, 'extra-budgetary': 2 };

/** (year, category, source): the order lines are listed in and the order rounding kopecks are handed out in. */
export function byYearCategorySource(a: BudgetLine, b: BudgetLine): number {
  if (a.year !== b.year) return a.year - b.year;
  if (a.category !== b.category) return a.category < b.category ? -1 : 1;
  return SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source];
}

export const sumKopecks = (amounts: Iterable<bigint>) => {
  let sum = 0n;
  for (const amount of amounts) sum += amount;
  return sum;
};

export const minKopecks = (a: bigint, b: bigint) => (a < b ? a : b);
export const maxKopecks = (a: bigint, b: bigint) => (a > b ? a : b);

/** ⌈a / b⌉ for a ≥ 0, b > 0. */
export const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * Splits `total` in proportion to `weights` by largest remainder: every part gets ⌊w × total / Σw⌋, and the kopecks
 * left over go one each to the parts with the largest remainders, the earlier index first on equal remainders. The
 * parts add up to `total` exactly, and each is the floor or the ceiling of its exact share, so with total ≤ Σw no part
 * exceeds its weight (a part whose share is whole never gets an extra kopeck: fewer kopecks are left over than there
 * are parts with a fractional share).
 */
export function largestRemainderSplit(weights: readonly bigint[], total: bigint): bigint[] {
  if (total < 0n || weights.some((weight) => weight < 0n)) throw new RangeError('cannot split negative amounts');
  const weightSum = sumKopecks(weights);
  if (weightSum === 0n) {
    if (total === 0n) return weights.map(() => 0n);
    throw new RangeError(`cannot split ${total} kopecks in proportion to weights that add up to zero`);
  }
  const parts = weights.map((weight) => (weight * total) / weightSum);
  const remainders = weights.map((weight) => (weight * total) % weightSum);
  const leftOver = Number(total - sumKopecks(parts));
  const byRemainder = weights
    .map((_, index) => index)
    .sort((i, j) => (remainders[i] === remainders[j] ? i - j : remainders[i] > remainders[j] ? -1 : 1));
  for (const index of byRemainder.slice(0, leftOver)) parts[index] += 1n;
  return parts;
}

/** Total per year, years ascending. */
export function yearTotals(lines: readonly BudgetLine[]): Map<number, bigint> {
  const totals = new Map<number, bigint>();
  for (const line of [...lines].sort(byYearCategorySource)) totals.set(line.year, (totals.get(line.year) ?? 0n) + line.amountKopecks);
  return totals;
}

/** `amount` split across years in proportion to `weights` (largest remainder, the earlier year first on ties). */
export function splitAcrossYears(weights: ReadonlyMap<number, bigint>, amount: bigint): Map<number, bigint> {
  const years = [...weights.keys()].sort((a, b) => a - b);
  const weightsInOrder = years.map((year) => weights.get(year)!);
  const parts = largestRemainderSplit(weightsInOrder, amount);
  return new Map(years.map((year, index) => [year, parts[index]]));
}

/**
 * The federal lines for a funded amount already split by year: each year's amount is split across that year's lines
 * in proportion to the requested amounts (largest remainder, category order on ties).
 *
 * The split goes by year first, not straight across all lines, because the per-year budgets are limits too: a flat
 * split could hand several rounding kopecks to one year and push it past a budget that holds its exact share.
 * Splitting by year first keeps every year at the floor or ceiling of its exact share.
 */
export function federalLinesFor(federalLines: readonly BudgetLine[], yearAmounts: ReadonlyMap<number, bigint>): BudgetLine[] {
  const sorted = [...federalLines].sort(byYearCategorySource);
  return [...yearAmounts].flatMap(([year, amount]) => {
    const ofYear = sorted.filter((line) => line.year === year);
    const weightsInOrder = ofYear.map((line) => line.amountKopecks);
    const parts = largestRemainderSplit(weightsInOrder, amount);
    return ofYear.map((line, index) => ({ ...line, amountKopecks: parts[index] }));
  });
}

/**
 * The co-financing (regional + extra-budgetary) that goes with a federal amount cut from `requestedFederal` to
 * `fundedFederal`. The rule:
 *
 *   cofinancing' = min(C, max(⌈C × F' / F⌉, ⌈m × F' / (10000 − m)⌉))
 *
 * with C the requested co-financing, F and F' the requested and funded federal amounts and m the programme's minimum
 * share in basis points. Co-financing falls in proportion with the federal money, rounded UP, so the bid's share
 * C' / (F' + C') never drops below its own requested share (C' / F' ≥ C / F), hence never below the programme minimum
 * for a bid that met it when submitted. The second term is the least co-financing that meets the minimum share for F';
 * it only matters for a bid that was below the minimum already, and never raises co-financing above what the applicant
 * committed (C). An uncut bid keeps its co-financing as planned.
 */
export function cofinancingFor(requestedFederal: bigint, cofinancing: bigint, fundedFederal: bigint, minBasisPoints: number): bigint {
  if (fundedFederal === requestedFederal) return cofinancing;
  const proportional = ceilDiv(cofinancing * fundedFederal, requestedFederal);
  const minimum = minBasisPoints >= 10_000 ? cofinancing : ceilDiv(BigInt(minBasisPoints) * fundedFederal, BigInt(10_000 - minBasisPoints));
  return minKopecks(cofinancing, maxKopecks(proportional, minimum));
}

/** The co-financing lines for an amount: split across all of them in proportion (largest remainder, line order on ties). */
export function cofinancingLinesFor(cofinancingLines: readonly BudgetLine[], amount: bigint): BudgetLine[] {
  const sorted = [...cofinancingLines].sort(byYearCategorySource);
  const weightsInOrder = sorted.map((line) => line.amountKopecks);
  const parts = largestRemainderSplit(weightsInOrder, amount);
  return sorted.map((line, index) => ({ ...line, amountKopecks: parts[index] }));
}
