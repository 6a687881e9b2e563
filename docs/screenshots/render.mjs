// Screenshots of the main pages in Russian and English, desktop and phone, from the real app with its demo data,
// plus each page's load time and transfer size as Chromium measures them.
//
//   npm run build && node docs/screenshots/render.mjs            starts dist/src/main.js on a fresh data folder
//   node docs/screenshots/render.mjs --base-url http://127.0.0.1:3000   uses an app already running with demo data
//   node docs/screenshots/render.mjs --only my-bids,bid-editor          only the pages named
//
// Needs Debian's chromium (apt-get install chromium) and the playwright-core dev dependency.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const DEMO_PASSWORD = 'konkurs-demo-2026';
/** Tomsk has a submitted bid in the open call and a published 2014 bid; Northern a draft missing sections and files. */
const DEMO_APPLICANTS = { tomsk: 'tomsk@konkurs.demo', northern: 'northern@konkurs.demo' };
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};
const LANGUAGES = ['ru', 'en'];

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

async function startApp() {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'konkurs-screenshots-'));
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KONKURS_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  // Demo data loads before the app listens, so the first healthy answer means the data is there.
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, stop };
}

async function programmeIds(baseUrl) {
  const { items } = await (await fetch(`${baseUrl}/api/v1/programmes`)).json();
  const open = items.find((p) => p.status === 'open');
  const published = items.find((p) => p.code === 'PILOT-2014') ?? items.find((p) => p.status === 'published');
  if (!open || !published) throw new Error('the demo data has no open or no published programme');
  return { open: open.id, published: published.id };
}

/** The first bid of a demo applicant's cluster in a programme, read over the API as that applicant. */
async function bidOf(baseUrl, login, programmeId) {
  const signedIn = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO_APPLICANTS[login], password: DEMO_PASSWORD }),
  });
  const { token } = await signedIn.json();
  const list = await fetch(`${baseUrl}/api/v1/programmes/${programmeId}/submissions`, { headers: { Authorization: `Bearer ${token}` } });
  const [bid] = (await list.json()).items;
  if (!bid) throw new Error(`the demo applicant ${login} has no bid in programme ${programmeId}`);
  await fetch(`${baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  return bid.id;
}

/** Navigation and resource timings of the page just loaded, from the Performance API. */
async function measure(page) {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    const resources = performance.getEntriesByType('resource');
    const entries = [navigation, ...resources];
    return {
      loadMs: Math.round(navigation.loadEventEnd - navigation.startTime),
      domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd - navigation.startTime),
      requests: entries.length,
      transferBytes: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
      decodedBytes: entries.reduce((sum, e) => sum + (e.decodedBodySize || 0), 0),
      htmlBytes: navigation.decodedBodySize,
    };
  });
}

async function signIn(page, baseUrl, language, login) {
  await page.goto(`${baseUrl}/sign-in?lang=${language}`);
  await page.fill('#email', DEMO_APPLICANTS[login]);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForURL('**/account'), page.click('form.form-card button[type=submit]')]);
}

async function main() {
  const given = process.argv.indexOf('--base-url');
  const app = given > 0 ? { baseUrl: process.argv[given + 1], stop: async () => {} } : await startApp();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
  });
  const figures = [];
  try {
    const ids = await programmeIds(app.baseUrl);
    const tomskOpen = await bidOf(app.baseUrl, 'tomsk', ids.open);
    const tomskPublished = await bidOf(app.baseUrl, 'tomsk', ids.published);
    const northernDraft = await bidOf(app.baseUrl, 'northern', ids.open);
    const pages = [
      { name: 'home', path: '/' },
      { name: 'programme-open', path: `/programmes/${ids.open}` },
      { name: 'programme-results', path: `/programmes/${ids.published}` },
      { name: 'sign-in', path: '/sign-in' },
      { name: 'account', path: '/account', signedIn: 'tomsk' },
      { name: 'my-bids', path: '/bids', signedIn: 'tomsk' },
      { name: 'bid-editor', path: `/bids/${tomskOpen}`, signedIn: 'tomsk' },
      { name: 'bid-check', path: `/bids/${northernDraft}?check=1`, signedIn: 'northern' },
      { name: 'bid-receipt', path: `/bids/${tomskOpen}/receipts/1`, signedIn: 'tomsk' },
      { name: 'bid-withdraw', path: `/bids/${tomskOpen}/withdraw`, signedIn: 'tomsk' },
      { name: 'bid-outcome', path: `/bids/${tomskPublished}`, signedIn: 'tomsk' },
      { name: 'not-found', path: '/programmes/00000000-0000-4000-8000-000000000000' },
    ];
    const only = process.argv.indexOf('--only');
    const chosen = only > 0 ? pages.filter((spec) => process.argv[only + 1].split(',').includes(spec.name)) : pages;
    for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
      for (const language of LANGUAGES) {
        for (const spec of chosen) {
          // A fresh context per page: cold cache, so the figures are a first visit's.
          const context = await browser.newContext({ viewport, locale: language === 'ru' ? 'ru-RU' : 'en-GB' });
          const page = await context.newPage();
          if (spec.signedIn) await signIn(page, app.baseUrl, language, spec.signedIn);
          await page.goto(`${app.baseUrl}${spec.path}${spec.path.includes('?') ? '&' : '?'}lang=${language}`, { waitUntil: 'load' });
          figures.push({ page: spec.name, language, viewport: viewportName, ...(await measure(page)) });
          const file = join(here, `${spec.name}-${language}-${viewportName}.png`);
          await page.screenshot({ path: file, fullPage: true });
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  console.table(figures);
  const heaviest = figures.reduce((a, b) => (b.transferBytes > a.transferBytes ? b : a));
  console.log(
    `Heaviest: ${heaviest.page} (${heaviest.language}, ${heaviest.viewport}): ${heaviest.transferBytes} bytes transferred ` +
      `(${heaviest.decodedBytes} decoded, HTML ${heaviest.htmlBytes}) in ${heaviest.requests} requests, load ${heaviest.loadMs} ms`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
