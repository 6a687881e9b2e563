import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templatesDir } from '../common/pdf/templates';
import { FundingSource, ReceiptData, renderReceipt } from './receipt.renderer';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const YEARS = [2016, 2017, 2018];
const CATEGORIES = [
  'specialised-organisation',
  'training-and-education',
  'joint-rnd',
  'exhibitions-and-promotion',
  'innovation-infrastructure',
];
const TOTALS: Record<FundingSource, bigint> = {
  federal: 19_750_000_000n, // 197.5 m roubles, Tomsk's federal co-financing in 2014
  regional: 5_925_000_000n,
  'extra-budgetary': 9_875_000_000n,
};

/** Each source's total spread over 3 years × 5 categories (45 lines), to the kopeck. */
function budgetLines(): ReceiptData['budgetLines'] {
  const yearShare = [30n, 33n, 37n];
  const categoryShare = [35n, 15n, 25n, 10n, 15n];
  const lines: ReceiptData['budgetLines'] = [];
  for (const source of Object.keys(TOTALS) as FundingSource[]) {
    let left = TOTALS[source];
    YEARS.forEach((year, y) =>
      CATEGORIES.forEach((category, c) => {
        const last = y === YEARS.length - 1 && c === CATEGORIES.length - 1;
        const amount = last ? left : (TOTALS[source] * yearShare[y] * categoryShare[c]) / 10_000n + 17n;
        left -= amount;
        lines.push({ year, category, source, amountKopecks: amount.toString() });
      }),
    );
  }
  return lines;
}

function aReceipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    registrationNumber: 'CL20-2016-00017',
    version: 2,
    submittedAt: new Date('2016-09-26T20:59:59Z'),
    programme: {
      code: 'CL20-2016',
      titleRu: 'Поддержка перехода инновационных кластеров на модель «кластер 2.0», 2016',
      titleEn: 'Support for the transition of innovative clusters to the 2.0 model, 2016',
      closesAt: new Date('2016-09-26T21:00:00Z'),
    },
    cluster: {
      nameRu: 'Фармацевтика, медицинская техника и информационные технологии Томской области',
      nameEn: 'Pharmaceuticals, medical technology and IT of Tomsk region',
      regionCode: 'RU-TOM',
      timeZone: 'Asia/Tomsk',
      organisationName: 'АНО «Центр кластерного развития Томской области» (демо)',
      organisationInn: '7017990158',
    },
    bid: {
      title: 'Переход кластера на модель управления 2.0: центр компетенций и совместные разработки',
      federalKopecks: TOTALS.federal.toString(),
      regionalKopecks: TOTALS.regional.toString(),
      extraBudgetaryKopecks: TOTALS['extra-budgetary'].toString(),
      totalKopecks: (TOTALS.federal + TOTALS.regional + TOTALS['extra-budgetary']).toString(),
    },
    budgetLines: budgetLines(),
    attachments: [
      {
        kind: 'development-programme',
        fileName: 'Программа развития кластера 2016-2020.pdf',
        sizeBytes: 4_718_592,
        sha256: sha256('programme'),
      },
      {
        kind: 'regional-guarantee',
        fileName: 'Гарантийное письмо администрации Томской области.pdf',
        sizeBytes: 312_004,
        sha256: sha256('guarantee'),
      },
      { kind: 'budget-justification', fileName: 'budget-justification.pdf', sizeBytes: 980, sha256: sha256('budget') },
    ],
    contentSha256: sha256('canonical bid content'),
    ...overrides,
  };
}

describe('renderReceipt', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'konkurs-receipt-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The PDF's text as `pdftotext -layout` sees it, whitespace collapsed so wrapped values read as one. */
  function extract(pdf: Buffer, name: string) {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, pdf);
    const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    return { layout, text: layout.replace(/\s+/g, ' '), pages, formFeeds: layout.split('\f').length - 1 };
  }

  it('renders a Russian receipt with times in Moscow and Tomsk, money, hashes, over two pages', async () => {
    const data = aReceipt();
    const pdf = await renderReceipt(data, 'ru');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages, formFeeds } = extract(pdf, 'ru');

    expect(text).toContain('МИНИСТЕРСТВО ЭКОНОМИЧЕСКОГО РАЗВИТИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ');
    expect(text).toContain('Расписка о регистрации заявки');
    expect(text).toContain('CL20-2016-00017');
    expect(text).toContain('2 (повторная подача');
    expect(text).toContain('Фармацевтика, медицинская техника и информационные технологии Томской области');
    expect(text).toContain('ИНН 7017990158');
    expect(text).toContain('197 500 000,00 ₽');
    expect(text).toContain('355 500 000,00 ₽');
    expect(text).toContain('26.09.2016 23:59:59 (МСК)');
    expect(text).toContain('27.09.2016 03:59:59 (Asia/Tomsk, UTC+7)');
    expect(text).toContain('27.09.2016 00:00:00 (МСК)');
    expect(text).toContain('27.09.2016 04:00:00 (Asia/Tomsk, UTC+7)');
    expect(text).toContain('Совместные исследования и разработки');
    expect(text).toContain('Итого за 2017 год');
    expect(text).toContain(data.contentSha256);
    for (const attachment of data.attachments) expect(text).toContain(attachment.sha256);
    expect(text).toContain('4,7 МБ (4 718 592 байт)');
    expect(text).toContain('пересчитав её по копии заявки');

    expect(pages).toBeGreaterThanOrEqual(2);
    expect(formFeeds).toBe(pages);
    expect(text).toContain(`страница ${pages} из ${pages}`);
    expect(text).toContain('Бюджет по годам, статьям расходов и источникам (продолжение)');
  });

  it('renders an English receipt with the English titles and money format', async () => {
    // A Russian document first: parsed fonts are shared, and Latin letters once vanished from later documents' text.
    await renderReceipt(aReceipt(), 'ru');
    const data = aReceipt({ version: 1 });
    const { text, pages } = extract(await renderReceipt(data, 'en'), 'en');

    expect(text).toContain('MINISTRY OF ECONOMIC DEVELOPMENT OF THE RUSSIAN FEDERATION');
    expect(text).toContain('Submission receipt');
    expect(text).toContain('CL20-2016-00017');
    expect(text).toContain('1 (first submission)');
    expect(text).toContain('Support for the transition of innovative clusters to the 2.0 model, 2016 (CL20-2016)');
    expect(text).toContain('Pharmaceuticals, medical technology and IT of Tomsk region');
    expect(text).toContain('АНО «Центр кластерного развития Томской области» (демо), INN 7017990158');
    expect(text).toContain('RUB 197,500,000.00');
    expect(text).toContain('26 Sep 2016, 23:59:59 Moscow time');
    expect(text).toContain('27 Sep 2016, 03:59:59 Asia/Tomsk (UTC+7)');
    expect(text).toContain(data.contentSha256);
    expect(text).toContain(`page ${pages} of ${pages}`);
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('fits a short bid on one page and shows only Moscow time for a Moscow cluster', async () => {
    const data = aReceipt({
      cluster: { ...aReceipt().cluster, timeZone: 'Europe/Moscow' },
      budgetLines: aReceipt().budgetLines.slice(0, 3),
      attachments: [],
    });
    const { text, pages } = extract(await renderReceipt(data, 'ru'), 'short');
    expect(pages).toBe(1);
    expect(text).toContain('26.09.2016 23:59:59 (МСК)');
    expect(text).not.toContain('Asia/Tomsk');
    expect(text).toContain('Документы не приложены.');
  });

  it('gives the same bytes for the same data', async () => {
    const [first, second] = [await renderReceipt(aReceipt(), 'ru'), await renderReceipt(aReceipt(), 'ru')];
    expect(first.equals(second)).toBe(true);
  });

  it('has the same wording keys in the Russian and English templates', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keys(inner, `${prefix}${key}.`)])
        : [];
    const read = (language: string) => JSON.parse(readFileSync(join(templatesDir(), `receipt.${language}.json`), 'utf8'));
    expect(keys(read('en')).sort()).toEqual(keys(read('ru')).sort());
  });
});
