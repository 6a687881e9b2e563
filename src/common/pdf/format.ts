export type Language = 'ru' | 'en';

export const MOSCOW_TIME_ZONE = 'Europe/Moscow';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The zone's offset from UTC at that instant, in minutes (Asia/Tomsk: 420). */
  offsetMinutes: number;
  /** ICU's canonical name for the zone: an alias such as `W-SU` resolves to `Europe/Moscow`. */
  canonicalTimeZone: string;
}

// Building an Intl.DateTimeFormat costs far more than using one; a process meets a handful of zones.
const formatters = new Map<string, { formatter: Intl.DateTimeFormat; canonical: string }>();

function formatterFor(timeZone: string): { formatter: Intl.DateTimeFormat; canonical: string } {
  let entry = formatters.get(timeZone);
  if (!entry) {
    // Throws a RangeError for an unknown zone, which is what a caller with bad data should get.
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    entry = { formatter, canonical: formatter.resolvedOptions().timeZone };
    formatters.set(timeZone, entry);
  }
  return entry;
}

/** The wall clock in `timeZone` at `date`, read from Intl (the ICU time zone data Node ships), seconds precision. */
export function wallClock(date: Date, timeZone: string): WallClock {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid date');
  const { formatter, canonical } = formatterFor(timeZone);
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year, month, day, hour, minute, second } = parts;
  const wholeSeconds = Math.floor(date.getTime() / 1000) * 1000;
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - wholeSeconds) / 60_000);
  return { year, month, day, hour, minute, second, offsetMinutes, canonicalTimeZone: canonical };
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

/** `UTC+7`, `UTC+5:30`, `UTC-3`, `UTC+0`. */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const minutes = absolute % 60;
  return `UTC${sign}${Math.floor(absolute / 60)}${minutes ? `:${pad(minutes)}` : ''}`;
}

/**
 * One instant as people in a zone read it:
 * ru `26.09.2016 23:59:59 (МСК)` / `27.09.2016 03:59:59 (Asia/Tomsk, UTC+7)`,
 * en `26 Sep 2016, 23:59:59 Moscow time` / `27 Sep 2016, 03:59:59 Asia/Tomsk (UTC+7)`.
 */
export function formatInstant(date: Date, timeZone: string, language: Language): string {
  const clock = wallClock(date, timeZone);
  const time = `${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`;
  const moscow = clock.canonicalTimeZone === MOSCOW_TIME_ZONE;
  const offset = formatUtcOffset(clock.offsetMinutes);
  // The zone is named as stored, not as ICU canonicalises it (which can be an older name: Asia/Kolkata → Asia/Calcutta).
  if (language === 'ru') {
    const day = `${pad(clock.day)}.${pad(clock.month)}.${pad(clock.year, 4)}`;
    return `${day} ${time} (${moscow ? 'МСК' : `${timeZone}, ${offset}`})`;
  }
  const day = `${clock.day} ${MONTHS_EN[clock.month - 1]} ${pad(clock.year, 4)}`;
  // The zone is named as stored, not as ICU canonicalises it (which can be an older name: Asia/Kolkata → Asia/Calcutta).
  return `${day}, ${time} ${moscow ? 'Moscow time' : `${timeZone} (${offset})`}`;
}

/**
 * Moscow time, then the cluster's own time, as every screen and PDF shows a deadline; just Moscow time when the
 * cluster is in Moscow's zone.
 */
export function formatBoth(date: Date, clusterTimeZone: string, language: Language, separator = '; '): string {
  const moscow = formatInstant(date, MOSCOW_TIME_ZONE, language);
  if (formatterFor(clusterTimeZone).canonical === MOSCOW_TIME_ZONE) return moscow;
  return `${moscow}${separator}${formatInstant(date, clusterTimeZone, language)}`;
}

/** ISO 8601 with the zone's offset, seconds precision: `2016-09-26T23:59:59+03:00`. */
export function formatIsoInZone(date: Date, timeZone: string): string {
  const clock = wallClock(date, timeZone);
  const sign = clock.offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(clock.offsetMinutes);
  return (
    `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}:` +
    `${pad(clock.second)}${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

const groupDigits = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/** `1,2 МБ (1 234 567 байт)` / `1.2 MB (1,234,567 bytes)`; decimal units, as file managers show them. */
export function formatBytes(sizeBytes: number, language: Language): string {
  const units = language === 'ru' ? ['байт', 'КБ', 'МБ', 'ГБ'] : ['bytes', 'KB', 'MB', 'GB'];
  const exact = `${groupDigits(String(sizeBytes), language === 'ru' ? ' ' : ',')} ${units[0]}`;
  let unit = 0;
  let value = sizeBytes;
  while (Math.round(value * 10) / 10 >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return exact;
  // File sizes, not money; tenths by integer arithmetic all the same.
  const tenths = Math.round(value * 10);
  const rounded = `${Math.floor(tenths / 10)}.${tenths % 10}`;
  return `${language === 'ru' ? rounded.replace('.', ',') : rounded} ${units[unit]} (${exact})`;
}
