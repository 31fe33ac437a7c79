// Runs before `npm test`: the tests use a real Dovecot, a real Chromium and pdftotext (Debian packages).
// Missing ones are installed with apt-get when we are root on a Debian-like system (CI, dev boxes);
// otherwise we stop with the exact command to run, instead of letting 40 tests fail one by one.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const needs = [
  { what: 'Dovecot IMAP server', file: '/usr/sbin/dovecot', packages: ['dovecot-imapd', 'dovecot-lmtpd'] },
  { what: 'Chromium', file: '/usr/bin/chromium', packages: ['chromium'] },
  { what: 'OpenSSL', file: '/usr/bin/openssl', packages: ['openssl'] },
  { what: 'pdftotext (the print view\'s PDF is read back)', file: '/usr/bin/pdftotext', packages: ['poppler-utils'] },
];

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`PecDesk needs Node 22 or newer, this is ${process.version}: run the tests through npm (npm test), which uses the Node 22 installed by npm ci in node_modules/.bin.`);
  process.exit(1);
}

const missing = needs.filter((n) => !fs.existsSync(n.file));
if (missing.length === 0) process.exit(0);
const packages = missing.flatMap((m) => m.packages);
const command = `apt-get install -y ${packages.join(' ')}`;
const canApt = process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
if (!canApt) {
  console.error(`Missing for the tests: ${missing.map((m) => m.what).join(', ')}. Install with: sudo ${command}`);
  process.exit(1);
}
console.log(`Installing ${packages.join(', ')} (needed by the tests) …`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-q', ...packages], { stdio: 'inherit', env });
