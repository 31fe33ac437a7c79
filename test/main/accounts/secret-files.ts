// Shared by the SecretStore tests: a fresh data folder per test, and a scan of every file in it
// for a password in clear.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temporary data folder removed after the test. */
export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-secrets-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under dir whose bytes contain the password in clear (UTF-8, UTF-16LE or base64). */
export function filesRevealing(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('base64'))];
  const hits: string[] = [];
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = fs.readFileSync(file);
    if (needles.some((n) => bytes.includes(n))) hits.push(file);
  }
  return hits;
}

/** Permission bits of a file. */
export function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

