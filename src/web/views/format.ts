import { formatInstant, MOSCOW_TIME_ZONE, wallClock } from '../../common/pdf/format';
import type { Dictionary, Language } from '../i18n/dictionary';

export { formatRoubles } from '../../common/money/kopecks';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** `3,6` / `3.6`: scores, weights and scales, at most `maxDigits` decimals. */
export function formatNumber(value: number, language: Language, minDigits = 0, maxDigits = 2): string {
  const key = `${language}:${minDigits}:${maxDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      minimumFractionDigits: minDigits,
      maximumFractionDigits: maxDigits,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Basis points as a percentage: 3000 → `30 %` (ru, with a no-break space) / `30%` (en). */
export function formatPercent(basisPoints: number, language: Language): string {
  const value = formatNumber(basisPoints / 100, language);
  return language === 'ru' ? `${value}\u00a0%` : `${value}%`;
}

export interface ShownInstant {
  iso: string;
  moscow: string;
  /** The same instant in the viewer's cluster zone; null when there is none or it is Moscow time. */
  local: string | null;
}

/** An instant as every screen shows it: Moscow time, plus the applicant's cluster zone when it differs. */
export function showInstant(date: Date, language: Language, clusterTimeZone: string | null): ShownInstant {
  const local =
    clusterTimeZone && wallClock(date, clusterTimeZone).canonicalTimeZone !== MOSCOW_TIME_ZONE
      ? formatInstant(date, clusterTimeZone, language)
      : null;
  return { iso: date.toISOString(), moscow: formatInstant(date, MOSCOW_TIME_ZONE, language), local };
}

/**
 * `12 дн. 03 ч 25 мин 10 с`: the server renders the same text that assets/site.js keeps up to date, so the page
 * reads right without JavaScript too.
 */
export function formatCountdown(milliseconds: number, t: Dictionary): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(total / 86400);
  const { d, h, m, s } = t.units;
  return `${days} ${d} ${pad(Math.floor(total / 3600) % 24)} ${h} ${pad(Math.floor(total / 60) % 60)} ${m} ${pad(total % 60)} ${s}`;
}
