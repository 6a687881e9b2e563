// The tests read generated PDFs back with pdftotext (Debian's poppler-utils). Installs it when missing and we may
// (root with apt-get); otherwise says exactly what to install.
import { spawnSync } from 'node:child_process';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

if (!has('pdftotext')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log('Installing poppler-utils (pdftotext) for the PDF tests…');
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = spawnSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (update.status !== 0 || install.status !== 0 || !has('pdftotext')) {
      console.error('Could not install poppler-utils; install it (apt-get install poppler-utils) and run the tests again.');
      process.exit(1);
    }
  } else {
    console.error('The tests need pdftotext: install poppler-utils (e.g. sudo apt-get install poppler-utils).');
    process.exit(1);
  }
}
