/** Made-up but checksum-valid INN and OGRN for demo organisations (they belong to no real company). */
export function demoInn(nineDigits: string): string {
  const digits = [...nineDigits].map(Number);
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
  return nineDigits + check;
}

export function demoOgrn(twelveDigits: string): string {
  return twelveDigits + String(Number((BigInt(twelveDigits) % 11n) % 10n));
}
