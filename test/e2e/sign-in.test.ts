import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatInstant, MOSCOW_TIME_ZONE } from '../../src/common/pdf/format';
import { API } from '../commissions/helpers';
import { anApplicantWithCluster, openProgramme } from '../support/bids';
import type { TestUser } from '../support/test-app';
import { aDraftProgramme, createWebTestApp, launchChromium, signInThroughForm, type WebTestApp } from './support';

describe('signing in and out in a real browser', () => {
  let t: WebTestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ministry: TestUser;
  let applicant: TestUser;
  let open: { id: string; closesAt: string };
  let draft: { id: string; titleRu: string };

  beforeAll(async () => {
    t = await createWebTestApp();
    browser = await launchChromium();
    ministry = await t.user('ministry');
    applicant = (await anApplicantWithCluster(t, ministry, { timeZone: 'Asia/Tomsk' })).user;
    open = await openProgramme(t, ministry);
    draft = await aDraftProgramme(t, ministry, { titleRu: 'Черновик для сотрудников', titleEn: 'Staff-only draft' });
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

  const sessionCookie = async () => (await context.cookies()).find((cookie) => cookie.name === 'konkurs_session');
  const fullName = async (email: string) => (await t.db.query('SELECT full_name FROM users WHERE email = $1', [email])).rows[0].full_name;
  const fact = (term: string) =>
    page.locator('dl.facts dt', { hasText: term }).first().locator('xpath=following-sibling::dd[1]').innerText();

  it('signs a ministry user in through the form, shows the account, and signs out, revoking the session', async () => {
    await page.goto(`${t.baseUrl}/`);
    await Promise.all([page.waitForURL('**/sign-in'), page.getByRole('link', { name: 'Войти' }).click()]);
    await signInThroughForm(page, t.baseUrl, ministry.email);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await fact('Имя')).toBe(await fullName(ministry.email));
    expect(await fact('Роль')).toBe('Сотрудник министерства');
    expect(await page.locator('header .who').innerText()).toContain(ministry.email);

    const cookie = await sessionCookie();
    expect(cookie).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Strict', path: '/' }));
    // a real session of the account: the same token works as the API's Bearer token
    const me = await t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${cookie!.value}`).expect(200);
    expect(me.body.email).toBe(ministry.email);

    await Promise.all([page.waitForURL(`${t.baseUrl}/`), page.getByRole('button', { name: 'Выйти' }).click()]);
    expect(await page.getByRole('link', { name: 'Войти' }).count()).toBe(1);
    expect(await sessionCookie()).toBeUndefined();
    await t.http().get(`${API}/auth/me`).set('Authorization', `Bearer ${cookie!.value}`).expect(401);
  });

  it('keeps the API Bearer-only: the session cookie opens pages, never the API', async () => {
    await signInThroughForm(page, t.baseUrl, ministry.email);
    expect((await page.request.get(`${t.baseUrl}/account`, { maxRedirects: 0 })).status()).toBe(200);
    const api = await page.request.get(`${t.baseUrl}${API}/auth/me`);
    expect(api.status()).toBe(401);
  });

  it('shows a wrong password on the page, keeps the e-mail, and counts it as a failed sign-in', async () => {
    await page.goto(`${t.baseUrl}/sign-in`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      signInThroughForm(page, t.baseUrl, applicant.email, 'not-the-password'),
    ]);
    expect(response.status()).toBe(401);
    expect(await page.locator('.error-summary').innerText()).toContain('Неверный адрес электронной почты или пароль.');
    expect(await page.getByLabel('Электронная почта').inputValue()).toBe(applicant.email);
    expect(await page.getByLabel('Пароль').getAttribute('aria-invalid')).toBe('true');
    expect(await sessionCookie()).toBeUndefined();
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM login_attempts WHERE email = $1 AND NOT succeeded', [
      applicant.email,
    ]);
    expect(rows[0].n).toBe(1);
  });

  it('sends a visitor from /account to the sign-in page and back; an applicant sees times in the cluster zone too', async () => {
    await page.goto(`${t.baseUrl}/account`);
    expect(page.url()).toBe(`${t.baseUrl}/sign-in?next=%2Faccount`);
    await signInThroughForm(page, t.baseUrl, applicant.email);
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await fact('Роль')).toBe('Представитель кластера (заявитель)');
    expect(await fact('Часовой пояс кластера')).toContain('Asia/Tomsk');

    await page.goto(`${t.baseUrl}/programmes/${open.id}`);
    const closesAt = new Date(open.closesAt);
    const shown = await fact('Окончание');
    expect(shown).toContain(formatInstant(closesAt, MOSCOW_TIME_ZONE, 'ru'));
    expect(shown).toContain(formatInstant(closesAt, 'Asia/Tomsk', 'ru'));
    expect(shown).toContain('(Asia/Tomsk, UTC+7)');
  });

  it('answers 404 for a draft to an applicant and shows it to ministry staff, as the API does', async () => {
    await signInThroughForm(page, t.baseUrl, applicant.email);
    expect((await page.goto(`${t.baseUrl}/programmes/${draft.id}`))!.status()).toBe(404);
    expect(await page.content()).not.toContain(draft.titleRu);

    const staff = await browser.newContext();
    const staffPage = await staff.newPage();
    await signInThroughForm(staffPage, t.baseUrl, ministry.email);
    expect((await staffPage.goto(`${t.baseUrl}/programmes/${draft.id}`))!.status()).toBe(200);
    expect(await staffPage.locator('h1').innerText()).toBe(draft.titleRu);
    expect(await staffPage.locator('.page-head .badge').first().innerText()).toBe('Черновик');
    await staff.close();
  });

  it('refuses form posts without the anti-forgery token of the page', async () => {
    await page.goto(`${t.baseUrl}/sign-in`);
    const forged = await page.request.post(`${t.baseUrl}/sign-in`, {
      form: { email: ministry.email, password: 'correct-horse-battery-staple' },
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Форма устарела');
    const wrong = await page.request.post(`${t.baseUrl}/sign-in`, {
      form: { email: ministry.email, password: 'correct-horse-battery-staple', _csrf: 'x'.repeat(43) },
    });
    expect(wrong.status()).toBe(403);
    expect(await sessionCookie()).toBeUndefined();

    await signInThroughForm(page, t.baseUrl, ministry.email);
    const signOut = await page.request.post(`${t.baseUrl}/sign-out`, { form: {}, maxRedirects: 0 });
    expect(signOut.status()).toBe(403);
    expect((await page.request.get(`${t.baseUrl}/account`, { maxRedirects: 0 })).status()).toBe(200);
  });
});
