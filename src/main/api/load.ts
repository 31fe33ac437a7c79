// Loading a message for the reader: raw bytes (from the store, checked against their SHA-256, or
// from an opened file), the PEC analysis, and the parsed content. Parsing is cached per message
// because the reader, the attachment buttons and reply all need the same parse.
import crypto from 'node:crypto';
import type { MessageRef } from '../../shared/api-values';
import type { PecAnalysis } from '../../shared/pec';
import { extractSignedDocument, looksSigned, readMessageContent, type MessageContent, type SignedDocument } from '../attachments';
import { analyzeMessage } from '../pec';
import type { MessageDetail } from '../store';
import type { ApiContext } from './context';
import { fail, ok } from './result';
import type { Result } from '../../shared/api';

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

function refCacheKey(ref: MessageRef): string {
  return 'messageId' in ref ? `m:${ref.messageId}` : `f:${ref.fileId}`;
}

async function readRaw(ctx: ApiContext, ref: MessageRef): Promise<Result<{ raw: Buffer; stored: MessageDetail | null }>> {
  if ('fileId' in ref) {
    const file = ctx.files.get(ref.fileId);
    return file ? ok({ raw: file.raw, stored: null }) : fail('not-found', 'This file is no longer open: open it again.');
  }
  const stored = ctx.services.store.getMessage(ref.messageId);
  if (!stored) return fail('not-found', `There is no message ${ref.messageId}.`);
  const raw = ctx.services.store.readMessageRaw(ref.messageId);
  if (!raw || !raw.ok) return fail('io', raw ? raw.detail : `The bytes of message ${ref.messageId} are missing.`);
  return ok({ raw: raw.raw, stored });
}

async function load(ctx: ApiContext, ref: MessageRef): Promise<Result<LoadedMessage>> {
  const read = await readRaw(ctx, ref);
  if (!read.ok) return read;
  return loadBytes(ref, read.value.raw, read.value.stored);
}

/** What the reader computes from a message's bytes: the PEC analysis, the parsed content, the signed documents. */
export async function loadBytes(ref: MessageRef, raw: Buffer, stored: MessageDetail | null): Promise<Result<LoadedMessage>> {
  const analyzed = await analyzeMessage(raw);
  if (!analyzed.ok && 'fileId' in ref) return fail('unreadable', `This is not a mail message: ${analyzed.detail}.`);
  const analysis = analyzed.ok ? analyzed.analysis : null;
  const content = await readMessageContent(raw, analysis !== null && analysis.kind !== 'ordinary');
  const signed = await Promise.all(
    (content.original?.attachments ?? []).map((a) => (looksSigned(a.filename, a.contentType) ? extractSignedDocument(a.content, a.filename) : null)),
  );
  const key = stored?.sha256 ?? crypto.createHash('sha256').update(raw).digest('hex');
  return ok({ ref, key, raw, analysis, stored, content, signed });
}

/** The message behind a ref, parsed (cached). */
export function loadMessage(ctx: ApiContext, ref: MessageRef): Promise<Result<LoadedMessage>> {
  return ctx.content.get(refCacheKey(ref), () => load(ctx, ref));
}

/** The real sender of a loaded message: postacert.eml's From for PEC, else the From. */
export function realSender(message: LoadedMessage): string | null {
  return (message.content.original ?? message.content.outer).from?.address.toLowerCase() ?? null;
}
