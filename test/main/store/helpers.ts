// Shared pieces of the store tests: a fresh store in a temp folder, and the fixture files.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, openStore, type Store } from '../../../src/main/store';
import { randomBytes } from 'node:crypto';
import type { ReceiptType } from '../../../src/shared/pec';
import { daticertXml, pecMessage, receiptHeaders, signedEntity, testPki, type SignSpec, type TestSigner } from '../pec/helpers/pec-factory';

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

let home: string | null = null;
/** One empty PecDesk home per test process, removed when it exits. */
function testHome(): string {
  if (home) return home;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-home-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return (home = dir);
}

/** Runs `pecdesk ARGS…` as a subprocess, as a user would (used by the import and stats CLI tests too), in a PecDesk home of its own. */
export function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // A home of its own: a command run without --store/--data must never touch the tester's own PecDesk.
    const env = { ...process.env, PECDESK_HOME: testHome() };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  /** Makes the filesystem `megabytes` MB large (a tmpfs remount keeps its files). */
  grow(megabytes: number): void;
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
    grow(size: number) {
      const remounted = spawnSync('mount', ['-o', `remount,size=${size}m`, dir], { encoding: 'utf8' });
      if (remounted.status !== 0) throw new Error(`cannot grow the tmpfs on ${dir}: ${remounted.stderr || remounted.error?.message}`);
    },
    cleanup() {
      // Lazy: a store a failed test left open must not keep the mount (and hide that failure).
      spawnSync('umount', ['-l', dir]);
      fs.rmdirSync(dir);
    },
  };
}

/**
 * A hand-written unsigned provider message (fixtures/store) signed the way providers sign: its
 * multipart/mixed body wrapped in multipart/signed by the test PKI's provider certificate. Without
 * a providers' index that is "integra", which counts; unsigned it would count nowhere.
 */
export function signed(raw: Buffer, signer: TestSigner = testPki().provider): Buffer {
  const text = raw.toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  if (!split) throw new Error('no header block');
  const head = text.slice(0, split.index).split(/\r?\n(?![ \t])/);
  const isType = (line: string) => /^content-type:/i.test(line);
  const contentType = head.find(isType);
  if (!contentType) throw new Error('no Content-Type');
  const kept = head.filter((line) => !isType(line) && !/^mime-version:/i.test(line));
  const body = raw.subarray(Buffer.byteLength(text.slice(0, split.index + split[0].length), 'latin1'));
  const mixed = Buffer.concat([Buffer.from(`${contentType}\r\n\r\n`, 'latin1'), body]);
  return Buffer.concat([Buffer.from(`${kept.join('\r\n')}\r\nMIME-Version: 1.0\r\n`, 'latin1'), signedEntity(mixed, { signer })]);
}

/** A store fixture, signed (see signed). */
export function ownSigned(name: string): Buffer {
  return signed(own(name));
}

/** What a test receipt says (daticert facts) and how it is signed (null: not at all). */
export interface ReceiptSpec {
  type: ReceiptType;
  msgid: string;
  /** daticert <consegna> (delivery receipts). */
  consegna?: string;
  /** The outer X-Riferimento-Message-ID; the daticert msgid by default. */
  headerRef?: string;
  identificativo?: string;
  mittente?: string;
  errore?: string;
  giorno?: string;
  ora?: string;
  zona?: string;
  sign?: SignSpec | null;
}

/** A provider receipt built with the PEC test factory, signed by the test provider unless told otherwise. */
export function receiptEml(spec: ReceiptSpec): Buffer {
  const headerRef = spec.headerRef ?? spec.msgid;
  const headers = receiptHeaders(spec.type).map((line) => (line.startsWith('X-Riferimento-Message-ID:') ? `X-Riferimento-Message-ID: <${headerRef}>` : line));
  const unique = `opec.${randomBytes(6).toString('hex')}@pec.test`;
  return pecMessage({
    headers: headers.map((line) => (line.startsWith('Message-ID:') ? `Message-ID: <${unique}>` : line)),
    daticert: {
      xml: daticertXml({
        tipo: spec.type,
        errore: spec.errore ?? (spec.type === 'avvenuta-consegna' || spec.type === 'accettazione' || spec.type === 'presa-in-carico' ? 'nessuno' : 'no-dest'),
        msgid: `<${spec.msgid}>`,
        consegna: spec.consegna,
        identificativo: spec.identificativo,
        mittente: spec.mittente,
        giorno: spec.giorno,
        ora: spec.ora,
        zona: spec.zona,
      }),
    },
    sign: spec.sign === undefined ? { signer: testPki().provider } : spec.sign,
  });
}

/** A database in `file` at the schema just before `migration` (one of `migrations`), as an older PecDesk left it. */
export function databaseBefore(migration: string, file: string): Database.Database {
  const db = new Database(file);
  for (const [n, sql] of migrations.slice(0, migrations.indexOf(migration)).entries()) {
    db.exec(sql);
    db.pragma(`user_version = ${n + 1}`);
  }
  return db;
}
