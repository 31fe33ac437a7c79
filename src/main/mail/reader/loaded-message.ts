// A message as the reader needs it: its bytes (from the store, checked against their SHA-256, or
// from an opened file), the PEC analysis, and the parsed content. Parsing is cached per message
// because the reader, the attachment buttons and reply all need the same parse.
import crypto from 'node:crypto';
import type { Result } from '../../../shared/api';
import type { MessageRef } from '../../../shared/api-values';
import type { PecAnalysis } from '../../../shared/pec';
import { extractSignedDocument, looksSigned, readMessageContent, type MessageContent, type SignedDocument } from '../../attachments';
import { analyzeMessage } from '../../pec';
import type { MessageDetail, MessagesStore } from '../../store';

/** A message with everything the reader and the attachment handlers need. */
export interface LoadedMessage {
  ref: MessageRef;
  /** Stable key for per-message choices (remote content): the SHA-256 of the bytes. */
  key: string;
  raw: Buffer;
  analysis: PecAnalysis | null;
  stored: MessageDetail | null;
  content: MessageContent;
  /** The signed document inside each attachment of the original (null when not a .p7m). */
  signed: (SignedDocument | null)[];
}

// A few recent messages: enough for the preview, the open tabs and a save right after reading.
const CACHE_SIZE = 12;

/** Recently parsed messages, by ref. */
export class ContentCache {
  private readonly entries = new Map<string, Promise<Result<LoadedMessage>>>();

  get(key: string, load: () => Promise<Result<LoadedMessage>>): Promise<Result<LoadedMessage>> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = load();
    this.entries.set(key, entry);
    // Failures are not remembered: the next call tries again.
    void entry.then((r) => !r.ok && this.entries.get(key) === entry && this.entries.delete(key));
    while (this.entries.size > CACHE_SIZE) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/** The cache key of a ref: a stored message's row id or an opened file's id. */
export function refCacheKey(ref: MessageRef): string {
  return 'messageId' in ref ? `m:${ref.messageId}` : `f:${ref.fileId}`;
}

/** A stored message's bytes, checked against their SHA-256, with what the store knows of it. */
export function readStoredMessage(store: Pick<MessagesStore, 'getMessage' | 'readMessageRaw'>, messageId: number): Result<{ raw: Buffer; stored: MessageDetail }> {
  const stored = store.getMessage(messageId);
  if (!stored) return { ok: false, error: { code: 'not-found', message: `There is no message ${messageId}.` } };
  const raw = store.readMessageRaw(messageId);
  if (!raw || !raw.ok) return { ok: false, error: { code: 'io', message: raw ? raw.detail : `The bytes of message ${messageId} are missing.` } };
  return { ok: true, value: { raw: raw.raw, stored } };
}

/** What the reader computes from a message's bytes: the PEC analysis, the parsed content, the signed documents. */
export async function loadBytes(ref: MessageRef, raw: Buffer, stored: MessageDetail | null): Promise<Result<LoadedMessage>> {
  const analyzed = await analyzeMessage(raw);
  if (!analyzed.ok && 'fileId' in ref) return { ok: false, error: { code: 'unreadable', message: `This is not a mail message: ${analyzed.detail}.` } };
  const analysis = analyzed.ok ? analyzed.analysis : null;
  const content = await readMessageContent(raw, analysis !== null && analysis.kind !== 'ordinary');
  const signed = await Promise.all(
    (content.original?.attachments ?? []).map((a) => (looksSigned(a.filename, a.contentType) ? extractSignedDocument(a.content, a.filename) : null)),
  );
  const key = stored?.sha256 ?? crypto.createHash('sha256').update(raw).digest('hex');
  return { ok: true, value: { ref, key, raw, analysis, stored, content, signed } };
}

/** The real sender of a loaded message: postacert.eml's From for PEC, else the From. */
export function realSender(message: LoadedMessage): string | null {
  return (message.content.original ?? message.content.outer).from?.address.toLowerCase() ?? null;
}
