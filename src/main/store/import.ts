// Classify-then-file: runs the PEC classifier on raw bytes and files the result. A classifier
// that refuses the bytes, or crashes on them, still leaves the message stored and flagged
// unreadable with the reason: a message PecDesk cannot read today is still evidence.
import addressparser from 'nodemailer/lib/addressparser';
import { analyzeMessage, analyzeWithText, parseHeaderBlock } from '../pec';
import type { IngestAnalysis, IngestInput, IngestResult, Ingester, StoredBytes } from './ingest';
import { rawRelPath, sha256Hex } from './rawStore';
import type { RecordSentResult, SentRecorder } from './sent';

/** Outcome of importSentMessage: recordSent's, or why the file cannot be a sent message. */
export type ImportSentResult = RecordSentResult | { ok: false; code: 'unreadable' | 'no-message-id'; detail: string };

/** A message for importMessages: its bytes and what the caller knows of it (location, arrival). */
export type ImportItem = Omit<IngestInput, 'analysis'>;

/** Analyses raw bytes with the PEC classifier and files them with the verdict. */
export async function importMessage(ingester: Ingester, raw: Buffer, extra: Omit<IngestInput, 'raw' | 'analysis'> = {}): Promise<IngestResult> {
  return ingester.ingest(await analyzed({ ...extra, raw }));
}

/**
 * importMessage for a batch, in one transaction. The files are written and fsynced by the thread
 * pool while this thread analyses the messages, so the disk and the classifier work at once.
 */
export async function importMessages(ingester: Ingester, items: ImportItem[]): Promise<IngestResult[]> {
  const [files, inputs] = await Promise.all([ingester.storeRaw(items.map((item) => item.raw)), analyzeAll(items)]);
  return ingester.commit(inputs, files);
}

/**
 * importMessages for bytes the raw store already holds, fsynced (a sent message's, filed with its
 * sent_messages row): only the rows are written, in one transaction. `places` says where each
 * item's bytes are (a pack entry); without it, each is its own file.
 */
export async function importStoredMessages(ingester: Ingester, items: ImportItem[], places?: StoredBytes[]): Promise<IngestResult[]> {
  const inputs = await analyzeAll(items);
  return ingester.commit(
    inputs,
    places ??
      items.map((item) => {
        const sha256 = sha256Hex(item.raw);
        return { ok: true as const, sha256, relPath: rawRelPath(sha256), offset: null, length: null };
      }),
  );
}

async function analyzeAll(items: ImportItem[]): Promise<IngestInput[]> {
  const inputs: IngestInput[] = [];
  for (const item of items) {
    inputs.push(await analyzed(item));
    // The analysis never waits on I/O: let the file writes take their next step between messages.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return inputs;
}

/**
 * Records a message the user sent from its own bytes (a copy saved from another client): the
 * recipients are its To and Cc, the key is its Message-ID, the bytes are kept as evidence.
 */
export async function importSentMessage(recorder: SentRecorder, raw: Buffer, accountId?: number): Promise<ImportSentResult> {
  const result = await analyze(raw);
  if (!result.ok) return { ok: false, code: 'unreadable', detail: `${result.code}: ${result.detail}` };
  // The user's own message is ordinary mail: its facts are the outer headers (plus Cc, which
  // the analysis keeps only for a postacert.eml).
  const { outer } = result.analysis;
  if (!outer.messageId) return { ok: false, code: 'no-message-id', detail: 'the message has no Message-ID, so no receipt can ever refer to it' };
  const { headers } = parseHeaderBlock(raw, 0, raw.length);
  return recorder.recordSent({
    messageId: outer.messageId,
    accountId,
    subject: outer.subject,
    from: outer.from,
    to: outer.to,
    cc: (headers.get('cc') ?? []).flatMap((value) => addressparser(value, { flatten: true }).map((a) => a.address)),
    raw,
    // It left the user's hands already; receipts will say how far it got.
    status: 'submitted',
  });
}

/** The item with the classifier's verdict and, unless the caller gave them, its words for search (from the same parse). */
async function analyzed(item: ImportItem): Promise<IngestInput> {
  let filed: Awaited<ReturnType<typeof analyzeWithText>>;
  try {
    filed = await analyzeWithText(item.raw);
  } catch (err) {
    return { ...item, analysis: { ok: false, code: 'analysis-crashed', detail: err instanceof Error ? err.message : String(err) } };
  }
  const { result: analysis, text } = filed;
  return { ...item, analysis, bodyText: item.bodyText ?? text?.body, senderNames: item.senderNames ?? text?.senderNames };
}

async function analyze(raw: Buffer): Promise<IngestAnalysis> {
  try {
    return await analyzeMessage(raw);
  } catch (err) {
    return { ok: false, code: 'analysis-crashed', detail: err instanceof Error ? err.message : String(err) };
  }
}
