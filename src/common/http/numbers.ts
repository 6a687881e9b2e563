import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A finite JSON number with at most two decimals (scores, scales, thresholds are kept as hundredths).
 * Replaces class-validator's `IsNumber({ maxDecimalPlaces })`, which reads the decimals from `String(value)` and
 * throws a TypeError — a 500 — on numbers JavaScript prints in exponent form, such as 1e-7 or 5e-324.
 */
export function IsHundredths(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isNumber',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a number with at most two decimals`, ...options },
      validator: {
        // Round-trips through whole hundredths: 3.5 and 1.15 do, 1e-7 and 0.1 + 0.2 do not.
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.round(value * 100) / 100 === value,
      },
    });
}
