import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatInstant, MOSCOW_TIME_ZONE } from '../../src/common/pdf/format';
import { API } from '../commissions/helpers';
import { openProgramme } from '../support/bids';
import type { TestUser } from '../support/test-app';
import {
  aDraftProgramme,
  aPublishedProgramme,
  createWebTestApp,
  launchChromium,
  type PublishedProgramme,
  tableRows,
  type WebTestApp,
} from './support';

/** Text as a person reads it: no-break and ordinary spaces alike, runs of blanks as one. */
const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('public pages in a real browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ministry: TestUser;
  let open: { id: string; code: string; closesAt: string };
  let closed: { id: string; code: string };
  let draft: { id: string; code: string; titleRu: string };
  let published: PublishedProgramme;

  beforeAll(async () => {
    t = await createWebTestApp();
    browser = await launchChromium();
    ministry = await t.user('ministry');
    // Titles with markup in them: the pages must show them as text.
    open = await openProgramme(t, ministry, { titleRu: 'Кластеры <b>2.0</b> & «друзья»', titleEn: 'Clusters <b>2.0</b> & "friends"' });
    closed = await openProgramme(t, ministry, { titleRu: 'Завершённый приём', titleEn: 'A closed call' });
    await t.db.query(`UPDATE programmes SET closes_at = now() - interval '1 second' WHERE id = $1`, [closed.id]);
    await t.http().post(`${API}/programmes/${closed.id}/status`).set(ministry.auth).send({ status: 'closed' }).expect(200);
    draft = await aDraftProgramme(t, ministry, { titleRu: 'Секретный черновик', titleEn: 'Secret draft' });
    published = await aPublishedProgramme(t, ministry);
  });

  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });

  afterEach(() => context.close());

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const badgeOf = (code: string) => page.locator('.programme-card', { hasText: code }).locator('.badge').first().innerText();

  it('lists the open, closed and published programmes with status badges in Russian, and never a draft', async () => {
    const response = await page.goto(`${t.baseUrl}/`);
    expect(response!.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('main h2').allInnerTexts()).toEqual(['Идёт приём заявок', 'Рассмотрение заявок', 'Итоги']);
    expect(await badgeOf(open.code)).toBe('Приём заявок');
    expect(await badgeOf(closed.code)).toBe('Приём завершён');
    expect(await badgeOf(published.code)).toBe('Итоги опубликованы');
    expect(await page.locator('.programme-card').count()).toBe(3);
    expect(await page.content()).not.toContain(draft.code);
    // user text is text: the <b> in the title is shown, not obeyed
    const title = page.locator('.programme-card', { hasText: open.code }).locator('h3');
    expect(await title.innerText()).toBe('Кластеры <b>2.0</b> & «друзья»');
    expect(await title.locator('b').count()).toBe(0);
  });

  it('opens a programme from the list: titles, budget, call window, a live countdown, criteria and allocation policy', async () => {
    await page.goto(`${t.baseUrl}/`);
    await Promise.all([
      page.waitForURL(`**/programmes/${open.id}`),
      page.getByRole('link', { name: 'Кластеры <b>2.0</b> & «друзья»' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toBe('Кластеры <b>2.0</b> & «друзья»');
    expect(await page.locator('p.subtitle [lang="en"]').innerText()).toContain('Clusters <b>2.0</b> & "friends"');
    expect(plain(await fact('Бюджет'))).toBe('2 500 000 000,00 ₽');
    expect(await fact('Окончание')).toBe(formatInstant(new Date(open.closesAt), MOSCOW_TIME_ZONE, 'ru'));

    const countdown = page.locator('[data-countdown]');
    expect(await countdown.getAttribute('data-closes')).toBe(new Date(open.closesAt).toISOString());
    const first = plain(await countdown.innerText());
    expect(first).toMatch(/^До окончания приёма заявок: (29|30) дн\. \d{2} ч \d{2} мин \d{2} с$/);
    // the script keeps it live: the text moves on by itself
    await page.locator('.countdown-value', { hasNotText: first.split(': ')[1] }).waitFor();
    expect(plain(await countdown.innerText())).toMatch(/^До окончания приёма заявок: (29|30) дн\. \d{2} ч \d{2} мин \d{2} с$/);

    expect((await tableRows(page, '#criteria ~ .table-scroll table')).map((row) => row.map(plain))).toEqual([
      ['Качество программы', '60 %', '0–5, шаг 0,5', '1'],
      ['Софинансирование', '40 %', '0–5, шаг 0,5', '—'],
    ]);
    expect(await fact('Способ распределения')).toContain('По рейтингу с пропуском');
    expect(await page.locator('#results ~ .notice').innerText()).toContain('Итоги будут опубликованы');
  });

  it('switches to English, and the choice sticks across pages; back to Russian the same way', async () => {
    await page.goto(`${t.baseUrl}/programmes/${open.id}`);
    await Promise.all([page.waitForURL('**?lang=en'), page.getByRole('link', { name: /EN/ }).click()]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe('Clusters <b>2.0</b> & "friends"');
    expect(await fact('Budget')).toBe('RUB 2,500,000,000.00');
    expect(plain(await page.locator('[data-countdown]').innerText())).toMatch(/^Time left to apply: (29|30) d \d{2} h \d{2} min \d{2} s$/);
    expect(await page.locator('#criteria').innerText()).toBe('Scoring criteria');

    await page.goto(`${t.baseUrl}/`);
    expect(await page.locator('h1').innerText()).toBe('Competitions and results');
    expect(await badgeOf(published.code)).toBe('Results published');
    expect((await context.cookies()).find((c) => c.name === 'konkurs_lang')?.value).toBe('en');

    await Promise.all([page.waitForURL('**?lang=ru'), page.getByRole('link', { name: /RU/ }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Конкурсы и их итоги');
  });

  it('shows the published results as the public API gives them, with links to results.csv and results.xlsx', async () => {
    await page.goto(`${t.baseUrl}/programmes/${published.id}`);
    const { body: api } = await t.http().get(`${API}/programmes/${published.id}/results`).expect(200);
    const [first, second, third] = api.items as { registrationNumber: string }[];
    const rows = (await tableRows(page, 'table.results')).map((row) => row.map(plain));
    expect(rows.slice(0, 2)).toEqual([
      ['1', first.registrationNumber, 'Томский фармацевтический кластер', '5,0000', 'Финансируется', '10 000 000,00 ₽'],
      ['2', second.registrationNumber, 'Новосибирский ИТ-кластер', '3,6000', 'Финансируется', '10 000 000,00 ₽'],
    ]);
    // below the quality minimum: out of the ranking, not funded
    expect(rows[2]).toEqual([
      expect.stringContaining('—'),
      third.registrationNumber,
      'Кластер «Русский»',
      expect.any(String),
      'Не финансируется',
      '0,00 ₽',
    ]);
    expect(rows).toHaveLength(api.total);
    expect((await page.locator('.summary-figures li').allInnerTexts()).map(plain)).toEqual([
      'Бюджет 25 000 000,00 ₽',
      'Распределено 20 000 000,00 ₽',
      'Остаток 5 000 000,00 ₽',
    ]);

    const csv = await page.request.get(new URL((await page.getByRole('link', { name: /CSV/ }).getAttribute('href'))!, t.baseUrl).href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(first.registrationNumber);
    const xlsx = await page.request.get(new URL((await page.getByRole('link', { name: /XLSX/ }).getAttribute('href'))!, t.baseUrl).href);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

    await page.goto(`${t.baseUrl}/programmes/${published.id}?lang=en`);
    expect((await tableRows(page, 'table.results'))[0].map(plain)).toEqual([
      '1',
      first.registrationNumber,
      'Tomsk pharmaceutical cluster',
      '5.0000',
      'Funded',
      'RUB 10,000,000.00',
    ]);
  });

  it('answers 404 with the not-found page for a draft, an unknown or malformed programme and an unknown address', async () => {
    for (const path of [`/programmes/${draft.id}`, `/programmes/${randomUUID()}`, '/programmes/not-a-uuid', '/no/such/page']) {
      const response = await page.goto(`${t.baseUrl}${path}`);
      expect({ path, status: response!.status() }).toEqual({ path, status: 404 });
      expect(await page.locator('h1').innerText()).toBe('Страница не найдена');
      expect(await page.content()).not.toContain(draft.titleRu);
    }
    // the API keeps its JSON answers
    const api = await page.request.get(`${t.baseUrl}${API}/programmes/${draft.id}`);
    expect(api.status()).toBe(404);
    expect((await api.json()).error.code).toBe('NOT_FOUND');
  });

  /** The description of a `<dt>` in the page's fact lists. */
  async function fact(term: string): Promise<string> {
    return page.locator('dl.facts dt', { hasText: term }).first().locator('xpath=following-sibling::dd[1]').innerText();
  }
});
