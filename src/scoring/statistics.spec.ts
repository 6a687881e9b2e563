import fc from 'fast-check';
import { mean, median, roundTo4, trimCount, trimmedMean } from './statistics';

describe('roundTo4', () => {
  it('rounds what the decimal says, not its binary neighbour', () => {
    // 1.00005 is stored as 1.0000499999999999…; the decimal is a half and rounds up.
    expect(roundTo4(1.00005)).toBe(1.0001);
    expect(roundTo4(0.1 + 0.2)).toBe(0.3);
    expect(roundTo4(1.23454999)).toBe(1.2345);
  });

  it('rounds halves away from zero and never returns −0', () => {
    expect(roundTo4(-1.00005)).toBe(-1.0001);
    expect(Object.is(roundTo4(-0.00001), 0)).toBe(true);
  });
});

describe('mean', () => {
  it('averages and rounds to 4 decimals', () => {
    expect(mean([1, 2, 4])).toBe(2.3333);
    expect(mean([0, 0, 2])).toBe(0.6667);
    expect(mean([3.5, 4, 4.5])).toBe(4);
  });

  it('is exact where float addition is not', () => {
    // (0.1 + 0.2) / 2 is 0.15000000000000002 in floats.
    expect(mean([0.1, 0.2])).toBe(0.15);
    expect(mean([0.0001, 0.0002])).toBe(0.0002);
    expect(mean([-0.0001, -0.0002])).toBe(-0.0002);
  });

  it('refuses an empty list', () => {
    expect(() => mean([])).toThrow(RangeError);
  });
});

describe('median', () => {
  it('takes the middle value of an odd count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4.5])).toBe(4.5);
  });

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([3.5, 4])).toBe(3.75);
  });
});

describe('trimmedMean', () => {
  const five = [10, 1, 4, 2, 3];
  const ten = [5, 0, 2.5, 0.5, 4, 1, 3, 5, 2, 3.5];

  it('cuts nothing from 5 values at 10% (floor(0.5) = 0)', () => {
    expect(trimmedMean(five, 1000)).toBe(4);
  });

  it('cuts one value from each end of 5 values at 20%', () => {
    expect(trimmedMean(five, 2000)).toBe(3); // mean of 2, 3, 4
  });

  it('cuts one from each end of 10 values at 10% and two at 20%', () => {
    expect(mean(ten)).toBe(2.65);
    expect(trimmedMean(ten, 1000)).toBe(2.6875); // 21.5 / 8
    expect(trimmedMean(ten, 2000)).toBe(2.6667); // 16 / 6
  });

  it('never cuts every value', () => {
    expect(trimCount(3, 6000)).toBe(1);
    expect(trimCount(4, 9000)).toBe(1);
    expect(trimCount(1, 4999)).toBe(0);
    expect(trimmedMean([1, 2, 3, 4], 9000)).toBe(2.5);
    expect(trimmedMean([7], 4999)).toBe(7);
  });

  it('refuses a negative or fractional share', () => {
    expect(() => trimmedMean([1, 2], -1)).toThrow(RangeError);
    expect(() => trimmedMean([1, 2], 10.5)).toThrow(RangeError);
  });
});

describe('averages (properties)', () => {
  // Scores in hundredths between −10 and 10, as on any scale the programme rules allow.
  const values = fc.array(
    fc.integer({ min: -1000, max: 1000 }).map((hundredths) => hundredths / 100),
    { minLength: 1, maxLength: 25 },
  );
  const trim = fc.integer({ min: 0, max: 4999 });
  const averages = (list: number[], bp: number) => [mean(list), median(list), trimmedMean(list, bp)];

  it('lie within the smallest and largest value', () => {
    fc.assert(
      fc.property(values, trim, (list, bp) =>
        averages(list, bp).every((average) => average >= Math.min(...list) && average <= Math.max(...list)),
      ),
      { numRuns: 200 },
    );
  });

  it('do not depend on the order of the values', () => {
    const permuted = values.chain((list) =>
      fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length })),
    );
    fc.assert(
      fc.property(permuted, trim, ([list, shuffled], bp) => {
        expect(averages(shuffled, bp)).toEqual(averages(list, bp));
      }),
      { numRuns: 200 },
    );
  });

  it('give the mean to within half a unit of the 4th decimal', () => {
    fc.assert(
      fc.property(values, (list) => {
        const exact = list.reduce((sum, value) => sum + value, 0) / list.length;
        expect(Math.abs(mean(list) - exact)).toBeLessThanOrEqual(0.00005 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});
