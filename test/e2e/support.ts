import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { aMember, aProgrammeInScoring, API, assignments, runAssignment, scoreFully } from '../commissions/helpers';
import { aProgramme } from '../support/factories';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/test-app';

/** Debian's chromium (scripts/ensure-test-tools.mjs installs it); CHROMIUM_PATH points elsewhere if needed. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface WebTestApp extends TestApp {
  /** http://127.0.0.1:<port>: the real app listening on a real port, for the browser. */
  baseUrl: string;
}

/** The real app on a fresh database (as every test file gets), listening on a free port. */
export async function createWebTestApp(): Promise<WebTestApp> {
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return Object.assign(t, { baseUrl: `http://127.0.0.1:${port}` });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Signs in through the page's form, as a person would, and waits for the page it leads to. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD) {
  if (!page.url().includes('/sign-in')) await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/Электронная почта|E-mail/).fill(email);
  await page.getByLabel(/Пароль|Password/).fill(password);
  await Promise.all([page.waitForNavigation(), page.locator('form.form-card button[type=submit]').click()]);
}

/** The little of the DOM the tests read in the page (the test build has no DOM typings). */
interface RowElement {
  querySelectorAll(selector: string): ArrayLike<{ innerText: string }>;
}

/** Visible text of the cells of a table body, row by row. */
export function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      (rows as unknown as RowElement[]).map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.innerText.trim())),
    );
}

export interface PublishedProgramme {
  id: string;
  code: string;
  clusterNames: { ru: string; en: string }[];
}

const SCORES: [number, number][] = [
  [5, 5],
  [4, 3],
  [0.5, 5],
];

/**
 * A programme taken through the whole journey over the API (as test/allocations does): three bids from three
 * named clusters, scored by a two-member commission, ranked (the third drops below the quality minimum), a
 * greedy-skip run of 25 m roubles for 10 m requests, published.
 */
export async function aPublishedProgramme(t: TestApp, ministry: TestUser): Promise<PublishedProgramme> {
  const clusterNames = [
    { ru: 'Томский фармацевтический кластер', en: 'Tomsk pharmaceutical cluster' },
    { ru: 'Новосибирский ИТ-кластер', en: 'Novosibirsk IT cluster' },
    { ru: 'Кластер «Русский»', en: 'Russky Island cluster' },
  ];
  const programme = await aProgrammeInScoring(t, ministry, {
    clusters: clusterNames.map((name) => ({ nameRu: name.ru, nameEn: name.en })),
    rules: { reviewersPerBid: 2, titleRu: 'Итоги пилотного отбора (e2e)', titleEn: 'Results of the pilot call (e2e)' },
  });
  const members = [await aMember(t, ministry, programme.id, { role: 'chair' }), await aMember(t, ministry, programme.id)];
  expectOk(await runAssignment(t, ministry, programme.id), 'assignment');
  for (const review of (await assignments(t, ministry, programme.id)).items) {
    const bid = programme.bids.findIndex((b) => b.id === review.submissionId);
    await scoreFully(t, members.find((m) => m.id === review.memberId)!.user, review.id, ...SCORES[bid]);
  }
  const base = `${API}/programmes/${programme.id}`;
  expectOk(await t.http().post(`${base}/commission/close`).set(ministry.auth), 'close commission');
  expectOk(await t.http().post(`${base}/ranking`).set(ministry.auth), 'rank');
  const run = await t
    .http()
    .post(`${base}/allocation-runs`)
    .set(ministry.auth)
    .send({ policy: 'greedy-skip', budgetKopecks: '2500000000' });
  expectOk(run, 'allocation run');
  expectOk(await t.http().post(`${base}/allocation-runs/${run.body.id}/publish`).set(ministry.auth).send({}), 'publish');
  return { id: programme.id, code: programme.code, clusterNames };
}

/** A draft programme (never public). */
export async function aDraftProgramme(t: TestApp, ministry: TestUser, overrides: Record<string, unknown> = {}) {
  const created = await t.http().post(`${API}/programmes`).set(ministry.auth).send(aProgramme(overrides));
  expectOk(created, 'draft programme');
  return created.body as { id: string; code: string; titleRu: string; titleEn: string };
}

function expectOk(response: { status: number; body: unknown }, what: string) {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
}
