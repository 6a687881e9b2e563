import type { Browser, BrowserContext, Page } from 'playwright-core';
import { anApplicantWithCluster, openProgramme } from '../support/bids';
import type { TestUser } from '../support/test-app';
import { createWebTestApp, launchChromium, signInThroughForm, type WebTestApp } from './support';

const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the budget editor without JavaScript, in English', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let applicant: TestUser;
  let programme: { id: string };

  beforeAll(async () => {
    t = await createWebTestApp();
    browser = await launchChromium();
    const ministry = await t.user('ministry');
    applicant = (await anApplicantWithCluster(t, ministry)).user;
    programme = await openProgramme(t, ministry);
  });

  beforeEach(async () => {
    context = await browser.newContext({ javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterEach(() => context.close());

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const linesOf = async (id: string) =>
    (
      await t.db.query(
        'SELECT year, category, source, amount_kopecks::text AS kopecks FROM submission_budget_lines WHERE submission_id = $1 ORDER BY source',
        [id],
      )
    ).rows;
  const press = (name: string) => Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  const amounts = () =>
    page.locator('[data-budget-amount]').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));

  it('adds and removes rows with plain form posts, keeps what was typed, refuses unreadable amounts at their fields, saves exact kopecks', async () => {
    await signInThroughForm(page, t.baseUrl, applicant.email);
    await page.goto(`${t.baseUrl}/programmes/${programme.id}?lang=en`);
    await Promise.all([page.waitForURL(/\/bids\/[0-9a-f-]{36}$/), page.getByRole('button', { name: 'Start a bid' }).click()]);
    const bidId = new URL(page.url()).pathname.split('/')[2];

    await page.getByLabel('Title of the bid').fill('Joint R&D centre');
    await page.getByLabel('Summary').fill('\nStarts with a blank line, which must survive every round trip.');
    await page.locator('#line-0-year').selectOption('2028');
    await page.locator('#line-0-category').selectOption({ label: 'joint R&D' });
    await page.locator('#line-0-amount').fill('2,000,000.10');
    await press('Add a row');
    // the new row carries on from the one above
    expect(await page.locator('#line-1-year').inputValue()).toBe('2028');
    expect(await page.locator('#line-1-category').inputValue()).toBe('joint-rnd');
    await page.locator('#line-1-source').selectOption({ label: 'Regional budget' });
    await page.locator('#line-1-amount').fill('1,234');
    await press('Add a row');
    await page.locator('#line-2-source').selectOption({ label: 'Extra-budgetary sources' });
    await page.locator('#line-2-amount').fill('abc');
    expect(await amounts()).toEqual(['2,000,000.10', '1,234', 'abc']);
    expect(await page.getByLabel('Title of the bid').inputValue()).toBe('Joint R&D centre');

    // an amount that cannot be read exactly is refused at its field; nothing is saved
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), press('Save the draft')]);
    expect(response.status()).toBe(400);
    const links = await page.locator('.error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#line-1-amount', '#line-2-amount']);
    expect(plain(await page.locator('#line-1-amount-error').innerText())).toContain('At most two digits after the decimal point');
    expect(plain(await page.locator('#line-2-amount-error').innerText())).toContain('Enter the amount in roubles');
    expect(await page.locator('#line-2-amount').getAttribute('aria-invalid')).toBe('true');
    expect(await linesOf(bidId)).toEqual([]);

    // remove the third row (the button names its row), fix the second, save
    await press('Remove row 3');
    expect(await amounts()).toEqual(['2,000,000.10', '1,234']);
    await page.locator('#line-1-amount').fill('1,234.00');
    await press('Save the draft');
    expect(new URL(page.url()).search).toBe('?done=saved');
    expect(await linesOf(bidId)).toEqual([
      { year: 2028, category: 'joint-rnd', source: 'federal', kopecks: '200000010' },
      { year: 2028, category: 'joint-rnd', source: 'regional', kopecks: '123400' },
    ]);
    // the totals and the share are rendered by the server as well
    expect(plain(await page.locator('[data-total="all"]').innerText())).toBe('RUB 2,001,234.10');
    expect(plain(await page.locator('[data-share]').innerText())).toBe('0.06%');
    expect(plain(await page.locator('[data-share-status]').innerText())).toContain('Below the minimum');

    // Enter in a text field saves (the form's first button), never "remove row 1"
    await page.getByLabel('Title of the bid').fill('Joint R&D centre, phase 2');
    await Promise.all([page.waitForNavigation(), page.getByLabel('Title of the bid').press('Enter')]);
    expect(new URL(page.url()).search).toBe('?done=saved');
    expect(await amounts()).toEqual(['2,000,000.10', '1,234.00']);
    const saved = (await t.db.query('SELECT title, summary FROM submissions WHERE id = $1', [bidId])).rows[0];
    expect(saved).toEqual({
      title: 'Joint R&D centre, phase 2',
      summary: '\nStarts with a blank line, which must survive every round trip.',
    });
    expect(await page.getByLabel('Summary').inputValue()).toBe(saved.summary);
  });
});
