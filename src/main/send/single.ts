// A single PEC as a send task (issue #14 §3): the composer's message, built and validated by the
// caller, is filed in the raw store (fsynced), enqueued with its sent message in one commit
// (store/send-tasks.ts) and listed in Posta inviata at once; the account's runner then sends it like
// any bulk-send recipient: claim committed before SMTP, reconciliation after a crash (never twice),
// retries and the provider's reason on failure, the account's pace. Once the provider took it, the
// copy goes to the server's Sent folder, as a mail client's does (a convenience: the message left
// and is stored either way, and a copy missed by a crash at that moment is not sent again).
import type { ConnectOptions } from '../accounts';
import { appendToSent } from '../mail';
import type { CampaignRepo, NewSendTask, SendTaskRow, Store } from '../store';
import type { AccountLoad } from './runner';
import type { SendEvent } from './types';

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

type SingleEvent = Extract<SendEvent, { kind: 'single' }>;

/** What the single-PEC side of the engine needs. */
export interface SingleSendsContext {
  store: Store;
  repo: CampaignRepo;
  connect: ConnectOptions;
  loadAccount(accountId: number): Promise<AccountLoad>;
  emit(event: SendEvent): void;
}

/** Enqueues single PEC and follows them through the runner's events. */
export class SingleSends {
  /** Which campaigns rows are single PEC (a row's kind never changes). */
  private readonly kinds = new Map<number, boolean>();
  private readonly work = new Set<Promise<void>>();

  constructor(private readonly ctx: SingleSendsContext) {}

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
    const task = { taskId: queued.taskId, sentMessageId: queued.sentMessageId, messageId: input.messageId };
    this.ctx.emit(this.event(task, 'queued', null));
    return { ok: true, value: task };
  }

  /** Follows the runner's events of single PEC (others pass by untouched). */
  observe(event: SendEvent): void {
    if (event.kind === 'recipient' && this.isSingle(event.campaignId)) this.track(this.onRecipient(event));
    else if (event.kind === 'campaign' && event.state === 'paused' && this.isSingle(event.campaignId)) this.track(this.onPaused(event.campaignId, event.detail));
  }

  /** Resolves when the follow-up work started so far (Sent copies) is done. */
  async settle(): Promise<void> {
    while (this.work.size) await Promise.all([...this.work]);
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

  private async onRecipient(event: Extract<SendEvent, { kind: 'recipient' }>): Promise<void> {
    const task = this.ctx.store.sendTasks.ofRecipient(event.recipientId);
    if (!task) return;
    if (event.state === 'submitted') {
      // Sent as soon as the provider took it; the copy in the server's Sent folder follows (and is
      // listed there once appended), so neither the composer nor a caller waits for that APPEND.
      this.ctx.emit(this.event(task, 'submitted', null));
      await this.copyToSent(task);
    } else if (event.state === 'failed') {
      this.ctx.emit(this.event(task, 'failed', event.error));
    } else if (event.state === 'retry-wait' || (event.state === 'preparing' && event.error)) {
      // Its sent message's status does not move: the change stream is told, so the view shows the wait and why.
      this.ctx.store.sendTasks.touched(task.sentMessageId);
      this.ctx.emit(this.event(task, 'queued', event.error));
    }
  }

  private async onPaused(taskId: number, detail: string | null): Promise<void> {
    const task = this.ctx.store.sendTasks.ofTask(taskId);
    if (!task) return;
    this.ctx.store.sendTasks.touched(task.sentMessageId);
    this.ctx.emit(this.event(task, 'queued', detail));
  }

  /** The copy in the server's Sent folder (as the composer did before the queue), then listed under that folder. */
  private async copyToSent({ taskId, sentMessageId }: SendTaskRow): Promise<void> {
    const row = this.ctx.repo.get(taskId);
    if (row?.accountId == null) return;
    const loaded = await this.ctx.loadAccount(row.accountId);
    const raw = this.ctx.store.readSentRaw(sentMessageId);
    if (!loaded.ok || !raw?.ok) return;
    const { settings, password } = loaded.value;
    if (settings.sentFolder === null) return;
    const appended = await appendToSent(settings, password, raw.raw, settings.sentFolder, this.ctx.connect);
    if (!appended.ok) return;
    await this.ctx.store.fileSentCopy({ accountId: row.accountId, sentMessageId, raw: raw.raw, folderPath: appended.folder });
  }

  private event(task: SingleSendTask, state: SingleEvent['state'], error: string | null): SingleEvent {
    return { kind: 'single', taskId: task.taskId, sentMessageId: task.sentMessageId, messageId: task.messageId, state, error };
  }
}
