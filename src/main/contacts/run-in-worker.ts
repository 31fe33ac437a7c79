// Runs the import wizard's steps on a worker thread (Signal-style: long database work off the
// thread that serves windows, CONTRIBUTING.md "Heavy work off the main process"). Requests and
// results are plain data (worker-protocol.ts); progress arrives as it happens.
//
// One thread serves a wizard from the preview to the commit, one step at a time, and stays a few
// minutes after: loading the import's code (exceljs above all) costs about as much as previewing
// a 50,000-row sheet, the file's scan (xlsx-scan.ts) and its read ahead (table.ts) are shared by
// the preview and the plan only within one thread, and the plan's rows stay there. The engine
// holds a summary of each plan (what the wizard shows); the report's pages, the report file and
// the commit name the plan, and the thread answers from its rows. A thread that ended (idle, or
// killed by a file) is replaced by a new one, which makes the plan again from the same request;
// the new plan is used only if it decides the same for every row (plan-digest.ts), otherwise the
// step fails with 'plan-stale' and the user checks the file again.
//
// The thread runs under a memory cap: whatever a hostile file gets past the reading caps, it can at
// worst exhaust the thread's heap, which ends the thread (not the engine) and is reported as a failure.
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { tooLarge } from './import/limits';
import type { ContactsResult, ImportPlanSummary, ProgressCallback } from './types';
import type { PlanRequest, WireRequest, WorkerMessage, WorkerRequest, WorkerResults } from './worker-protocol';

export type { WorkerRequest, WorkerResults } from './worker-protocol';

/**
 * The worker's entry: worker.ts beside this file when running from source (tests, tsx, which the
 * worker inherits through execArgv); contacts-worker.js beside the bundle once built.
 */
function workerEntry(): string {
  const source = path.join(__dirname, 'worker.ts');
  return fs.existsSync(source) ? source : path.join(__dirname, 'contacts-worker.js');
}

/**
 * The worker's memory: a 200,000-row plan and its commit fit with room to spare (the 50,000-row
 * bench peaks near 300 MB for the whole process).
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 };

/** How long an idle thread (its code, its scans) is kept for the wizard's next step. */
export const IDLE_MS = 5 * 60_000;

/**
 * How long an idle thread holding plans is kept: the user may read a report (or leave it open)
 * for a while before importing or saving it. Past that, a plan not yet imported is made again.
 */
export const PLANS_IDLE_MS = 30 * 60_000;

export interface ImportWorkerOptions {
  resourceLimits?: ResourceLimits;
  idleMs?: number;
}

interface Pending {
  id: number;
  request: WorkerRequest;
  onProgress?: ProgressCallback;
  resolve(result: ContactsResult<unknown>): void;
  /** The plan the request names is being made again on this thread. */
  replanning: boolean;
}

interface Thread {
  worker: Worker;
  /** What ended it, when an error did. */
  error: Error | null;
  /** It made plans, and keeps them. */
  holdsPlans: boolean;
}

/** Where a plan's rows are, what it decided, and how to make it again. */
interface KeptPlan {
  thread: Thread;
  key: string;
  digest: string;
  request: PlanRequest;
}

/** The import's thread: steps run one after the other, on the same thread while it lives. */
export class ImportWorker {
  private thread: Thread | null = null;
  private current: Pending | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private started = 0;
  /** Plans made by a thread and kept there, by the summary handed out. */
  private readonly kept = new WeakMap<ImportPlanSummary, KeptPlan>();

  constructor(private readonly options: ImportWorkerOptions = {}) {}

  /** Runs the step when the steps before it have run. */
  run<R extends WorkerRequest>(request: R, onProgress?: ProgressCallback): Promise<ContactsResult<WorkerResults[R['op']]>> {
    if (this.closed) return Promise.resolve(stopped() as ContactsResult<WorkerResults[R['op']]>);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, request, onProgress, resolve: resolve as Pending['resolve'], replanning: false });
      this.next();
    });
  }

  /** Threads started so far: one per wizard unless one ended in between. */
  get threadsStarted(): number {
    return this.started;
  }

  /** Starts the thread now (a file is being chosen), so that loading it overlaps the choice. */
  warm(): void {
    if (this.closed || this.thread) return;
    if (this.start()) this.idle();
  }

  /** Ends the thread; steps not finished fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.resolve(stopped());
    const thread = this.thread;
    if (thread) await thread.worker.terminate();
  }

  private next(): void {
    if (this.current || this.queue.length === 0) return;
    const pending = this.queue.shift()!;
    const thread = this.thread ?? this.start();
    if (!thread) {
      pending.resolve(notStarted());
      return this.next();
    }
    const wire = this.wire(pending, thread);
    if (!wire) {
      pending.resolve(unknownPlan());
      return this.next();
    }
    this.current = pending;
    this.busy();
    thread.worker.postMessage({ id: pending.id, request: wire });
  }

  /**
   * The request as posted: a plan goes by the key its thread keeps it under; a plan whose thread
   * ended is made again first. Null: a plan this object never made.
   */
  private wire(pending: Pending, thread: Thread): WireRequest | null {
    const { request } = pending;
    if (!('plan' in request)) return request;
    const kept = this.keptFor(request);
    if (!kept) return null;
    if (kept.thread !== thread) return this.replan(pending, kept);
    const { plan: _plan, ...rest } = request;
    return { ...rest, planKey: kept.key };
  }

  /** What is known of the plan a request names; undefined for a request naming none, or a plan this object never made. */
  private keptFor(request: WorkerRequest): KeptPlan | undefined {
    return 'plan' in request ? this.kept.get(request.plan) : undefined;
  }

  private replan(pending: Pending, kept: KeptPlan): PlanRequest {
    pending.replanning = true;
    return kept.request;
  }

  private start(): Thread | null {
    let worker: Worker;
    try {
      worker = new Worker(workerEntry(), { resourceLimits: this.options.resourceLimits ?? WORKER_LIMITS });
    } catch {
      return null;
    }
    this.started++;
    const thread: Thread = { worker, error: null, holdsPlans: false };
    worker.on('message', (message: WorkerMessage) => this.heard(thread, message));
    worker.on('error', (err) => (thread.error = err));
    worker.on('exit', (code) => this.ended(thread, code));
    this.thread = thread;
    return thread;
  }

  private heard(thread: Thread, message: WorkerMessage): void {
    const pending = this.current;
    if (thread !== this.thread || !pending || message.id !== pending.id) return;
    if (message.type === 'progress') return pending.onProgress?.(message.progress);
    if (message.type === 'plan-missing') {
      const kept = this.keptFor(pending.request);
      return kept ? thread.worker.postMessage({ id: pending.id, request: this.replan(pending, kept) }) : this.finish(unknownPlan());
    }
    const { result, kept } = message;
    if (pending.replanning) return this.replanned(thread, pending, result, kept);
    if (result.ok && kept && pending.request.op === 'plan') {
      this.kept.set(result.value as ImportPlanSummary, { thread, ...kept, request: pending.request });
      thread.holdsPlans = true;
    }
    this.finish(result);
  }

  /** The plan made again: the step goes on with it if it decides what the first one did. */
  private replanned(thread: Thread, pending: Pending, result: ContactsResult<unknown>, made: { key: string; digest: string } | undefined): void {
    pending.replanning = false;
    const kept = this.keptFor(pending.request);
    if (!kept) return this.finish(unknownPlan());
    if (!result.ok) return this.finish(result);
    if (!made || made.digest !== kept.digest) return this.finish(planChanged());
    kept.thread = thread;
    kept.key = made.key;
    thread.holdsPlans = true;
    thread.worker.postMessage({ id: pending.id, request: this.wire(pending, thread) });
  }

  private ended(thread: Thread, code: number): void {
    if (thread !== this.thread) return;
    this.thread = null;
    this.clearIdle();
    if (this.current) this.finish(this.closed ? stopped() : tooLarge(deathCause(thread.error, code)));
  }

  private finish(result: ContactsResult<unknown>): void {
    const pending = this.current!;
    this.current = null;
    pending.resolve(result);
    this.next();
    if (!this.current) this.idle();
  }

  private busy(): void {
    this.clearIdle();
    this.thread?.worker.ref();
  }

  /** An idle thread keeps no process alive, and ends after a while (IDLE_MS, PLANS_IDLE_MS). */
  private idle(): void {
    const thread = this.thread;
    if (!thread) return;
    thread.worker.unref();
    this.clearIdle();
    const idleMs = this.options.idleMs ?? (thread.holdsPlans ? PLANS_IDLE_MS : IDLE_MS);
    this.idleTimer = setTimeout(() => this.retire(thread), idleMs);
    this.idleTimer.unref();
  }

  /**
   * Ends an idle thread. It is let go first: a step asked for while it is still ending runs on a
   * new thread, instead of being posted to this one and failing with it.
   */
  private retire(thread: Thread): void {
    if (this.thread === thread) this.thread = null;
    void thread.worker.terminate();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function unknownPlan(): ContactsResult<never> {
  return { ok: false, code: 'plan-stale', detail: 'Il riepilogo non è più disponibile: rifai il controllo del file.' };
}

function planChanged(): ContactsResult<never> {
  return {
    ok: false,
    code: 'plan-stale',
    detail: 'Il riepilogo non è più valido: il file o la rubrica sono cambiati da quando è stato preparato. Rifai il controllo del file.',
  };
}

function stopped(): ContactsResult<never> {
  return { ok: false, code: 'import-stopped', detail: 'L\u2019importazione è stata interrotta perché PecDesk si sta chiudendo: riaprilo e riprova.' };
}

function notStarted(): ContactsResult<never> {
  return { ok: false, code: 'import-stopped', detail: 'L\u2019importazione non è potuta partire (il sistema non ha avviato il suo thread): riprova; se succede ancora, riavvia PecDesk.' };
}

function deathCause(err: Error | null, code: number): string {
  if ((err as NodeJS.ErrnoException | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') return 'la lettura ha esaurito la memoria concessa all\u2019importazione';
  return `l\u2019importazione si è interrotta: ${err?.message ?? `codice di uscita ${code}`}`;
}
