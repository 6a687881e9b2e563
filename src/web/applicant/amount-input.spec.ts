import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { formatRoubles, MAX_KOPECKS } from '../../common/money/kopecks';
import { AMOUNT_PARSER_JS } from '../assets/budget-script';
import { type AmountParse, formatAmountInput, formatShare, parseRoubleAmount } from './amount-input';

/** The browser's copy of the parser, run as the page runs it. */
const browserParse = runInNewContext(`${AMOUNT_PARSER_JS}; parseAmount`) as (typed: string) => AmountParse;
/** The browser's answers come from another realm: compared as plain text. */
const plain = (result: AmountParse) => ('kopecks' in result ? `kopecks:${result.kopecks}` : `error:${result.error}`);

describe('amounts typed in roubles', () => {
  const cases: [string, bigint | string][] = [
    ['1 234 567,89', 123456789n],
    ['1234567.89', 123456789n],
    ['1234567,89', 123456789n],
    ['1,234,567.89', 123456789n],
    ['1.234.567,89', 123456789n],
    ['1\u00a0234\u202f567,89 ₽', 123456789n],
    ['RUB 1,234,567.89', 123456789n],
    ['1 234 567 руб.', 123456700n],
    ['1,234,567', 123456700n],
    ['12,5', 1250n],
    ['0,01', 1n],
    ['0', 0n],
    ['007', 700n],
    // 0.1 + 0.2 and friends: exact, as no float is ever involved
    ['0,29', 29n],
    ['9 999 999 999 999,99', 999999999999999n],
    ['10000000000000', MAX_KOPECKS],
    ['10000000000000,01', 'tooLarge'],
    ['123456789012345678901234567890', 'tooLarge'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['₽', 'empty'],
    ['-5', 'negative'],
    ['\u22125', 'negative'],
    ['1,234', 'decimals'],
    ['1.234', 'decimals'],
    ['1,2345', 'format'],
    ['1,234,56', 'format'],
    ['12.34.56', 'format'],
    ['1,234.567,89', 'format'],
    ['1.2,3', 'format'],
    ['12.', 'format'],
    ['.5', 'format'],
    ['1e5', 'format'],
    ['12 abc', 'format'],
    ['0x10', 'format'],
  ];

  it.each(cases)('%j → %s', (typed, expected) => {
    const answer = typeof expected === 'bigint' ? { kopecks: expected } : { error: expected };
    expect(parseRoubleAmount(typed)).toEqual(answer);
    expect(plain(browserParse(typed))).toBe(plain(answer as AmountParse));
  });

  it('reads back exactly what the editor and the pages show, in both languages', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_KOPECKS }), (kopecks) => {
        for (const language of ['ru', 'en'] as const) {
          expect(parseRoubleAmount(formatAmountInput(kopecks, language))).toEqual({ kopecks });
          expect(parseRoubleAmount(formatRoubles(kopecks, language))).toEqual({ kopecks });
        }
      }),
    );
  });

  it('gives the same answer in the browser as on the server, whatever is typed', () => {
    const typed = fc.string({
      unit: fc.constantFrom(...'0123456789', ',', '.', ' ', '\u00a0', '-', '₽', 'R', 'U', 'B', 'e'),
      maxLength: 24,
    });
    fc.assert(
      fc.property(typed, (text) => expect(plain(browserParse(text))).toBe(plain(parseRoubleAmount(text)))),
      { numRuns: 2000 },
    );
  });

  it('shows shares cut to hundredths of a percent', () => {
    expect(formatShare(2999n, 'ru')).toBe('29,99\u00a0%');
    expect(formatShare(3000n, 'en')).toBe('30.00%');
    expect(formatShare(5n, 'en')).toBe('0.05%');
  });
});
