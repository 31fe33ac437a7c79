// Remote images, blocked until the user allows them for a message or a sender; the fetching itself
// is the reader's (mail/reader/remote-images.ts).
import { fetchRemoteImages, realSender } from '../mail';
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { loadMessage } from './load';
import { fail, ok } from './result';


/** The remote-content handlers. */
export function remoteContentHandlers(ctx: ApiContext): Pick<Handlers, 'allowRemoteContent' | 'fetchRemoteImages'> {
  return {
    async allowRemoteContent(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      if (req.scope === 'message') ctx.prefs.allowRemoteContentForMessage(loaded.value.key);
      else {
        const sender = realSender(loaded.value);
        if (!sender) return fail('not-found', 'message-no-sender');
        ctx.prefs.allowRemoteContentForSender(sender);
      }
      return ok(null);
    },

    async fetchRemoteImages(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const message = loaded.value;
      if (!ctx.prefs.remoteContentAllowed(message.key, realSender(message))) return fail('denied', 'remote-content-blocked');
      return ok(await fetchRemoteImages(message, req.urls));
    },
  };
}
