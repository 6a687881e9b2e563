import { formatRoubles, parseKopecks } from './kopecks';

describe('money', () => {
  it('formats kopecks the Russian and the English way, exactly', () => {
    expect(formatRoubles(19_750_000_000n, 'ru')).toBe('197 500 000,00 ₽');
    expect(formatRoubles('19750000000', 'en')).toBe('RUB 197,500,000.00');
    expect(formatRoubles(123456789n, 'ru')).toBe('1 234 567,89 ₽');
    expect(formatRoubles(5n, 'en')).toBe('RUB 0.05');
    expect(formatRoubles(-100n, 'ru')).toBe('-1,00 ₽');
  });

  it('parses integers and integer strings only, never through a float', () => {
    expect(parseKopecks('250000000000')).toBe(250_000_000_000n);
    expect(parseKopecks(42)).toBe(42n);
    expect(parseKopecks('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(parseKopecks(1.5)).toBeNull();
    expect(parseKopecks('1.5')).toBeNull();
    expect(parseKopecks(2 ** 60)).toBeNull();
    expect(parseKopecks('1e6')).toBeNull();
    expect(parseKopecks(null)).toBeNull();
  });
});
