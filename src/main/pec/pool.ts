// analyzeWithText on a few worker threads, so that a sync classifies one FETCH chunk while the
// thread that owns the connection and the store fetches the next one and stores the previous one.
// Answers keep the order of the bytes given. A message that throws, or that kills its thread (out
// of memory, a native crash), is answered "crashed" and the thread is replaced: every message gets
// an outcome, and the store files a crashed one as unreadable, never drops it. Threads that cannot
// start at all leave the work to this thread, as before the pool existed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { analyzeWithText } from './analyze';
import { crashed, type PoolAnswer, type PooledAnalysis, type PoolRequest } from './pool-protocol';

/** Classification off the calling thread; one per sync engine, closed with it. */
export interface AnalyzerPool {
  /** analyzeWithText of each message, in the same order; rejects only once the pool is closed. */
  analyze(raws: Buffer[]): Promise<PooledAnalysis[]>;
  /**
   * Starts every thread now, so that loading their script overlaps what precedes the first
   * analysis (logging in, listing the mailbox) instead of delaying it; idle, they keep no process alive.
   */
  warm(): void;
  /** Ends the threads; analyses still running reject. */
  close(): Promise<void>;
}

/** What a pool may be given; the defaults suit the app. */
export interface AnalyzerPoolOptions {
  /** Threads at most; defaultPoolSize() when absent. */
  size?: number;
  /** The worker's script; the one beside this file (source or bundle) when absent. */
  entry?: string;
  /** Each thread's memory cap: a hostile message can at worst exhaust its thread, not the engine. */
  resourceLimits?: ResourceLimits;
}

/** One thread per core but one, which the connection and the store keep busy; at least one, at most four. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, os.availableParallelism() - 1));
}

// Far above what a 200 MB message (MAX_MESSAGE_BYTES) takes to analyse.
const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

/**
 * The worker's entry: pool-worker.ts beside this file when running from source (tests, tsx, which
 * the worker inherits through execArgv); analyzer-worker.js beside the bundle once built.
 */
function workerEntry(): string {
  const source = path.join(__dirname, 'pool-worker.ts');
  return fs.existsSync(source) ? source : path.join(__dirname, 'analyzer-worker.js');
}

interface Job {
  seq: number;
  raw: Buffer;
  /** Sent again after a thread died with it unanswered: answered alone, so a death on it is its own. */
  suspect: boolean;
  resolve(analyzed: PooledAnalysis): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  /** The script loaded: from then on a death is the fault of the message being analysed. */
  ready: boolean;
  /** Sent and not answered, in the order sent (a worker answers in that order). */
  inFlight: Job[];
  error: Error | null;
}

/** Creates a pool; its threads start with the first analysis and stay until close(). */
export function createAnalyzerPool(options: AnalyzerPoolOptions = {}): AnalyzerPool {
  return new ThreadPool(Math.max(1, options.size ?? defaultPoolSize()), options.entry ?? workerEntry(), options.resourceLimits ?? WORKER_LIMITS);
}

class ThreadPool implements AnalyzerPool {
  private readonly slots: Slot[] = [];
  private nextSeq = 0;
  private closed = false;
  /** Set when a thread could not start: the rest is analysed on the calling thread. */
  private inThread = false;

  constructor(
    private readonly size: number,
    private readonly entry: string,
    private readonly resourceLimits: ResourceLimits,
  ) {}

  analyze(raws: Buffer[]): Promise<PooledAnalysis[]> {
    if (this.closed) return Promise.reject(new Error('the analyzer pool is closed'));
    const jobs: Job[] = [];
    const answers = raws.map((raw) => new Promise<PooledAnalysis>((resolve, reject) => jobs.push({ seq: this.nextSeq++, raw, suspect: false, resolve, reject })));
    this.dispatch(jobs);
    return Promise.all(answers);
  }

  warm(): void {
    while (!this.closed && !this.inThread && this.slots.length < this.size) {
      const slot = this.start();
      if (!slot) break;
      slot.worker.unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) for (const job of slot.inFlight.splice(0)) job.reject(new Error('the analyzer pool was closed during the analysis'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Shares the jobs out in contiguous runs, one batch per thread, started as needed up to `size`. */
  private dispatch(jobs: Job[]): void {
    while (!this.inThread && this.slots.length < Math.min(this.size, jobs.length)) if (!this.start()) break;
    if (this.inThread || this.slots.length === 0) {
      for (const job of jobs) void analyzeHere(job.raw).then(job.resolve);
      return;
    }
    const slots = [...this.slots].sort((a, b) => a.inFlight.length - b.inFlight.length);
    const per = Math.ceil(jobs.length / slots.length);
    slots.forEach((slot, i) => this.send(slot, jobs.slice(i * per, (i + 1) * per)));
  }

  private send(slot: Slot, jobs: Job[]): void {
    if (jobs.length === 0) return;
    for (const job of jobs) slot.inFlight.push(job);
    // An idle thread does not keep the process alive (see answered()); a busy one does.
    slot.worker.ref();
    // A Buffer may be a view on a larger shared block (Node's pool, a socket read), which a
    // structured clone would copy whole: an exact copy is handed over instead, moved, not cloned.
    const batch = jobs.map((job): PoolRequest => ({ seq: job.seq, raw: new Uint8Array(job.raw), flush: job.suspect }));
    slot.worker.postMessage(batch, batch.map((request) => request.raw.buffer as ArrayBuffer));
  }

  private start(): Slot | null {
    if (this.slots.length >= this.size) return null;
    let worker: Worker;
    try {
      worker = new Worker(this.entry, { resourceLimits: this.resourceLimits });
    } catch {
      this.inThread = true;
      return null;
    }
    const slot: Slot = { worker, ready: false, inFlight: [], error: null };
    worker.on('message', (message: PoolAnswer[] | 'ready') => this.answered(slot, message));
    worker.on('error', (err) => (slot.error = err));
    worker.on('exit', (code) => this.died(slot, code));
    this.slots.push(slot);
    return slot;
  }

  private answered(slot: Slot, message: PoolAnswer[] | 'ready'): void {
    if (message === 'ready') {
      slot.ready = true;
      return;
    }
    for (const answer of message) {
      const at = slot.inFlight[0]?.seq === answer.seq ? 0 : slot.inFlight.findIndex((job) => job.seq === answer.seq);
      if (at === -1) continue;
      const [job] = slot.inFlight.splice(at, 1);
      job.resolve(answer.analyzed);
    }
    if (slot.inFlight.length === 0) slot.worker.unref();
  }

  private died(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return; // closed
    this.slots.splice(index, 1);
    const waiting = slot.inFlight.splice(0);
    if (!slot.ready) {
      // The script itself failed to load: no message is to blame, and another thread would fail alike.
      this.inThread = true;
      this.dispatch(waiting);
      return;
    }
    // A thread analyses in the order sent and answers a suspect at once: when the first unanswered
    // message was a suspect, the thread died on it. Otherwise any message of the batch may have
    // been the one: they are all sent again as suspects, and the next death names it.
    const culprit = waiting[0]?.suspect ? waiting.shift() : undefined;
    culprit?.resolve(crashed(new Error(deathCause(slot.error, code))));
    for (const job of waiting) job.suspect = true;
    if (waiting.length > 0) this.dispatch(waiting);
  }
}

function deathCause(err: Error | null, code: number): string {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'the analysis ran out of memory on this message';
  return `the analysis thread stopped on this message (${err?.message ?? `exit code ${code}`})`;
}

async function analyzeHere(raw: Buffer): Promise<PooledAnalysis> {
  try {
    return await analyzeWithText(raw);
  } catch (err) {
    return crashed(err);
  }
}
