import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatInstant, MOSCOW_TIME_ZONE } from '../../src/common/pdf/format';
import { A_PDF, aCompleteDraft, anApplicantWithCluster, openProgramme } from '../support/bids';
import type { TestUser } from '../support/test-app';
import { createWebTestApp, launchChromium, signInThroughForm, type WebTestApp } from './support';

/** Text as a person reads it: no-break and ordinary spaces alike, runs of blanks as one. */
const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('an applicant drafts, checks, submits and withdraws a bid in a real browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ministry: TestUser;
  let applicant: TestUser;
  let programme: { id: string; code: string; closesAt: string };

  beforeAll(async () => {
    t = await createWebTestApp();
    browser = await launchChromium();
    ministry = await t.user('ministry');
    applicant = (await anApplicantWithCluster(t, ministry, { timeZone: 'Asia/Tomsk' })).user;
    programme = await openProgramme(t, ministry, { titleRu: 'Кластеры 2.0 (e2e)', titleEn: 'Clusters 2.0 (e2e)' });
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

  const bidRow = async (id: string) => (await t.db.query('SELECT * FROM submissions WHERE id = $1', [id])).rows[0];
  const linesOf = async (id: string) =>
    (
      await t.db.query(
        'SELECT year, category, source, amount_kopecks::text AS kopecks FROM submission_budget_lines WHERE submission_id = $1 ORDER BY source',
        [id],
      )
    ).rows;
  const submitButton = (name: RegExp | string) => page.getByRole('button', { name, exact: typeof name === 'string' });
  const click = (name: RegExp | string) => Promise.all([page.waitForNavigation(), submitButton(name).click()]);
  /** The id of the element that has the keyboard focus (the test build has no DOM typings). */
  const focusedId = () =>
    page.evaluate(
      () => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id ?? null,
    );

  it('shows every failed rule at its field and in the summary, then submits, shows the receipt, withdraws and resubmits', async () => {
    await signInThroughForm(page, t.baseUrl, applicant.email);
    await page.goto(`${t.baseUrl}/programmes/${programme.id}`);
    await Promise.all([page.waitForURL(/\/bids\/[0-9a-f-]{36}$/), submitButton('Начать заявку').click()]);
    const bidId = new URL(page.url()).pathname.split('/')[2];
    expect((await bidRow(bidId)).status).toBe('draft');
    // the deadline in Moscow time and in the cluster's zone
    const deadline = plain(
      await page.locator('dl.facts dt', { hasText: 'Срок подачи' }).locator('xpath=following-sibling::dd[1]').innerText(),
    );
    expect(deadline).toContain(formatInstant(new Date(programme.closesAt), MOSCOW_TIME_ZONE, 'ru'));
    expect(deadline).toContain(formatInstant(new Date(programme.closesAt), 'Asia/Tomsk', 'ru'));

    await page.getByLabel('Название заявки').fill('Кластер 2.0: центр компетенций');
    await page.getByLabel('Краткое описание').fill('Совместные НИОКР и центр коллективного пользования');
    await page.getByLabel('Электронная почта').fill('so@cluster.example');
    await page.locator('#line-0-source').selectOption('federal');
    await page.locator('#line-0-amount').fill('1 000 000,00');
    await click('Добавить строку');
    await page.locator('#line-1-source').selectOption('regional');
    await page.locator('#line-1-amount').fill('100000.5');
    // the running totals and the share follow what is typed (the site script), against the 30 % minimum
    await page.locator('[data-share]', { hasText: '9,09' }).waitFor();
    expect(plain(await page.locator('[data-total="regional"]').innerText())).toBe('100 000,50 ₽');
    expect(await page.locator('[data-share-status]').getAttribute('data-state')).toBe('below');

    // "check" saves and lists every failed rule: the empty required section, the co-financing share, the missing PDF
    await click('Проверить заявку');
    expect(new URL(page.url()).search).toBe('?check=1');
    const summary = page.locator('.error-summary');
    expect(await focusedId()).toBe('error-summary');
    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.textContent!]));
    expect(links.map(([href, text]) => [href, plain(text!)])).toEqual([
      ['#section-programme', 'Заполните раздел «Программа развития».'],
      ['#budget', 'Доля софинансирования — 9,09 % бюджета; требуется не менее 30 %.'],
      ['#file-regional-letter', 'Приложите документ «Письмо субъекта РФ» (PDF).'],
    ]);
    const section = page.getByLabel(/Программа развития/);
    expect(await section.getAttribute('aria-invalid')).toBe('true');
    expect(plain(await page.locator('#section-programme-error').innerText())).toBe('Ошибка: Заполните раздел «Программа развития».');
    expect(await section.getAttribute('aria-describedby')).toContain('section-programme-error');
    expect(plain(await page.locator('#budget-error').innerText())).toContain('Доля софинансирования — 9,09 %');
    expect(plain(await page.locator('#file-regional-letter-error').innerText())).toContain('Приложите документ');
    // the summary's link takes the keyboard to the field
    await summary.getByRole('link', { name: /Заполните раздел/ }).click();
    expect(await focusedId()).toBe('section-programme');
    // what was typed was saved exactly, the kopecks included, never through a float
    expect(await linesOf(bidId)).toEqual([
      { year: 2027, category: 'specialised-organisation', source: 'federal', kopecks: '100000000' },
      { year: 2027, category: 'specialised-organisation', source: 'regional', kopecks: '10000050' },
    ]);

    // fix both, attach the PDF, check again
    await section.fill('Программа развития кластера на 2027–2028 годы');
    await page.locator('#line-1-amount').fill('500 000,07');
    await page.locator('#file-regional-letter').setInputFiles({ name: 'письмо.pdf', mimeType: 'application/pdf', buffer: A_PDF });
    await click('Загрузить выбранные файлы');
    expect(await page.locator('.notice-success').innerText()).toContain('файлы загружены');
    const file = page.locator('.attachment-kind', { hasText: 'Письмо субъекта РФ' });
    expect(await file.locator('.file-name').innerText()).toBe('письмо.pdf');
    expect(await file.locator('.sha').innerText()).toBe(createHash('sha256').update(A_PDF).digest('hex'));
    await click('Проверить заявку');
    expect(await page.locator('.error-summary').count()).toBe(0);
    expect(await page.locator('.notice-success').innerText()).toContain('Проверка пройдена');

    // submit: the receipt with the registration number, the server time in both zones, the checksum and the PDFs
    await Promise.all([page.waitForURL(/\/receipts\/1$/), submitButton('Подать заявку').click()]);
    const submitted = await bidRow(bidId);
    expect(submitted.status).toBe('submitted');
    expect(await page.locator('h1').innerText()).toBe('Заявка подана');
    expect(await page.locator('.registration-number').innerText()).toContain(submitted.registration_number);
    const { rows: versions } = await t.db.query('SELECT submitted_at, content_sha256 FROM submission_versions WHERE submission_id = $1', [
      bidId,
    ]);
    const receivedAt = plain(
      await page.locator('dl.facts dt', { hasText: 'Получена' }).locator('xpath=following-sibling::dd[1]').innerText(),
    );
    expect(receivedAt).toContain(formatInstant(versions[0].submitted_at, MOSCOW_TIME_ZONE, 'ru'));
    expect(receivedAt).toContain(formatInstant(versions[0].submitted_at, 'Asia/Tomsk', 'ru'));
    expect(await page.locator('dd.sha').innerText()).toBe(versions[0].content_sha256);
    for (const name of ['Расписка (PDF, на русском)', 'Расписка (PDF, на английском)']) {
      const pdf = await page.request.get(new URL((await page.getByRole('link', { name }).getAttribute('href'))!, t.baseUrl).href);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(await linesOf(bidId)).toEqual([
      { year: 2027, category: 'specialised-organisation', source: 'federal', kopecks: '100000000' },
      { year: 2027, category: 'specialised-organisation', source: 'regional', kopecks: '50000007' },
    ]);

    // withdraw, with a confirmation step
    await page.goto(`${t.baseUrl}/bids/${bidId}`);
    await Promise.all([page.waitForURL(/\/withdraw$/), page.getByRole('link', { name: 'Отозвать заявку' }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Отозвать заявку?');
    expect((await bidRow(bidId)).status).toBe('submitted'); // nothing happens before the confirmation
    await click('Да, отозвать заявку');
    expect((await bidRow(bidId)).status).toBe('withdrawn');
    expect(await page.locator('.page-head .badge').innerText()).toBe('Отозвана');
    expect(await page.locator('.notice-success').innerText()).toContain('Заявка отозвана');

    // and submit it again before the deadline: version 2 under the same number
    await Promise.all([page.waitForURL(/\/receipts\/2$/), submitButton('Подать заявку снова').click()]);
    expect((await bidRow(bidId)).status).toBe('submitted');
    expect(await page.locator('.registration-number').innerText()).toContain(submitted.registration_number);

    // "My bids" lists it with its status and number
    await page.getByRole('link', { name: 'Мои заявки' }).first().click();
    await page.waitForURL(`${t.baseUrl}/bids`);
    const row = page.locator('table.my-bids tbody tr', { hasText: 'Кластер 2.0: центр компетенций' });
    expect(plain(await row.innerText())).toContain(submitted.registration_number);
    expect(await row.locator('.badge').innerText()).toBe('Подана');
  });

  it('answers another cluster with the 404 page for the bid, its receipt and its form', async () => {
    const other = (await anApplicantWithCluster(t, ministry, { timeZone: 'Europe/Moscow' })).user;
    const owner = (await anApplicantWithCluster(t, ministry)).user;
    const draft = await t
      .http()
      .post(`/api/v1/programmes/${programme.id}/submissions`)
      .set(owner.auth)
      .send({ title: 'Чужая заявка' })
      .expect(201);

    await signInThroughForm(page, t.baseUrl, other.email);
    const response = await page.goto(`${t.baseUrl}/bids/${draft.body.id}`);
    expect(response!.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Страница не найдена');
    expect(await page.content()).not.toContain('Чужая заявка');
    expect((await page.request.get(`${t.baseUrl}/bids/${draft.body.id}/receipts/1`)).status()).toBe(404);
    expect((await page.request.get(`${t.baseUrl}/bids/${draft.body.id}/withdraw`)).status()).toBe(404);
    // a post without the page's token is refused before anything else; with another cluster's bid it is a 404 all the same
    const forged = await page.request.post(`${t.baseUrl}/bids/${draft.body.id}`, { multipart: { title: 'взлом', action: 'save' } });
    expect(forged.status()).toBe(404);
    expect((await bidRow(draft.body.id)).title).toBe('Чужая заявка');
    // the owner sees it
    const ownerContext = await browser.newContext();
    const ownerPage = await ownerContext.newPage();
    await signInThroughForm(ownerPage, t.baseUrl, owner.email);
    expect((await ownerPage.goto(`${t.baseUrl}/bids/${draft.body.id}`))!.status()).toBe(200);
    expect(await ownerPage.getByLabel('Название заявки').inputValue()).toBe('Чужая заявка');
    await ownerContext.close();
  });

  // Last: it moves the programme's deadline into the past.
  it('turns the editor read-only once the deadline passes, saying so with the deadline in both zones', async () => {
    const late = (await anApplicantWithCluster(t, ministry, { timeZone: 'Asia/Vladivostok' })).user;
    const draft = await aCompleteDraft(t, late, programme.id);
    await signInThroughForm(page, t.baseUrl, late.email);
    await page.goto(`${t.baseUrl}/bids/${draft.id}`);
    await page.getByLabel('Название заявки').fill('Изменение после срока');
    const { rows } = await t.db.query(`UPDATE programmes SET closes_at = now() - interval '1 second' WHERE id = $1 RETURNING closes_at`, [
      programme.id,
    ]);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Сохранить черновик', exact: true }).click(),
    ]);
    expect(response.status()).toBe(409);
    expect(await page.locator('.notice-error').innerText()).toContain('Срок подачи истёк');
    expect((await bidRow(draft.id)).title).not.toBe('Изменение после срока');

    await page.goto(`${t.baseUrl}/bids/${draft.id}`);
    expect(await page.locator('form#bid-form').count()).toBe(0);
    const frozen = plain(await page.locator('.notice-frozen').innerText());
    expect(frozen).toContain('Срок подачи истёк: заявку больше нельзя изменить.');
    expect(frozen).toContain(formatInstant(rows[0].closes_at, MOSCOW_TIME_ZONE, 'ru'));
    expect(frozen).toContain(formatInstant(rows[0].closes_at, 'Asia/Vladivostok', 'ru'));
    expect(await page.locator('.notice').filter({ hasText: 'не была подана' }).count()).toBe(1);
  });
});
