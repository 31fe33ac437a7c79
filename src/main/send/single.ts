// A single PEC as a send task (issue #14 §3): the composer's message, built and validated by the
// caller, is filed in the raw store (fsynced), enqueued with its sent message in one commit
// (store/send-tasks.ts) and listed in Posta inviata at once; the account's runner then sends it like
// any bulk-send recipient: claim committed before SMTP, reconciliation after a crash (never twice),
// retries and the provider's reason on failure, the account's pace. Once the provider took it, the
// copy goes to the server's Sent folder, as a mail client's does, so webmail and phones list it
// too. That copy is a recorded step (migration 17): missed by a crash or an unreachable server, it
// is made at the next start or retry, and never twice (the folder is searched for the Message-ID).
import type { ConnectOptions } from '../accounts';
import { appendToSent } from '../mail';
import type { CampaignRepo, NewSendTask, SendTaskRow, Store, StoreChange } from '../store';
import type { AccountLoad } from './runner';

/** The message to send, as built (mail/ prepareMessage): what the task records, and its exact bytes. */
export type SingleSendInput = Omit<NewSendTask, 'rawSha256'> & { raw: Buffer };

/** The task made for a single PEC. */
export interface SingleSendTask {
  taskId: number;
  sentMessageId: number;
  messageId: string;
}

/** Enqueueing's outcome; 'io': its bytes or its rows could not be written (nothing was enqueued). */
export type SingleSendResult = { ok: true; value: SingleSendTask } | { ok: false; code: 'io' | 'invalid'; detail: string };

/** What the single-PEC side of the engine needs. */
export interface SingleSendsContext {
  store: Store;
  repo: CampaignRepo;
  connect: ConnectOptions;
  loadAccount(accountId: number): Promise<AccountLoad>;
}

/**
 * Enqueues single PEC, and copies each to the server's Sent folder once the provider took it. Its
 * state is in the store (a task row and a queue row): whoever shows it follows the store's change
 * stream, and so does this, for the one step that is work here.
 */
export class SingleSends {
  /** Which campaigns rows are single PEC (a row's kind never changes). */
  private readonly kinds = new Map<number, boolean>();
  /** Tasks whose Sent copy is being made now. */
  private readonly copying = new Set<number>();
  /** Failed attempts per task in this process (the server was unreachable): they space the retries. */
  private readonly failures = new Map<number, number>();
  private retry: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly work = new Set<Promise<void>>();
  private readonly stopListening: () => void;

  constructor(private readonly ctx: SingleSendsContext) {
    this.stopListening = ctx.store.onChange((changes) => this.onChange(changes));
  }

  /** Files the bytes (fsynced), enqueues the task and lists it in Posta inviata; the caller wakes the runner. */
  async enqueue(input: SingleSendInput): Promise<SingleSendResult> {
    const { store } = this.ctx;
    const [file] = await store.storeSentRaw([input.raw]);
    if (!file.ok) return { ok: false, code: 'io', detail: file.detail };
    const queued = store.sendTasks.enqueue({ ...input, rawSha256: file.sha256, rawPacked: file.packed });
    if (!queued.ok) return { ok: false, code: queued.code === 'raw-write-failed' ? 'io' : 'invalid', detail: queued.detail };
    this.kinds.set(queued.taskId, true);
    // Listed at once, with its state beside it; the server's copy replaces it after the next sync.
    await store.fileSentCopy({ accountId: input.accountId, sentMessageId: queued.sentMessageId, raw: input.raw }).catch(() => null);
    return { ok: true, value: { taskId: queued.taskId, sentMessageId: queued.sentMessageId, messageId: input.messageId } };
  }

  /** Resolves when the follow-up work started so far (Sent copies) is done. */
  async settle(): Promise<void> {
    while (this.work.size) await Promise.all([...this.work]);
  }

  /** Stops following the change stream (the engine is shutting down). */
  dispose(): void {
    this.disposed = true;
    if (this.retry) clearTimeout(this.retry);
    this.stopListening();
  }

  /** Makes the Sent copies still due: those a crash or an unreachable server left (the engine's start). */
  resumeSentCopies(): void {
    this.copyDue();
  }

  /** A single PEC's row changed (the commit that recorded the provider's 250, among others): its copy may be due. */
  private onChange(changes: StoreChange[]): void {
    const campaigns = changes.find((c) => c.entity === 'campaigns');
    if (campaigns?.ids.some((id) => this.isSingle(id))) this.copyDue();
  }

  private copyDue(): void {
    if (this.disposed) return;
    for (const task of this.ctx.store.sendTasks.sentCopiesDue()) {
      if (this.copying.has(task.taskId)) continue;
      this.copying.add(task.taskId);
      this.track(this.copyToSent(task).finally(() => this.copying.delete(task.taskId)));
    }
  }

  /** Tries the copies again later: 1, 5, 15, then every 60 minutes while the server cannot be reached. */
  private retryLater(taskId: number): void {
    const failed = (this.failures.get(taskId) ?? 0) + 1;
    this.failures.set(taskId, failed);
    if (this.disposed || this.retry) return;
    const minutes = [1, 5, 15][failed - 1] ?? 60;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.copyDue();
    }, minutes * 60_000);
    this.retry.unref();
  }

  private isSingle(campaignId: number): boolean {
    let single = this.kinds.get(campaignId);
    if (single === undefined) this.kinds.set(campaignId, (single = this.ctx.repo.get(campaignId)?.kind === 'single'));
    return single;
  }

  private track(work: Promise<void>): void {
    const done: Promise<void> = work.catch(() => undefined).finally(() => this.work.delete(done));
    this.work.add(done);
  }

  /**
   * The copy in the server's Sent folder (as the composer did before the queue), recorded as made,
   * then listed under that folder. An account that keeps no copy, or a mailbox without a Sent
   * folder, records 'none'; an account gone or a server not answering leaves it due.
   */
  private async copyToSent({ taskId, sentMessageId, messageId }: SendTaskRow): Promise<void> {
    const { store } = this.ctx;
    const row = this.ctx.repo.get(taskId);
    // The account was removed since: there is no mailbox left to copy into.
    if (row?.accountId == null) return store.sendTasks.sentCopyMade(taskId, 'none');
    const loaded = await this.ctx.loadAccount(row.accountId);
    const raw = store.readSentRaw(sentMessageId);
    if (!loaded.ok || !raw?.ok) return this.retryLater(taskId);
    const { settings, password } = loaded.value;
    if (settings.sentFolder === null) return store.sendTasks.sentCopyMade(taskId, 'none');
    const appended = await appendToSent(settings, password, raw.raw, settings.sentFolder, this.ctx.connect, messageId);
    if (!appended.ok) return appended.code === 'no-sent-folder' ? store.sendTasks.sentCopyMade(taskId, 'none') : this.retryLater(taskId);
    store.sendTasks.sentCopyMade(taskId, 'done');
    this.failures.delete(taskId);
    await store.fileSentCopy({ accountId: row.accountId, sentMessageId, raw: raw.raw, folderPath: appended.folder });
  }
}
