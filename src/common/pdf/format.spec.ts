import { formatBoth, formatBytes, formatInstant, formatIsoInZone, formatUtcOffset } from './format';

// The 2016 "cluster 2.0" call closed on 26 September 2016, 23:59:59 Moscow time.
const deadline = new Date('2016-09-26T20:59:59Z');

describe('formatInstant', () => {
  it.each([
    ['Europe/Moscow', 'ru', '26.09.2016 23:59:59 (МСК)'],
    ['Europe/Moscow', 'en', '26 Sep 2016, 23:59:59 Moscow time'],
    ['Asia/Tomsk', 'ru', '27.09.2016 03:59:59 (Asia/Tomsk, UTC+7)'],
    ['Asia/Tomsk', 'en', '27 Sep 2016, 03:59:59 Asia/Tomsk (UTC+7)'],
    ['Europe/Kaliningrad', 'ru', '26.09.2016 22:59:59 (Europe/Kaliningrad, UTC+2)'],
    ['Europe/Kaliningrad', 'en', '26 Sep 2016, 22:59:59 Europe/Kaliningrad (UTC+2)'],
    ['Asia/Kamchatka', 'ru', '27.09.2016 08:59:59 (Asia/Kamchatka, UTC+12)'],
    ['Asia/Kamchatka', 'en', '27 Sep 2016, 08:59:59 Asia/Kamchatka (UTC+12)'],
    ['Asia/Vladivostok', 'ru', '27.09.2016 06:59:59 (Asia/Vladivostok, UTC+10)'],
    ['Europe/Samara', 'en', '27 Sep 2016, 00:59:59 Europe/Samara (UTC+4)'],
  ] as const)('%s in %s', (zone, language, expected) => {
    expect(formatInstant(deadline, zone, language)).toBe(expected);
  });

  it('uses the offset in force at that instant, not today', () => {
    // Tomsk moved from UTC+6 to UTC+7 on 29 May 2016; Moscow was UTC+4 from 2011 to 2014.
    expect(formatInstant(new Date('2016-01-15T12:00:00Z'), 'Asia/Tomsk', 'ru')).toBe('15.01.2016 18:00:00 (Asia/Tomsk, UTC+6)');
    expect(formatInstant(new Date('2013-01-15T12:00:00Z'), 'Europe/Moscow', 'ru')).toBe('15.01.2013 16:00:00 (МСК)');
  });

  it('pads single-digit days and months, keeps midnight as 00 and drops milliseconds', () => {
    const instant = new Date('2025-01-04T21:00:00.999Z');
    expect(formatInstant(instant, 'Europe/Moscow', 'ru')).toBe('05.01.2025 00:00:00 (МСК)');
    expect(formatInstant(instant, 'Europe/Moscow', 'en')).toBe('5 Jan 2025, 00:00:00 Moscow time');
  });

  it('shows non-Russian and fractional offsets', () => {
    expect(formatInstant(deadline, 'UTC', 'en')).toBe('26 Sep 2016, 20:59:59 UTC (UTC+0)');
    expect(formatInstant(deadline, 'Asia/Kolkata', 'en')).toBe('27 Sep 2016, 02:29:59 Asia/Kolkata (UTC+5:30)');
    expect(formatInstant(deadline, 'America/New_York', 'ru')).toBe('26.09.2016 16:59:59 (America/New_York, UTC-4)');
  });

  it('recognises Moscow by any of its names and names other zones as given', () => {
    expect(formatInstant(deadline, 'W-SU', 'ru')).toBe('26.09.2016 23:59:59 (МСК)');
    expect(formatBoth(deadline, 'W-SU', 'en')).toBe('26 Sep 2016, 23:59:59 Moscow time');
    expect(formatInstant(deadline, 'Asia/Calcutta', 'en')).toBe('27 Sep 2016, 02:29:59 Asia/Calcutta (UTC+5:30)');
  });

  it('rejects an unknown zone and an invalid date', () => {
    expect(() => formatInstant(deadline, 'Mars/Olympus', 'ru')).toThrow(RangeError);
    expect(() => formatInstant(new Date('nonsense'), 'Europe/Moscow', 'ru')).toThrow(RangeError);
  });
});

describe('formatBoth', () => {
  it('gives Moscow time, then the cluster time', () => {
    expect(formatBoth(deadline, 'Asia/Tomsk', 'ru')).toBe('26.09.2016 23:59:59 (МСК); 27.09.2016 03:59:59 (Asia/Tomsk, UTC+7)');
    expect(formatBoth(deadline, 'Asia/Kamchatka', 'en')).toBe(
      '26 Sep 2016, 23:59:59 Moscow time; 27 Sep 2016, 08:59:59 Asia/Kamchatka (UTC+12)',
    );
    expect(formatBoth(deadline, 'Europe/Kaliningrad', 'ru', '\n')).toBe(
      '26.09.2016 23:59:59 (МСК)\n26.09.2016 22:59:59 (Europe/Kaliningrad, UTC+2)',
    );
  });

  it('gives Moscow time once for a cluster in Moscow time', () => {
    expect(formatBoth(deadline, 'Europe/Moscow', 'ru')).toBe('26.09.2016 23:59:59 (МСК)');
  });
});

describe('formatIsoInZone', () => {
  it('writes ISO 8601 with the zone offset', () => {
    expect(formatIsoInZone(deadline, 'Europe/Moscow')).toBe('2016-09-26T23:59:59+03:00');
    expect(formatIsoInZone(deadline, 'Asia/Kamchatka')).toBe('2016-09-27T08:59:59+12:00');
    expect(formatIsoInZone(deadline, 'America/St_Johns')).toBe('2016-09-26T18:29:59-02:30');
  });
});

describe('formatUtcOffset', () => {
  it.each([
    [0, 'UTC+0'],
    [180, 'UTC+3'],
    [330, 'UTC+5:30'],
    [-150, 'UTC-2:30'],
    [720, 'UTC+12'],
  ])('%i minutes → %s', (minutes, expected) => expect(formatUtcOffset(minutes)).toBe(expected));
});

describe('formatBytes', () => {
  it.each([
    [980, 'ru', '980 байт'],
    [312_004, 'ru', '312,0 КБ (312 004 байт)'],
    [4_718_592, 'ru', '4,7 МБ (4 718 592 байт)'],
    [4_718_592, 'en', '4.7 MB (4,718,592 bytes)'],
    [999_960, 'en', '1.0 MB (999,960 bytes)'],
  ] as const)('%i bytes in %s', (size, language, expected) => expect(formatBytes(size, language)).toBe(expected));
});
