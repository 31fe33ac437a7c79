// Commits that do not stall this thread on the disk. With synchronous=FULL every commit waits for
// an fsync of the WAL on the thread that runs SQLite, which is also the thread that talks to the
// mail servers. A write run through deferSync commits with synchronous=NORMAL (its frames are
// written to the WAL, not yet fsynced) and is durable once the returned promise resolves: the WAL
// file is then fsynced from libuv's thread pool. That is the durability of a FULL commit, reached
// later: a caller must not act on the write (start an SMTP transaction) before `durable`. Writes
// made while an fsync runs share the next one, so a burst of small commits costs a few fsyncs.
// A process killed before the fsync loses nothing either way: the frames are in the OS's cache.
//
// The WAL is opened once and its descriptor kept until the store closes: a round is then one job
// in libuv's thread pool instead of three (open, fsync, close), each of which would queue behind
// the raw files a bulk send writes meanwhile, and every queued job is time a claimed message waits
// before its SMTP transaction. SQLite keeps the same WAL file while a connection is open (it is
// reset in place, truncated at most, and deleted only when the last connection closes), so the
// descriptor names the file the commits write to for as long as the store is open.
import fs from 'node:fs';
import { promisify } from 'node:util';
import type Database from 'better-sqlite3';

const fsAsync = { open: promisify(fs.open), fsync: promisify(fs.fsync), close: promisify(fs.close) };

type Deferred = { promise: Promise<void>; resolve: () => void; reject: (err: unknown) => void };

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** The write-ahead log of one database connection, fsynced in rounds. */
export class WalSync {
  private running: Promise<void> | null = null;
  private next: Deferred | null = null;
  private fd: Promise<number> | null = null;
  private closed = false;
  // Prepared once: db.pragma() prepares its statement at every call.
  private readonly normal: Database.Statement;
  private readonly full: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly walPath: string,
  ) {
    this.normal = db.prepare('PRAGMA synchronous = NORMAL');
    this.full = db.prepare('PRAGMA synchronous = FULL');
  }

  /** Runs `write` (which commits its own transaction) without waiting for the disk; `durable` resolves once it is. */
  deferSync<T>(write: () => T): { value: T; durable: Promise<void> } {
    this.normal.run();
    let value: T;
    try {
      value = write();
    } finally {
      this.full.run();
    }
    return { value, durable: this.flush() };
  }

  /** An fsync that starts after every commit made so far. */
  private flush(): Promise<void> {
    if (!this.running) return (this.running = this.round());
    // The fsync under way may have started before this commit: wait for the next one.
    this.next ??= deferred();
    return this.next.promise;
  }

  private round(): Promise<void> {
    return this.fsyncWal().finally(() => {
      const waiting = this.next;
      this.next = null;
      this.running = waiting ? this.round() : null;
      if (waiting) this.running!.then(waiting.resolve, waiting.reject);
    });
  }

  private async fsyncWal(): Promise<void> {
    // A failed open is not kept: the next round tries again.
    this.fd ??= fsAsync.open(this.walPath, 'r+').catch((err: unknown) => {
      this.fd = null;
      throw err;
    });
    try {
      await fsAsync.fsync(await this.fd);
    } finally {
      if (this.closed) this.release();
    }
  }

  /** The store is closing: the descriptor goes once the round under way (if any) is over. */
  close(): void {
    this.closed = true;
    if (!this.running) this.release();
  }

  private release(): void {
    const fd = this.fd;
    this.fd = null;
    void fd?.then((n) => fsAsync.close(n)).catch(() => undefined);
  }
}
