// The tests need two Debian packages: poppler-utils (pdftotext reads generated PDFs back) and chromium (the web
// interface's end-to-end tests drive it through playwright-core; `npx playwright install` cannot download here).
// Installs what is missing when we may (root with apt-get); otherwise says exactly what to install.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

const TOOLS = [
  { package: 'poppler-utils', present: () => has('pdftotext'), why: 'pdftotext, for the PDF tests' },
  {
    package: 'chromium',
    // CHROMIUM_PATH points the e2e tests at another Chromium build
    present: () => (process.env.CHROMIUM_PATH ? existsSync(process.env.CHROMIUM_PATH) : existsSync('/usr/bin/chromium')),
    why: 'headless Chromium, for the end-to-end tests of the web pages (test/e2e)',
  },
];

const missing = TOOLS.filter((tool) => !tool.present());
if (missing.length > 0) {
  const names = missing.map((tool) => tool.package);
  if (process.getuid?.() === 0 && has('apt-get')) {
    for (const tool of missing) console.log(`Installing ${tool.package} (${tool.why})…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env });
    const stillMissing = missing.filter((tool) => !tool.present()).map((tool) => tool.package);
    if (update.status !== 0 || install.status !== 0 || stillMissing.length > 0) {
      console.error(
        `Could not install ${stillMissing.join(', ') || names.join(', ')}; install it (apt-get install ${names.join(' ')}) and run the tests again.`,
      );
      process.exit(1);
    }
  } else {
    for (const tool of missing)
      console.error(`The tests need ${tool.why}: install ${tool.package} (e.g. sudo apt-get install ${tool.package}).`);
    if (names.includes('chromium')) console.error('Or set CHROMIUM_PATH to a Chromium or Chrome executable.');
    process.exit(1);
  }
}
