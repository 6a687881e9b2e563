import { isValidInn, isValidOgrn } from './russian-ids';

describe('INN and OGRN checksums', () => {
  it('accepts real-format numbers with correct check digits', () => {
    expect(isValidInn('7707083893')).toBe(true); // a well-known organisation INN
    expect(isValidInn('500100732259')).toBe(true); // a well-known 12-digit INN
    expect(isValidOgrn('1027700132195')).toBe(true);
    expect(isValidOgrn('304500116000157')).toBe(true);
  });

  it('rejects a wrong check digit, wrong length and non-digits', () => {
    expect(isValidInn('7707083894')).toBe(false);
    expect(isValidInn('500100732258')).toBe(false);
    expect(isValidInn('770708389')).toBe(false);
    expect(isValidInn('77070838 3')).toBe(false);
    expect(isValidInn(7707083893)).toBe(false);
    expect(isValidOgrn('1027700132194')).toBe(false);
    expect(isValidOgrn('304500116000158')).toBe(false);
    expect(isValidOgrn('10277001321')).toBe(false);
  });
});
