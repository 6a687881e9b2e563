import { MAX_KOPECKS } from '../../common/money/kopecks';
import type { Language } from '../i18n/dictionary';

/** Why a typed amount was not taken. */
export type AmountError = 'empty' | 'format' | 'decimals' | 'negative' | 'tooLarge';

export type AmountParse = { kopecks: bigint } | { error: AmountError };

/** Blanks people and spreadsheets put between digit groups: spaces, no-break, narrow no-break, thin, figure spaces. */
const BLANKS = /[\s\u00a0\u2007\u2009\u202f]/g;
/** The currency as the pages write it (`1 234,00 ₽`, `RUB 1,234.00`) or people type it. */
const CURRENCY = /^(?:RUB)?(.*?)(?:₽|руб\.?|р\.|RUB)?$/i;

/**
 * An amount in roubles as a person types it, converted exactly to kopecks: never through a float. Takes
 * `1 234 567,89`, `1234567.89`, `1,234,567.89`, `1.234.567,89`, with or without ₽. A decimal separator may be
 * followed by one or two digits (kopecks); a single separator followed by three digits (`1,234`) is refused as
 * ambiguous rather than guessed, since either reading would put a wrong sum into a bid.
 *
 * The browser's copy of this rule is AMOUNT_PARSER_JS (assets/budget-script.ts); amount-input.spec.ts holds both to
 * the same answers.
 */
export function parseRoubleAmount(typed: string): AmountParse {
  const text = (CURRENCY.exec(typed.replace(BLANKS, '')) ?? ['', ''])[1];
  if (text === '') return { error: 'empty' };
  if (/^[-\u2212]/.test(text)) return { error: 'negative' };
  if (!/^\d[\d.,]*$/.test(text) || !/\d$/.test(text)) return { error: 'format' };
  const commas = text.split(',').length - 1;
  const dots = text.split('.').length - 1;
  let decimal: ',' | '.' | null = null;
  if (commas > 0 && dots > 0) decimal = text.lastIndexOf(',') > text.lastIndexOf('.') ? ',' : '.';
  else if (commas === 1 || dots === 1) decimal = commas === 1 ? ',' : '.';
  let integer = text;
  let fraction = '';
  if (decimal !== null) {
    const at = text.lastIndexOf(decimal);
    integer = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (fraction.includes(decimal === ',' ? '.' : ',') || integer.includes(decimal)) return { error: 'format' };
    if (fraction.length > 2) return { error: commas + dots === 1 && fraction.length === 3 ? 'decimals' : 'format' };
  }
  const grouping = /[.,]/.exec(integer)?.[0];
  if (grouping !== undefined && !new RegExp(`^\\d{1,3}(\\${grouping}\\d{3})+$`).test(integer)) return { error: 'format' };
  const digits = integer.replace(/[.,]/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 17) return { error: 'tooLarge' };
  const kopecks = BigInt(digits) * 100n + BigInt(fraction.padEnd(2, '0'));
  return kopecks > MAX_KOPECKS ? { error: 'tooLarge' } : { kopecks };
}

const group = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/** Kopecks as an amount field shows them: `1 234 567,89` (ru) or `1,234,567.89` (en); parseRoubleAmount reads both back. */
export function formatAmountInput(kopecks: bigint | string, language: Language): string {
  const value = BigInt(kopecks);
  const roubles = (value / 100n).toString();
  const cents = (value % 100n).toString().padStart(2, '0');
  return language === 'ru' ? `${group(roubles, ' ')},${cents}` : `${group(roubles, ',')}.${cents}`;
}

/** A share in basis points as a percentage with two decimals, cut (not rounded) as the submit rule words it: `29,99 %`. */
export function formatShare(basisPoints: bigint, language: Language): string {
  const whole = (basisPoints / 100n).toString();
  const hundredths = (basisPoints % 100n).toString().padStart(2, '0');
  return language === 'ru' ? `${whole},${hundredths}\u00a0%` : `${whole}.${hundredths}%`;
}
