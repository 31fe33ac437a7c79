// The message behind a ref, for the handlers: an opened file's bytes or a stored message's, parsed
// by the reader (mail/reader) and cached per ref in the API context.
import type { Result } from '../../shared/api';
import type { MessageRef } from '../../shared/api-values';
import { loadBytes, readStoredMessage, refCacheKey, type LoadedMessage } from '../mail';
import type { ApiContext } from './context';
import { fail } from './result';

/** The message behind a ref, parsed (cached). */
export function loadMessage(ctx: ApiContext, ref: MessageRef): Promise<Result<LoadedMessage>> {
  return ctx.content.get(refCacheKey(ref), async () => {
    if ('fileId' in ref) {
      const file = ctx.files.get(ref.fileId);
      return file ? loadBytes(ref, file.raw, null) : fail('not-found', 'opened-file-gone');
    }
    const read = readStoredMessage(ctx.services.store, ref.messageId);
    return read.ok ? loadBytes(ref, read.value.raw, read.value.stored) : read;
  });
}
