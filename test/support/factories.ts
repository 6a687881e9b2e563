import { randomInt } from 'node:crypto';

/** A random, checksum-valid 10-digit organisation INN (unique enough for one test database). */
export function anInn(): string {
  const digits = Array.from({ length: 9 }, () => randomInt(10));
  const weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const check = (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11) % 10;
  return digits.join('') + check;
}

export function anOgrn(): string {
  const body = '1' + Array.from({ length: 11 }, () => randomInt(10)).join('');
  return body + String(Number((BigInt(body) % 11n) % 10n));
}

export function aCluster(overrides: Record<string, unknown> = {}) {
  return {
    nameRu: 'Фармацевтика, медицинская техника и информационные технологии Томской области',
    nameEn: 'Pharmaceuticals, medical technology and IT of Tomsk region',
    regionCode: 'RU-TOM',
    timeZone: 'Asia/Tomsk',
    organisationName: 'Специализированная организация кластера (тест)',
    organisationInn: anInn(),
    organisationOgrn: anOgrn(),
    memberCount: 246,
    industries: ['pharmaceuticals', 'IT'],
    ...overrides,
  };
}

let programmeSequence = 0;

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** A complete, valid programme that can be opened at once: window from yesterday to a month ahead. */
export function aProgramme(overrides: Record<string, unknown> = {}) {
  return {
    code: `TEST-${Date.now().toString(36).toUpperCase()}-${++programmeSequence}`,
    titleRu: 'Поддержка перехода кластеров к модели 2.0',
    titleEn: 'Support for the transition of clusters to the 2.0 model',
    opensAt: inDays(-1),
    closesAt: inDays(30),
    budgetKopecks: '250000000000',
    fundingYears: [2027, 2028],
    maxFederalPerBidKopecks: '20000000000',
    maxFederalPerClusterKopecks: '25000000000',
    minCofinancingBasisPoints: 3000,
    criteria: [
      {
        code: 'quality',
        titleRu: 'Качество программы',
        titleEn: 'Programme quality',
        weight: 60,
        scaleMin: 0,
        scaleMax: 5,
        scaleStep: 0.5,
        minScore: 1,
      },
      { code: 'cofinancing', titleRu: 'Софинансирование', titleEn: 'Co-financing', weight: 40, scaleMin: 0, scaleMax: 5, scaleStep: 0.5 },
    ],
    eligibilityChecklist: [
      { code: 'so', textRu: 'Заявитель — специализированная организация', textEn: 'Filed by the specialised organisation' },
    ],
    disagreementThreshold: 2,
    ...overrides,
  };
}
