// Shared pieces of the store tests: a fresh store in a temp folder, and the fixture files.
import { spawn, spawnSync } from 'node:child_process';
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

/** A real small filesystem (tmpfs) to run out of space on, and a filler file that takes what is left. */
export interface SmallDisk {
  dir: string;
  /** Writes a filler file until the filesystem is full. */
  fill(): void;
  /** Removes the filler: the space is back. */
  free(): void;
  cleanup(): void;
}

/**
 * Mounts a tmpfs of `megabytes` MB. Mounting needs root (CI runs as root): without it this fails
 * with the reason, so a disk-full test never passes without having filled a disk.
 */
export function smallDisk(megabytes = 2): SmallDisk {
  if (process.getuid?.() !== 0) throw new Error('the disk-full tests mount a tmpfs and need root: run them as root (as CI does)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    fs.rmdirSync(dir);
    throw new Error(`cannot mount a ${megabytes} MB tmpfs on ${dir}: ${mounted.stderr || mounted.error?.message}`);
  }
  const filler = path.join(dir, 'filler.bin');
  return {
    dir,
    fill() {
      const fd = fs.openSync(filler, 'a');
      const block = Buffer.alloc(16 * 1024, 0x55);
      try {
        for (;;) fs.writeSync(fd, block);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        fs.closeSync(fd);
      }
      // The last partial block: fill byte by byte what a whole block did not fit in.
      const last = fs.openSync(filler, 'a');
      try {
        for (;;) fs.writeSync(last, block, 0, 512);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        fs.closeSync(last);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    cleanup() {
      // Lazy: a store a failed test left open must not keep the mount (and hide that failure).
      spawnSync('umount', ['-l', dir]);
      fs.rmdirSync(dir);
    },
  };
}
