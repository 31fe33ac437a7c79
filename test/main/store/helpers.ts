// Shared pieces of the store tests: a fresh store in a temp folder, and the fixture files.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '../../../src/main/store';

/** The real provider messages (a sibling of the checkout, see its SOURCES.md). */
export const REAL_DIR = path.resolve(__dirname, '../../fixtures/pec-real');
/** Hand-written unsigned receipts and sent messages for the receipt types no real sample exists of (README.md there). */
export const STORE_FIXTURES = path.resolve(__dirname, '../../fixtures/store');

export function real(name: string): Buffer {
  return fs.readFileSync(path.join(REAL_DIR, name));
}

export function own(name: string): Buffer {
  return fs.readFileSync(path.join(STORE_FIXTURES, name));
}

/** A new empty folder, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-store-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs fn with a store opened in a fresh temp folder, then closes and removes both. */
export async function withStore(fn: (store: Store, dir: string) => Promise<void> | void): Promise<void> {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir);
  try {
    await fn(store, dir);
  } finally {
    store.close();
    cleanup();
  }
}

/** Imports raw bytes and fails the test if the store refused them. */
export async function importOk(store: Store, raw: Buffer): Promise<number> {
  const result = await store.importMessage(raw);
  if (!result.ok) throw new Error(`import failed: ${result.code} ${result.detail}`);
  return result.messageRowId;
}

/** Records a sent message from its .eml and fails the test if that is refused. */
export async function sentOk(store: Store, raw: Buffer): Promise<number> {
  const result = await store.importSentMessage(raw);
  if (!result.ok) throw new Error(`recordSent failed: ${result.code} ${result.detail}`);
  return result.sentMessageId;
}

const repoRoot = path.resolve(__dirname, '../../..');

/** Runs `pecdesk ARGS…` as a subprocess, as a user would (used by the import and stats CLI tests too). */
export function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
