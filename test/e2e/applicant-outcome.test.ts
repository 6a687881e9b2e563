import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatRoubles } from '../../src/common/money/kopecks';
import { dictionary } from '../../src/web/i18n/dictionary';
import { API } from '../commissions/helpers';
import type { TestUser } from '../support/test-app';
import {
  aPublishedProgramme,
  createWebTestApp,
  launchChromium,
  type PublishedProgramme,
  signInThroughForm,
  type WebTestApp,
} from './support';

const plain = (text: string) => text.replace(/\s+/g, ' ').trim();
const ru = dictionary('ru');

describe('after publication: the outcome, the decision letters and the appeal in a real browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ministry: TestUser;
  let published: PublishedProgramme;
  let bid: { id: string; cluster_id: string; registration_number: string; funded: string; outcome: string };
  let applicant: TestUser;

  beforeAll(async () => {
    t = await createWebTestApp();
    browser = await launchChromium();
    ministry = await t.user('ministry');
    published = await aPublishedProgramme(t, ministry);
    const { rows } = await t.db.query(
      `SELECT s.id, s.cluster_id, s.registration_number, b.funded_federal_kopecks::text AS funded, b.outcome
       FROM submissions s JOIN allocation_run_bids b ON b.submission_id = s.id
       WHERE s.programme_id = $1 AND b.outcome = 'funded' ORDER BY s.registration_number LIMIT 1`,
      [published.id],
    );
    bid = rows[0];
    applicant = await t.user('applicant', { clusterId: bid.cluster_id });
    const issue = await t.http().post(`${API}/programmes/${published.id}/decisions/issues`).set(ministry.auth).expect(201);
    // the letters are rendered by the job queue: wait until the issue says it is complete
    for (;;) {
      const progress = await t.http().get(`${API}/programmes/${published.id}/decisions/issues/${issue.body.issueId}`).set(ministry.auth);
      if (progress.body.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
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

  const fact = (term: string) =>
    page.locator('#outcome dl.facts dt', { hasText: term }).first().locator('xpath=following-sibling::dd[1]').innerText();

  it('shows the outcome and the subsidy, serves both letters, and files one appeal whose resolution then shows', async () => {
    await signInThroughForm(page, t.baseUrl, applicant.email);
    expect((await page.goto(`${t.baseUrl}/bids/${bid.id}`))!.status()).toBe(200);
    // read-only: the call is over
    expect(await page.locator('form#bid-form').count()).toBe(0);
    expect(await page.locator('.notice-frozen').innerText()).toContain(ru.applicant.readOnlyClosed);
    expect(plain(await fact(ru.outcomeLabel))).toBe(ru.outcome.funded);
    expect(plain(await fact(ru.fundedAmount))).toBe(formatRoubles(bid.funded, 'ru').replace(/\s/g, ' '));

    for (const [name, language] of [
      [ru.applicant.decisionRu, 'ru'],
      [ru.applicant.decisionEn, 'en'],
    ]) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect(href).toBe(`/bids/${bid.id}/decision/${language}`);
      const pdf = await page.request.get(`${t.baseUrl}${href}`);
      expect(pdf.status()).toBe(200);
      const { rows } = await t.db.query(
        `SELECT sha256 FROM decisions WHERE submission_id = $1 AND language = $2 AND kind = 'letter' AND status = 'current'`,
        [bid.id, language],
      );
      expect(pdf.headers()['x-content-sha256']).toBe(rows[0].sha256);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }

    // grounds too short: the API's rule, shown at the field; nothing filed
    await page.getByLabel(ru.applicant.appealGrounds).fill('Не согласны.');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: ru.applicant.appealSubmit }).click(),
    ]);
    expect(refused.status()).toBe(400);
    expect(await page.locator('#appeal-error').innerText()).toContain(ru.applicant.problem.appealLength);
    expect(await page.getByLabel(ru.applicant.appealGrounds).inputValue()).toBe('Не согласны.');
    expect((await t.db.query('SELECT count(*)::int AS n FROM appeals WHERE submission_id = $1', [bid.id])).rows[0].n).toBe(0);

    const grounds = 'Оценка по критерию качества не учла письмо о софинансировании, приложенное к заявке.';
    await page.getByLabel(ru.applicant.appealGrounds).fill(grounds);
    await Promise.all([page.waitForURL(/done=appealSent/), page.getByRole('button', { name: ru.applicant.appealSubmit }).click()]);
    const { rows: appeals } = await t.db.query('SELECT id, grounds, status FROM appeals WHERE submission_id = $1', [bid.id]);
    expect(appeals).toEqual([expect.objectContaining({ grounds, status: 'filed' })]);
    expect(plain(await fact(ru.applicant.appealStatusLabel))).toBe(ru.applicant.appealStatus.filed);
    expect(await page.getByLabel(ru.applicant.appealGrounds).count()).toBe(0); // one appeal per bid: no form any more

    const reasoning = 'Письмо учтено при оценке: балл по критерию качества подтверждён комиссией.';
    await t.http().post(`${API}/appeals/${appeals[0].id}/resolve`).set(ministry.auth).send({ decision: 'rejected', reasoning }).expect(200);
    await page.reload();
    expect(plain(await fact(ru.applicant.appealStatusLabel))).toBe(ru.applicant.appealStatus.rejected);
    expect(plain(await fact(ru.applicant.appealResolution))).toBe(reasoning);
  });

  it('answers another cluster 404 for the bid page and its decision letter', async () => {
    const { rows } = await t.db.query('SELECT cluster_id FROM submissions WHERE programme_id = $1 AND cluster_id <> $2 LIMIT 1', [
      published.id,
      bid.cluster_id,
    ]);
    const other = await t.user('applicant', { clusterId: rows[0].cluster_id });
    await signInThroughForm(page, t.baseUrl, other.email);
    expect((await page.goto(`${t.baseUrl}/bids/${bid.id}`))!.status()).toBe(404);
    expect((await page.request.get(`${t.baseUrl}/bids/${bid.id}/decision/ru`)).status()).toBe(404);
    const appeal = await page.request.post(`${t.baseUrl}/bids/${bid.id}/appeal`, { form: { grounds: 'x'.repeat(40) } });
    expect(appeal.status()).toBe(403); // no token of the page: refused before anything else
  });
});
