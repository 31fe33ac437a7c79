// The attachments of a message the composer sends: files uploaded from the page, or parts of a
// stored message being forwarded, as the bytes that will leave. Shared by checking and sending.
import type { ApiPayload, Result } from '../../shared/api';
import type { ApiContext } from './context';
import { resolvePart } from '../mail';
import { loadMessage } from './load';
import { fail, ok } from './result';

/** One attachment as it will be sent. */
export interface OutgoingAttachment {
  filename: string;
  contentType?: string;
  content: Buffer;
}

/** Reads every attachment; a forwarded part no longer available fails with its id. */
export async function resolveAttachments(ctx: ApiContext, list: ApiPayload<'sendMessage'>['attachments']): Promise<Result<OutgoingAttachment[]>> {
  const attachments: OutgoingAttachment[] = [];
  for (const a of list) {
    if ('dataBase64' in a) {
      attachments.push({ filename: a.filename, contentType: a.contentType || undefined, content: Buffer.from(a.dataBase64, 'base64') });
      continue;
    }
    const loaded = await loadMessage(ctx, a.ref);
    if (!loaded.ok) return loaded;
    const part = resolvePart(loaded.value, a.partId, false);
    if (!part) return fail('not-found', 'attachment-gone', { partId: a.partId });
    attachments.push({ filename: part.filename, contentType: part.contentType, content: part.content });
  }
  return ok(attachments);
}
