import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatRoubles } from '../common/money/kopecks';
import { documentToBuffer } from '../common/pdf/fonts';
import { templatesDir } from '../common/pdf/templates';
import type { DecisionOutcome, ProtocolData } from './decision.types';
import { renderProtocol } from './protocol.renderer';

const REGIONS = [
  'Томской области',
  'Новосибирской области',
  'Республики Татарстан',
  'Самарской области',
  'Калужской области',
  'Республики Мордовия',
  'Нижегородской области',
  'Красноярского края',
  'Приморского края',
  'Калининградской области',
  'Камчатского края',
  'Свердловской области',
  'Пермского края',
];
const KINDS = ['Фармацевтика и медицинская техника', 'Информационные технологии', 'Новые материалы', 'Авиастроение'];

/**
 * `count` bids in rank order: the first `funded` get money (the last of them partly), the next 3 are the reserve, the
 * rest are not funded, and the last 2 dropped out by the thresholds (no rank). Every 10th cluster name is long
 * enough to wrap.
 */
function rows(count: number, funded: number): ProtocolData['rows'] {
  return Array.from({ length: count }, (_, index) => {
    const ranked = index < count - 2;
    const outcome: DecisionOutcome =
      index < funded - 1 ? 'funded' : index === funded - 1 ? 'partially_funded' : index < funded + 3 ? 'reserve' : 'not_funded';
    const long = index % 10 === 9 ? ' — развитие производственной кооперации и экспорта (демо)' : '';
    return {
      rank: ranked ? index + 1 : null,
      registrationNumber: `CL-2014-${String(index + 1).padStart(5, '0')}`,
      clusterName: `${KINDS[index % KINDS.length]} ${REGIONS[index % REGIONS.length]}${long}`,
      weightedTotal: ranked ? Math.round((92.5 - index * (60 / count)) * 10_000) / 10_000 : 41.25,
      outcome,
      fundedFederalKopecks:
        outcome === 'funded' ? 15_860_000_000n + BigInt(index) * 1_234_567n : outcome === 'partially_funded' ? 432_109_876n : 0n,
    };
  });
}

function aProtocol(overrides: Partial<ProtocolData> = {}, bids = 26, funded = 14): ProtocolData {
  const table = rows(bids, funded);
  const allocatedKopecks = table.reduce((sum, row) => sum + row.fundedFederalKopecks, 0n);
  const budgetKopecks = 250_000_000_000n; // 2.5 bn roubles, the 2014 call
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
      budgetKopecks,
    },
    commission: [
      { name: 'Смирнова Елена Викторовна (демо)', role: 'member', organisation: 'НИУ ВШЭ, Институт статистических исследований' },
      { name: 'Кузнецов Андрей Павлович (демо)', role: 'chair', organisation: 'Минэкономразвития России' },
      { name: 'Иванов Сергей Николаевич (демо)', role: 'member', organisation: 'АО «Российская венчурная компания»' },
      { name: 'Попова Ольга Игоревна (демо)', role: 'member', organisation: 'Фонд содействия инновациям' },
      { name: 'Соколов Дмитрий Алексеевич (демо)', role: 'member', organisation: 'Российская академия наук' },
    ],
    conflicts: { declared: 3, derived: 1, byKind: { 'same-region': 2, 'same-organisation': 1, family: 0, 'former-employer': 1 } },
    method: {
      aggregation: 'mean',
      tieBreaks: ['criterion', 'earlier-final-submission', 'smaller-request'],
      policy: 'partial-marginal',
      reserveListLength: 3,
    },
    rows: table,
    totals: { allocatedKopecks, remainderKopecks: budgetKopecks - allocatedKopecks, budgetKopecks },
    publishedAt: new Date('2014-07-30T12:00:00Z'),
    runNumber: 2,
    verification: { code: 'P4XN-7HQ2-KC91', url: 'https://konkurs.example.ru/verify/P4XN-7HQ2-KC91' },
    ...overrides,
  };
}

describe('renderProtocol', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'konkurs-protocol-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function extract(data: ProtocolData, name: string) {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await documentToBuffer(renderProtocol(data)));
    const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    /** The layout line of a bid's row (its first line when the cluster's name wraps), spaces collapsed. */
    const rowOf = (registrationNumber: string) =>
      layout
        .split('\n')
        .find((line) => line.includes(registrationNumber))!
        .replace(/\s+/g, ' ')
        .trim();
    return {
      text: layout.replace(/\s+/g, ' '),
      rowOf,
      pages,
      pageTexts: layout
        .split('\f')
        .slice(0, -1)
        .map((page) => page.replace(/\s+/g, ' ')),
    };
  }

  it('renders a Russian protocol with the commission, conflicts, method, ranking and totals', async () => {
    const data = aProtocol();
    const { text, rowOf, pages, pageTexts } = await extract(data, 'ru');

    expect(text).toContain('МИНИСТЕРСТВО ЭКОНОМИЧЕСКОГО РАЗВИТИЯ РОССИЙСКОЙ ФЕДЕРАЦИИ');
    expect(text).toContain('Протокол подведения итогов конкурсного отбора');
    expect(text).toContain('(CL-2014)');
    expect(text).toContain('Бюджет отбора 2 500 000 000,00 ₽');
    expect(text).toMatch(/Расчёт распределения № ?2 /);
    expect(text).toContain('30.07.2014 16:00:00 (МСК)');
    // The chair first, whatever the order given.
    expect(text).toMatch(/1 Кузнецов Андрей Павлович \(демо\) Председатель Минэкономразвития России 2 Смирнова Елена Викторовна/);
    expect(text).toContain('Заявлено членами комиссии: 3. Выявлено системой автоматически: 1.');
    expect(text).toContain('Тот же регион 2');
    expect(text).toContain('former-employer 1'); // a kind the template does not name is printed as is
    expect(text).not.toContain('Родственные связи'); // kinds with no conflict are left out
    expect(text).toContain('среднее арифметическое оценок экспертов');
    expect(text).toContain('1. итоговый взвешенный балл (по убыванию) 2. балл по выбранному критерию');
    expect(text).toContain('первая не вместившаяся заявка получает остаток');
    // Scores with the decimals the most precise one needs, so that they line up.
    expect(rowOf('CL-2014-00001')).toMatch(/^1 CL-2014-00001 Фармацевтика и медицинская .*92,5000 поддержана 158 600 000,00 ₽$/);
    expect(rowOf('CL-2014-00012')).toBe('12 CL-2014-00012 Авиастроение Свердловской области 67,1154 поддержана 158 735 802,37 ₽');
    expect(rowOf('CL-2014-00014')).toMatch(/^14 CL-2014-00014 .* 62,5000 поддержана 4 321 098,76 ₽$/);
    expect(text).toContain('частично');
    expect(rowOf('CL-2014-00016')).toMatch(/^16 CL-2014-00016 .* 57,8846 резерв —$/);
    expect(rowOf('CL-2014-00026')).toMatch(/^— CL-2014-00026 .* 41,2500 не поддержана —$/);
    expect(text).toContain(`Распределено ${formatRoubles(data.totals.allocatedKopecks, 'ru')}`);
    expect(text).toContain(`Нераспределённый остаток ${formatRoubles(data.totals.remainderKopecks, 'ru')}`);
    expect(text).toContain('P4XN-7HQ2-KC91');
    expect(text).toContain('https://konkurs.example.ru/verify/P4XN-7HQ2-KC91');
    pageTexts.forEach((page, index) => expect(page).toContain(`Протокол CL-2014, расчёт № 2 — стр. ${index + 1} из ${pages}`));
  });

  it('renders an English protocol with the English wording and money format', async () => {
    const { text, rowOf, pages } = await extract(aProtocol({ language: 'en' }), 'en');
    expect(text).toContain('Protocol of the results of the competitive selection');
    expect(text).toContain('Subsidies for the development programmes of pilot innovative territorial clusters, 2014 (CL-2014)');
    expect(text).toContain('Competition budget RUB 2,500,000,000.00');
    expect(text).toContain('Chair');
    expect(text).toContain('Same region 2');
    expect(rowOf('CL-2014-00014')).toMatch(/ 62\.5000 partially funded RUB 4,321,098\.76$/);
    expect(rowOf('CL-2014-00016')).toMatch(/ 57\.8846 reserve —$/);
    expect(text).toContain('Unspent remainder RUB');
    expect(text).toContain(`Protocol CL-2014, run 2 — page ${pages} of ${pages}`);
  });

  it('breaks a 300-bid ranking across pages with the header repeated and "page N of M" on every page', async () => {
    const data = aProtocol({}, 300, 120);
    const { text, pages, pageTexts } = await extract(data, 'long');

    // 300 rows of one to three lines, 25 to 30 a page, after a first page of verification, commission and method.
    expect(pages).toBe(12);
    expect(pageTexts).toHaveLength(pages);
    pageTexts.forEach((page, index) => {
      expect(page).toContain(`стр. ${index + 1} из ${pages}`);
      expect(page.match(/стр\. \d+ из \d+/g)).toHaveLength(1);
    });
    // The ranking starts under its heading; every later page it runs over starts with the caption and the header again.
    const header = 'Место Рег. номер Кластер Балл Решение Федеральный бюджет';
    const withRows = pageTexts.map((page, index) => ({ page, index })).filter(({ page }) => page.includes('CL-2014-'));
    expect(withRows[0].page).toContain(`Рейтинг заявок и распределение средств ${header} 1 CL-2014-00001`);
    expect(withRows.length).toBeGreaterThanOrEqual(pages - 1);
    for (const { page } of withRows.slice(1))
      expect(page).toMatch(new RegExp(`^ ?Рейтинг заявок и распределение средств \\(продолжение\\) ${header} \\d+ CL-2014-`));
    // Every bid once, in order.
    const numbers = [...text.matchAll(/CL-2014-(\d{5})/g)].map((match) => Number(match[1]));
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, index) => index + 1));
  });

  it('says so when nobody declared or was found to have a conflict of interest', async () => {
    const { text } = await extract(aProtocol({ conflicts: { declared: 0, derived: 0, byKind: {} } }), 'no-conflicts');
    expect(text).toContain('Конфликтов интересов не заявлено и не выявлено.');
    expect(text).not.toContain('Вид конфликта интересов');
  });

  it('gives the same bytes for the same data', async () => {
    const [first, second] = [await documentToBuffer(renderProtocol(aProtocol())), await documentToBuffer(renderProtocol(aProtocol()))];
    expect(first.equals(second)).toBe(true);
  });

  it('has the same wording keys in the Russian and English templates', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...keys(inner, `${prefix}${key}.`)])
        : [];
    const read = (language: string) => JSON.parse(readFileSync(join(templatesDir(), `protocol.${language}.json`), 'utf8'));
    expect(keys(read('en')).sort()).toEqual(keys(read('ru')).sort());
  });

  /** `RENDER_SAMPLES=1 npx jest src/decisions` refreshes the committed samples and their previews. */
  (process.env.RENDER_SAMPLES === '1' ? it : it.skip)('writes the sample protocols to docs/samples', async () => {
    const samples = join(__dirname, '..', '..', 'docs', 'samples');
    mkdirSync(samples, { recursive: true });
    for (const language of ['ru', 'en'] as const) {
      for (const old of readdirSync(samples).filter((name) => name.startsWith(`protocol.${language}-`))) rmSync(join(samples, old));
      const file = join(samples, `protocol.${language}.pdf`);
      writeFileSync(file, await documentToBuffer(renderProtocol(aProtocol({ language }))));
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(samples, `protocol.${language}`)]);
    }
  });
});
