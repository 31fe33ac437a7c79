// End-to-end set-up: `npm run web -- --sandbox` as a real child process (core + web bridge + PEC
// sandbox on loopback), Debian's Chromium driven by playwright-core, and a trap HTTP server that
// counts every request a message manages to make.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { SandboxAccount } from '../../sandbox';
import { unzip } from '../main/send/helpers';

const ROOT = path.resolve(__dirname, '../..');

/** What `npm run web -- --sandbox --json` prints. */
export interface WebLaunch {
  url: string;
  dataDir: string;
  saveDir: string;
  sandbox: { imapPort: number; smtpPort: number; accounts: SandboxAccount[]; providerIndexUrl: string };
}

/** Builds the renderer once when `npm test` has not (it runs `npm run build` first). */
export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))) return;
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error('vite build failed');
}

/** Starts scripts/web.ts with the sandbox (unless told not to) and `args` (e.g. --no-index); resolves with its settings once it serves. */
export async function startWebApp(
  args: string[] = [],
  options: { sandbox?: boolean } = {},
): Promise<{ launch: WebLaunch; log(): string; signal(name: NodeJS.Signals): void; stop(): Promise<void>; kill(signal: NodeJS.Signals): Promise<void> }> {
  ensureRendererBuilt();
  const sandbox = options.sandbox === false ? [] : ['--sandbox'];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'web.ts'), ...sandbox, '--no-build', '--json', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    void exited.then((code) => reject(new Error(`npm run web exited with ${code}: ${stderr}`)));
  });
  const launch = JSON.parse(await firstLine) as WebLaunch;
  return {
    launch,
    /** What the web app wrote to stderr so far. */
    log: () => stderr,
    signal(name: NodeJS.Signals) {
      child.kill(name);
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    /** Sends `signal` (SIGKILL: a crash, no clean-up at all) and waits for the process to end. */
    async kill(signal) {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Debian's Chromium, headless; the background-networking flags keep it off the closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** An HTTP server on loopback that records every request it gets. */
export async function startTrapServer(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The web app and Chromium of one test file, and pages of the app closed after each test. */
export interface WebAppSession {
  /** The running web app's settings (once the file's before() hooks ran). */
  readonly launch: WebLaunch;
  /** Opens the app in a new page, closed when the test `t` ends. */
  newPage(t: { after(fn: () => Promise<void>): void }): Promise<Page>;
}

/** Starts the web app (with `args` for scripts/web.ts) and Chromium before the file's tests and closes both after them. */
export function useWebApp(args: string[] = []): WebAppSession {
  let web: Awaited<ReturnType<typeof startWebApp>> | undefined;
  let browser: Browser | undefined;
  before(async () => {
    web = await startWebApp(args);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await web?.stop();
  });
  const started = () => {
    if (!web || !browser) throw new Error('the web app is started in before()');
    return { launch: web.launch, browser };
  };
  return {
    get launch() {
      return started().launch;
    },
    async newPage(t) {
      const { launch, browser } = started();
      const page = await openApp(browser, launch.url);
      closeWhenDone(t, page, () => web?.log() ?? '');
      return page;
    },
  };
}

/** Closes `page` when the test `t` ends, once describeFailure has written it to the log if the test failed. */
export function closeWhenDone(t: { after(fn: () => Promise<void>): void }, page: Page, log: () => string): void {
  t.after(async () => {
    if ((t as { passed?: boolean }).passed === false) await describeFailure(page, log());
    await page.close();
  });
}

/**
 * After a failed test, writes what the page showed (its text: dialogs, errors and statuses
 * included) and the end of the web app's stderr to the test log: a timeout alone says what was
 * awaited, not what the user would have seen instead.
 */
async function describeFailure(page: Page, log: string): Promise<void> {
  const text = await page
    .evaluate(() => document.body.innerText.replace(/\s*\n\s*/g, ' · '))
    .catch((err: unknown) => `(the page cannot be read: ${String(err)})`);
  const tail = (value: string, chars: number) => (value.length > chars ? `…${value.slice(-chars)}` : value);
  process.stderr.write(`\n--- the page when the test failed (${page.url()}):\n${tail(text, 4000)}\n--- the web app's stderr:\n${tail(log, 2000) || '(empty)'}\n---\n`);
}

/** Opens the app in a new page and waits for the first message list. */
export async function openApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page.getByTestId('message-row').first().waitFor({ timeout: 60_000 });
  return page;
}

/** Saves a screenshot for the README under docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ROOT, 'docs', 'screenshots', `${name}.png`) });
}

/** Submits a message to the sandbox's SMTP access point as one of its mailboxes (PEC if the mailbox is PEC). */
export async function sendThroughSandbox(launch: WebLaunch, message: { from: string; to: string; subject: string; html: string; attachments?: { filename: string; content: Buffer }[] }): Promise<void> {
  const { default: nodemailer } = await import('nodemailer');
  const mailbox = launch.sandbox.accounts.find((a) => a.address === message.from);
  if (!mailbox) throw new Error(`no sandbox mailbox ${message.from}`);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: launch.sandbox.smtpPort, secure: false, ignoreTLS: true, auth: { user: mailbox.address, pass: mailbox.password } });
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

/** Selects a folder of an account in the left pane (role: inbox, sent, receipts, trash, …). */
export async function selectFolder(page: Page, account: string, role: string): Promise<void> {
  await page.locator('section.account', { has: page.locator(`header[title="${account}"]`) }).locator(`button[data-role="${role}"]`).click();
}

/** The list rows whose text has `subject`. */
export function messageRow(page: Page, subject: string) {
  return page.getByTestId('message-row').filter({ hasText: subject });
}

/** Presses "Ricevi" until the message is listed (the sandbox delivers a moment after accepting it). */
export async function receiveUntilListed(page: Page, subject: string): Promise<void> {
  await until(async () => {
    await page.getByRole('button', { name: 'Ricevi' }).click();
    return messageRow(page, subject)
      .waitFor({ timeout: 2_000 })
      .then(() => true);
  }, `"${subject}" in the list`);
}

/**
 * Polls `probe` until it returns true (state that arrives asynchronously, e.g. receipts after a
 * sync); `what` may be a function, to say in the timeout error where things stood.
 */
export async function until(probe: () => Promise<boolean>, what: string | (() => string), timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Re-reads `read` until `matches` accepts what it returns, then returns that; once `timeoutMs` has
 * passed, `fail` asserts on the last value seen (so the error shows it). For state that is still
 * arriving when the line runs: an engine round trip, a re-query after a store change, a page of a
 * virtual list, a toast or dialog filling in, an autosave.
 */
async function settled<T>(read: () => Promise<T>, matches: (value: T) => boolean, fail: (last: T | undefined, error: unknown) => void, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined;
    let error: unknown;
    try {
      value = await read();
      if (matches(value)) return value;
    } catch (e) {
      error = e;
    }
    if (Date.now() > deadline) {
      fail(value, error);
      throw error instanceof Error ? error : new Error(`no match after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A short wait for each read, so a missing element is read again instead of stalling the poll. */
const READ = { timeout: 2_000 };

const textMatches = (expected: RegExp | string) => (text: string) => (typeof expected === 'string' ? text === expected : expected.test(text));
const assertText = (expected: RegExp | string, message?: string) => (last: string | undefined, error: unknown) => {
  if (last === undefined) throw new assert.AssertionError({ message: `${message ?? String(expected)}: nothing read (${String(error)})`, expected });
  if (typeof expected === 'string') assert.equal(last, expected, message);
  else assert.match(last, expected, message);
};

/**
 * Waits until `locator`'s innerText matches `expected` (a RegExp, or the whole text) and returns
 * it; fails with the last text seen.
 */
export function expectText(locator: Locator, expected: RegExp | string, message?: string, timeoutMs = 30_000): Promise<string> {
  return settled(() => locator.innerText(READ), textMatches(expected), assertText(expected, message), timeoutMs);
}

/** Waits until the input `locator` holds `expected` (a RegExp, or the whole value); fails with the last value seen. */
export function expectValue(locator: Locator, expected: RegExp | string, message?: string, timeoutMs = 30_000): Promise<string> {
  return settled(() => locator.inputValue(READ), textMatches(expected), assertText(expected, message), timeoutMs);
}

/** Waits until `locator` matches exactly `expected` elements (a list still loading, a row going away); fails with the last count. */
export function expectCount(locator: Locator, expected: number, message?: string, timeoutMs = 30_000): Promise<number> {
  return settled(
    () => locator.count(),
    (n) => n === expected,
    (last) => assert.equal(last, expected, message),
    timeoutMs,
  );
}

/** Waits until `read` returns a value deep-equal to `expected` (rows of a list still loading, counters still arriving); fails with the last value. */
export function expectEqual<T>(read: () => Promise<T>, expected: T, message?: string, timeoutMs = 30_000): Promise<T> {
  return settled(
    read,
    (value) => isDeepStrictEqual(value, expected),
    (last) => assert.deepEqual(last, expected, message),
    timeoutMs,
  );
}

/** Clicks `button`, waits for the browser's download and lists the entries of the downloaded .zip (read by yauzl). */
export async function downloadZipEntries(page: Page, button: Locator): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return [...(await unzip(Buffer.concat(chunks))).keys()];
}
