import type { Language } from '../common/pdf/format';
import { toUnits } from '../scoring/statistics';

/** Decimals `value` needs at 4-decimal precision: 0 for 60, 1 for 3.5, 4 for 78.4567. */
export function scoreDecimals(value: number): number {
  const units = Math.abs(toUnits(value)) % 10_000;
  if (units === 0) return 0;
  return 4 - /0*$/.exec(String(units).padStart(4, '0'))![0].length;
}

/**
 * `78,4567` / `78.4567`: a score as given, up to four decimals, without trailing zeros unless `decimals` asks for
 * them (a column of scores shows all with as many decimals as its most precise one needs, so they line up).
 * Worked in integer 0.0001 units, so no binary noise can show.
 */
export function formatScore(value: number, language: Language, decimals = scoreDecimals(value)): string {
  const units = toUnits(value);
  const shown = Math.min(4, Math.max(decimals, scoreDecimals(value)));
  const whole = Math.floor(Math.abs(units) / 10_000);
  const fraction = String(Math.abs(units) % 10_000)
    .padStart(4, '0')
    .slice(0, shown);
  const text = `${units < 0 ? '-' : ''}${whole}${shown ? `.${fraction}` : ''}`;
  return language === 'ru' ? text.replace('.', ',') : text;
}

/** Each score with the decimals the most precise of them needs; null as `empty`. */
export function formatScoreColumn(values: (number | null)[], language: Language, empty: string): string[] {
  const decimals = Math.max(0, ...values.map((value) => (value === null ? 0 : scoreDecimals(value))));
  return values.map((value) => (value === null ? empty : formatScore(value, language, decimals)));
}
