/**
 * Averages for aggregating reviewer scores, computed so that the same multiset of values always gives the very
 * same number, whatever its order: values are converted to integer units of 0.0001 (the precision every result is
 * reported in), summed as integers, and rounded once at the end. Tied bids therefore compare equal when ranked.
 */

/** Units per scale point: results are reported to 4 decimals. */
const UNITS_PER_POINT = 10_000;

/**
 * Drops binary noise below 15 significant digits, so that 1.0005 × 10⁴ (10004.999999999998 in binary) counts as
 * the 10005 it stands for before rounding.
 */
const withoutBinaryNoise = (value: number) => Number(value.toPrecision(15));

/**
 * Rounds halves away from zero, so that rounding is symmetric on scales that go below zero (Math.round alone
 * rounds −2.5 to −2 but 2.5 to 3). `|| 0` turns −0 into 0, so a result never prints as "-0".
 */
export const roundHalfAwayFromZero = (value: number) => Math.sign(value) * Math.round(Math.abs(value)) || 0;

/**
 * A value as a whole number of 0.0001 units. Scores are mostly whole units already (3.5 → 35000): those within
 * 10⁻⁶ of an integer skip the decimal round trip, which no half-way value can be that close to.
 */
export function toUnits(value: number): number {
  const scaled = value * UNITS_PER_POINT;
  const nearest = Math.round(scaled);
  if (Math.abs(scaled - nearest) < 1e-6) return nearest || 0;
  return roundHalfAwayFromZero(withoutBinaryNoise(scaled));
}

/** A whole number of 0.0001 units as a value: one division, so the result is the double nearest the decimal. */
export const fromUnits = (units: number) => units / UNITS_PER_POINT;

/** Rounds to 4 decimals, the precision of every aggregated score and weighted total. */
export const roundTo4 = (value: number) => fromUnits(toUnits(value));

function sortedUnits(values: number[]): number[] {
  if (!values.length) throw new RangeError('cannot average an empty list of values');
  if (values.some((value) => !Number.isFinite(value))) throw new RangeError('values must be finite numbers');
  return values.map(toUnits).sort((a, b) => a - b);
}

/** Mean of integer units, rounded once: the integer sum does not depend on the order of the values. */
const meanOfUnits = (units: number[]) => fromUnits(roundHalfAwayFromZero(units.reduce((sum, unit) => sum + unit, 0) / units.length));

/** Arithmetic mean, to 4 decimals. Inputs are taken at 4 decimals. Throws on an empty list. */
export function mean(values: number[]): number {
  return meanOfUnits(sortedUnits(values));
}

/** Median, to 4 decimals: the middle value, or the average of the two middle values for an even count. */
export function median(values: number[]): number {
  const units = sortedUnits(values);
  const middle = Math.floor(units.length / 2);
  if (units.length % 2 === 1) return fromUnits(units[middle]);
  return fromUnits(roundHalfAwayFromZero((units[middle - 1] + units[middle]) / 2));
}

/**
 * How many values to cut from each end: floor(n × share) with the share in basis points. The cap keeps at least one
 * value even if a share of 50% or more slips through (the programme rules forbid it), rather than averaging nothing.
 */
export function trimCount(count: number, trimBasisPoints: number): number {
  if (!Number.isInteger(trimBasisPoints) || trimBasisPoints < 0) throw new RangeError('trimBasisPoints must be a whole number ≥ 0');
  return Math.min(Math.floor((count * trimBasisPoints) / 10_000), Math.floor((count - 1) / 2));
}

/** Mean after cutting floor(n × trimBasisPoints / 10000) of the lowest and as many of the highest values. */
export function trimmedMean(values: number[], trimBasisPoints: number): number {
  const units = sortedUnits(values);
  const cut = trimCount(units.length, trimBasisPoints);
  return meanOfUnits(units.slice(cut, units.length - cut));
}
