import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentToBuffer } from '../common/pdf/fonts';
import { templatesDir } from '../common/pdf/templates';
import { formatScore, fundingTableRows, renderDecisionLetter } from './decision-letter.renderer';
import type { DecisionLetterData, DecisionOutcome, FundingSource, Language } from './decision.types';
import { qrRuns } from './qr';

const YEARS = [2014, 2015, 2016];
const CATEGORIES = [
  'specialised-organisation',
  'training-and-education',
  'joint-rnd',
  'exhibitions-and-promotion',
  'innovation-infrastructure',
];
const FUNDED: Record<FundingSource, bigint> = {
  federal: 19_750_000_000n, // 197.5 m roubles, Tomsk's federal subsidy in 2014
  regional: 5_925_000_017n,
  'extra-budgetary': 9_875_000_000n,
};

/** Each source's funded total spread over 3 years × 5 categories, to the kopeck. */
function fundedLines(): DecisionLetterData['lines'] {
  const yearShare = [30n, 33n, 37n];
  const categoryShare = [35n, 15n, 25n, 10n, 15n];
  const lines: DecisionLetterData['lines'] = [];
  for (const source of Object.keys(FUNDED) as FundingSource[]) {
    let left = FUNDED[source];
    YEARS.forEach((year, y) =>
      CATEGORIES.forEach((category, c) => {
        const last = y === YEARS.length - 1 && c === CATEGORIES.length - 1;
        const amountKopecks = last ? left : (FUNDED[source] * yearShare[y] * categoryShare[c]) / 10_000n + 89n;
        left -= amountKopecks;
        lines.push({ year, category, source, amountKopecks });
      }),
    );
  }
  return lines;
}

function aDecisionLetter(overrides: Partial<DecisionLetterData> = {}): DecisionLetterData {
  return {
    language: 'ru',
    ministry: {
      nameRu: 'Министерство экономического развития Российской Федерации',
      nameEn: 'Ministry of Economic Development of the Russian Federation',
    },
    programme: {
      code: 'CL-2014',
      titleRu: 'Субсидии на реализацию программ развития пилотных инновационных территориальных кластеров, 2014',
      titleEn: 'Subsidies for the development programmes of pilot innovative territorial clusters, 2014',
    },
    cluster: {
      nameRu: 'Фармацевтика, медицинская техника и информационные технологии Томской области',
      nameEn: 'Pharmaceuticals, medical technology and IT of Tomsk region',
      organisationName: 'АНО «Центр кластерного развития Томской области» (демо)',
      organisationInn: '7017990158',
      timeZone: 'Asia/Tomsk',
    },
    registrationNumber: 'CL-2014-00017',
    outcome: 'partially_funded',
    excludedReason: null,
    rank: 3,
    rankedCount: 17,
    weightedTotal: 78.4567,
    minWeightedTotal: 60,
    requestedFederalKopecks: 23_412_345_689n,
    fundedFederalKopecks: FUNDED.federal,
    fundedCofinancingKopecks: FUNDED.regional + FUNDED['extra-budgetary'],
    reservePosition: null,
    lines: fundedLines(),
    categoryTitles: {
      'specialised-organisation': {
        ru: 'Поддержка специализированной организации',
        en: "Support of the cluster's specialised organisation",
      },
      'training-and-education': { ru: 'Подготовка и повышение квалификации кадров', en: 'Training and education' },
      'joint-rnd': { ru: 'Совместные исследования и разработки', en: 'Joint research and development' },
      'exhibitions-and-promotion': { ru: 'Выставочно-ярмарочные мероприятия и продвижение', en: 'Exhibitions and promotion' },
      'innovation-infrastructure': {
        ru: 'Инновационная и производственная инфраструктура',
        en: 'Innovation and production infrastructure',
      },
    },
    criteria: [
      {
        code: 'quality',
        titleRu: 'Качество и реалистичность программы развития кластера',
        titleEn: "Quality and realism of the cluster's development programme",
        weight: 30,
        minScore: 2.5,
        score: 4.3333,
        justification: 'Программа опирается на действующие производства и подписанные соглашения с вузами; сроки реалистичны.',
      },
      {
        code: 'cooperation',
        titleRu: 'Кооперация участников кластера',
        titleEn: 'Cooperation among the cluster members',
        weight: 25,
        minScore: null,
        score: 4,
        justification: 'Совместные проекты охватывают 14 из 62 участников; доля МСП высокая.',
      },
      {
        code: 'cofinancing',
        titleRu: 'Доля софинансирования из бюджета субъекта и внебюджетных источников',
        titleEn: 'Share of regional and extra-budgetary co-financing',
        weight: 20,
        minScore: 2,
        score: 3.5,
        justification: 'Софинансирование подтверждено гарантийным письмом администрации области.',
      },
      {
        code: 'effects',
        titleRu: 'Ожидаемые социально-экономические эффекты',
        titleEn: 'Expected social and economic effects',
        weight: 15,
        minScore: null,
        score: 3.75,
        justification: 'Показатели выручки и экспорта обоснованы, но рост занятости оценён оптимистично.',
      },
      {
        code: 'management',
        titleRu: 'Модель управления кластером',
        titleEn: 'Management model of the cluster',
        weight: 10,
        minScore: null,
        score: 4.5,
        justification: 'Специализированная организация работает с 2012 года, отчётность прозрачна.',
      },
    ],
    appeal: {
      windowDays: 10,
      deadline: new Date('2014-08-11T19:59:59Z'),
      howRu: 'Апелляция подаётся в системе konkurs из карточки заявки (раздел «Решения») с указанием оспариваемых оценок и доводов.',
      howEn: 'File the appeal in konkurs from the bid page (section "Decisions"), naming the scores you dispute and your reasons.',
    },
    issuedAt: new Date('2014-07-31T09:00:00Z'),
    signatory: {
      name: 'А. В. Петров (демо)',
      positionRu: 'Директор Департамента стратегического развития и инноваций',
      positionEn: 'Director of the Department of Strategic Development and Innovation',
    },
    verification: { code: 'D7K4-9QPX-2M3T', url: 'https://konkurs.example.ru/verify/D7K4-9QPX-2M3T' },
    supersedes: null,
    ...overrides,
  };
}

/** A letter without funding lines, for what depends only on the outcome. */
const aShortLetter = (outcome: DecisionOutcome, language: Language, overrides: Partial<DecisionLetterData> = {}) =>
  aDecisionLetter({ outcome, language, lines: [], fundedFederalKopecks: 0n, fundedCofinancingKopecks: 0n, ...overrides });

describe('renderDecisionLetter', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'konkurs-decision-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The PDF's text as `pdftotext -layout` sees it, whitespace collapsed so wrapped values read as one. */
  async function extract(data: DecisionLetterData, name: string) {
    const pdf = await documentToBuffer(renderDecisionLetter(data));
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    return { pdf, text: layout.replace(/\s+/g, ' '), pages, pageTexts: layout.split('\f').slice(0, -1) };
  }

  it('renders a Russian letter with the outcome, rank, money by year and category, scores and verification', async () => {
    const data = aDecisionLetter();
    const { pdf, text, pages, pageTexts } = await extract(data, 'ru');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    expect(text).toContain('МИНИСТЕРСТВО ЭКОНОМИЧЕСКОГО РАЗВИТИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ');
    expect(text).toContain('Решение по итогам конкурсного отбора по заявке № CL-2014-00017');
    expect(text).toContain('Фармацевтика, медицинская техника и информационные технологии Томской области');
    expect(text).toContain('АНО «Центр кластерного развития Томской области» (демо),');
    expect(text).toContain('ИНН 7017990158');
    expect(text).toContain('Дата решения 31.07.2014 13:00:00 (МСК)');
    expect(text).toContain('Заявка поддержана частично');
    expect(text).toContain('Место в рейтинге 3 из 17');
    expect(text).toContain('Итоговый взвешенный балл 78,4567');
    expect(text).toContain('Минимальный проходной балл 60');
    expect(text).toContain('Запрошено из федерального бюджета 234 123 456,89 ₽');
    expect(text).toContain('Предоставляется из федерального бюджета 197 500 000,00 ₽');
    expect(text).toContain('158 000 000,17 ₽'); // co-financing: regional 59 250 000,17 + extra-budgetary 98 750 000,00
    expect(text).toContain('355 500 000,17 ₽');
    expect(text).toContain('Итого за 2015 год');
    expect(text).toContain('Совместные исследования и разработки');
    expect(text).toContain('Качество и реалистичность программы развития кластера');
    expect(text).toContain('4,3333');
    expect(text).toContain('Обоснование комиссии: Программа опирается на действующие производства');
    expect(text).toContain('в течение 10 дней со дня публикации результатов отбора, до 11.08.2014 23:59:59 (МСК)');
    expect(text).toContain('Asia/Tomsk');
    expect(text).toContain('из карточки заявки (раздел «Решения»)');
    expect(text).toContain('Директор Департамента стратегического развития и инноваций');
    expect(text).toContain('А. В. Петров (демо)');
    expect(text).toContain('D7K4-9QPX-2M3T');
    expect(text).toContain('Адрес проверки https://konkurs.example.ru/verify/D7K4-9QPX-2M3T');
    expect(text).not.toContain('взамен');
    expect(text).not.toMatch(/\d ниже порога/);

    expect(pages).toBeLessThanOrEqual(3);
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, index) => expect(page).toContain(`стр. ${index + 1} из ${pages}`));
  });

  it('renders an English letter with the English titles, wording and money format', async () => {
    // A Russian document first: parsed fonts are shared between documents.
    await documentToBuffer(renderDecisionLetter(aDecisionLetter()));
    const { text, pages } = await extract(aDecisionLetter({ language: 'en' }), 'en');

    expect(text).toContain('MINISTRY OF ECONOMIC DEVELOPMENT OF THE RUSSIAN FEDERATION');
    expect(text).toContain('Decision on the results of the competitive selection on bid No. CL-2014-00017');
    expect(text).toContain('Pharmaceuticals, medical technology and IT of Tomsk region');
    expect(text).toContain('INN 7017990158');
    expect(text).toContain('The bid is partially funded');
    expect(text).toContain('Rank 3 of 17');
    expect(text).toContain('Weighted total score 78.4567');
    expect(text).toContain('RUB 234,123,456.89');
    expect(text).toContain('RUB 197,500,000.00');
    expect(text).toContain('Total for 2016');
    expect(text).toContain('Joint research and development');
    expect(text).toContain("Quality and realism of the cluster's development programme");
    expect(text).toContain('within 10 days of the publication of the results, until 11 Aug 2014, 23:59:59 Moscow time');
    expect(text).toContain('Director of the Department of Strategic Development and Innovation');
    expect(text).toContain('D7K4-9QPX-2M3T');
    expect(text).toContain(`page ${pages} of ${pages}`);
  });

  it.each<[DecisionOutcome, string, string]>([
    ['funded', 'Заявка поддержана Субсидия из федерального бюджета предоставляется в запрошенном объёме', 'The bid is funded'],
    ['partially_funded', 'Заявка поддержана частично', 'The bid is partially funded'],
    ['reserve', 'Заявка включена в резервный список', 'The bid is placed on the reserve list'],
    ['not_funded', 'Заявка не поддержана', 'The bid is not funded'],
  ])('words the outcome %s in both languages', async (outcome, ru, en) => {
    expect((await extract(aShortLetter(outcome, 'ru'), `${outcome}-ru`)).text).toContain(ru);
    expect((await extract(aShortLetter(outcome, 'en'), `${outcome}-en`)).text).toContain(en);
  });

  it('shows the reserve position and no funding table for a reserve bid', async () => {
    const { text } = await extract(aShortLetter('reserve', 'ru', { rank: 12, reservePosition: 2 }), 'reserve');
    expect(text).toContain('Позиция в резервном списке 2');
    expect(text).toContain('Место в рейтинге 12 из 17');
    expect(text).toContain('Средства федерального бюджета по заявке не предоставляются.');
    expect(text).not.toContain('Финансирование по годам и статьям расходов');
  });

  it('explains why a bid that dropped out by the thresholds was not ranked, and marks the failed criterion', async () => {
    const criteria = aDecisionLetter().criteria.map((criterion) =>
      criterion.code === 'cofinancing' ? { ...criterion, score: 1.5 } : criterion,
    );
    const excludedReason = {
      ru: 'балл по критерию «Доля софинансирования» ниже минимального (1,5 при пороге 2)',
      en: 'the score on "Share of co-financing" is below the minimum (1.5, minimum 2)',
    };
    const data = aShortLetter('not_funded', 'ru', { rank: null, weightedTotal: 3.9, excludedReason, criteria });
    const { text } = await extract(data, 'excluded');
    expect(text).toContain('Заявка не поддержана');
    expect(text).toContain('Заявка не допущена к ранжированию: балл по критерию «Доля софинансирования» ниже минимального');
    expect(text).toContain('Место в рейтинге не присваивалось');
    expect(text).toMatch(/ 1,5000 .*ниже порога/);
    const english = await extract({ ...data, language: 'en' }, 'excluded-en');
    expect(english.text).toContain('The bid was not admitted to the ranking: the score on "Share of co-financing"');
    expect(english.text).toContain('Rank not ranked');
  });

  it('says which decision a re-issued one replaces', async () => {
    const { text } = await extract(aDecisionLetter({ supersedes: { code: 'A1B2-C3D4-E5F6' } }), 'supersedes');
    expect(text).toContain('Настоящее решение выдано взамен решения с кодом проверки A1B2-C3D4-E5F6');
  });

  it('puts the appeal window in the right Russian plural form', async () => {
    const window = async (windowDays: number) =>
      (await extract(aShortLetter('not_funded', 'ru', { appeal: { ...aDecisionLetter().appeal, windowDays } }), `days-${windowDays}`)).text;
    expect(await window(1)).toContain('в течение 1 дня со дня');
    expect(await window(3)).toContain('в течение 3 дней со дня');
    expect(await window(21)).toContain('в течение 21 дня со дня');
  });

  it('gives the same bytes for the same data', async () => {
    const [first, second] = [
      await documentToBuffer(renderDecisionLetter(aDecisionLetter())),
      await documentToBuffer(renderDecisionLetter(aDecisionLetter())),
    ];
    expect(first.equals(second)).toBe(true);
  });

  it('adds up the funding table per year and overall, to the kopeck', () => {
    const data = aDecisionLetter();
    const rows = fundingTableRows(data, { yearTotal: 'Y{year}', total: 'T' } as never);
    const kopecks = (text: string) => BigInt(text.replace(/[^\d]/g, ''));
    const grand = rows.at(-1)!.cells;
    expect(grand[1]).toBe('T');
    expect(kopecks(grand[2])).toBe(data.fundedFederalKopecks);
    expect(kopecks(grand[3])).toBe(data.fundedCofinancingKopecks);
    expect(rows.filter((row) => row.emphasis)).toHaveLength(YEARS.length + 1);
    expect(rows).toHaveLength(YEARS.length * CATEGORIES.length + YEARS.length + 1);
  });

  it('prints scores as given, up to four decimals', () => {
    expect(formatScore(78.4567, 'ru')).toBe('78,4567');
    expect(formatScore(4, 'en')).toBe('4');
    expect(formatScore(3.5, 'ru')).toBe('3,5');
    expect(formatScore(-0.00001, 'en')).toBe('0');
  });

  it('has the same wording keys in the Russian and English templates', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keys(inner, `${prefix}${key}.`)])
        : [];
    const read = (language: string) => JSON.parse(readFileSync(join(templatesDir(), `decision-letter.${language}.json`), 'utf8'));
    expect(keys(read('en')).sort()).toEqual(keys(read('ru')).sort());
  });

  /** `RENDER_SAMPLES=1 npx jest src/decisions` refreshes the committed samples and their previews. */
  (process.env.RENDER_SAMPLES === '1' ? it : it.skip)('writes the sample letters to docs/samples', async () => {
    const samples = join(__dirname, '..', '..', 'docs', 'samples');
    mkdirSync(samples, { recursive: true });
    for (const language of ['ru', 'en'] as const) {
      for (const old of readdirSync(samples).filter((name) => name.startsWith(`decision-letter.${language}-`))) rmSync(join(samples, old));
      const file = join(samples, `decision-letter.${language}.pdf`);
      writeFileSync(file, await documentToBuffer(renderDecisionLetter(aDecisionLetter({ language }))));
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(samples, `decision-letter.${language}`)]);
    }
  });
});

describe('qrRuns', () => {
  const url = 'https://konkurs.example.ru/verify/D7K4-9QPX-2M3T';
  const dark = (row: number, column: number) =>
    qrRuns(url).runs.some((run) => run.row === row && run.column <= column && column < run.column + run.length);

  it('has the three finder patterns in the top-left, top-right and bottom-left corners', () => {
    const { size, runs } = qrRuns(url);
    expect(runs.filter((run) => run.row === 0).map((run) => [run.column, run.length])).toEqual(
      expect.arrayContaining([
        [0, 7],
        [size - 7, 7],
      ]),
    );
    expect(runs).toContainEqual({ row: size - 1, column: 0, length: 7 });
    expect(dark(size - 1, size - 1)).toBe(false);
  });

  it('reads the matrix as the library draws it, row by row and not transposed', async () => {
    // The library's own SVG: `M<column> <row + 0.5>` starts a row's first run, `m<gap> 0` skips light modules, `h<n>`
    // draws n dark ones.
    const qrcode = require('qrcode') as { toString(text: string, options: object): Promise<string> };
    const svg = await qrcode.toString(url, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
    const path = /<path[^>]* d="([^"]+)"/.exec(svg.replace(/<path fill="#ffffff"[^>]*>/, ''))![1];
    const expected: { row: number; column: number; length: number }[] = [];
    let [row, column] = [0, 0];
    for (const [, command, first, second] of path.matchAll(/([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
      if (command === 'M') [column, row] = [Number(first), Number(second) - 0.5];
      else if (command === 'm') column += Number(first);
      else {
        expected.push({ row, column, length: Number(first) });
        column += Number(first);
      }
    }
    expect(qrRuns(url).runs).toEqual(expected);
    const { size } = qrRuns(url);
    expect(dark(size - 8, 8)).toBe(true); // the dark module every symbol has next to its bottom-left finder
  });
});
