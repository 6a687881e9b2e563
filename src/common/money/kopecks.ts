import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** 10 trillion roubles: far above any programme, far below bigint's range, so sums of many stay exact. */
export const MAX_KOPECKS = 1_000_000_000_000_000n;

/** Parses an API money value (integer or integer string, kopecks) without ever going through a float. */
export function parseKopecks(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : null;
  if (typeof value === 'string' && /^-?\d{1,19}$/.test(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  return null;
}

/**
 * Money at the edge: a non-negative whole number of kopecks, as a JSON integer or an integer string.
 * The value is normalised to a decimal string so it travels to Postgres `bigint` untouched.
 */
export function IsKopecks(options?: ValidationOptions & { allowZero?: boolean }) {
  return (target: object, propertyName: string) => {
    Transform(({ value }) => {
      const kopecks = parseKopecks(value);
      return kopecks === null ? value : kopecks.toString();
    })(target, propertyName);
    registerDecorator({
      name: 'isKopecks',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a whole, non-negative number of kopecks (integer or integer string, e.g. "19750000000")`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          const kopecks = parseKopecks(value);
          if (kopecks === null || kopecks < 0n || kopecks > MAX_KOPECKS) return false;
          return options?.allowZero === false ? kopecks > 0n : true;
        },
      },
    });
  };
}

export const kopecksToString = (value: bigint | string | null | undefined) =>
  value === null || value === undefined ? null : BigInt(value).toString();

const group = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/** `197 500 000,00 ₽` (Russian) or `RUB 197,500,000.00` (English). */
export function formatRoubles(kopecks: bigint | string, language: 'ru' | 'en'): string {
  const value = BigInt(kopecks);
  const sign = value < 0n ? '-' : '';
  const absolute = value < 0n ? -value : value;
  const roubles = (absolute / 100n).toString();
  const cents = (absolute % 100n).toString().padStart(2, '0');
  return language === 'ru' ? `${sign}${group(roubles, ' ')},${cents} ₽` : `${sign}RUB ${group(roubles, ',')}.${cents}`;
}
