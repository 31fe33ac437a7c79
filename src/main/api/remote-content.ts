// Remote images, blocked until the user allows them for a message or a sender. Once allowed,
// the main process fetches them (plain GET, no cookies, images only, bounded size) and the
// renderer gets data: URIs: the app's CSP never lets a page or the message frame load a URL.
import type { ApiContext } from './context';
import type { Handlers } from './dispatch';
import { loadMessage, realSender } from './load';
import { fail, ok } from './result';

const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
const PARALLEL = 6;

async function fetchImage(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), credentials: 'omit', redirect: 'follow', headers: { accept: 'image/*' } });
    const type = res.headers.get('content-type')?.split(';')[0].trim().toLowerCase() ?? '';
    // SVG can carry script; it is never turned into a data: URI here.
    if (!res.ok || !res.body || !/^image\/(png|jpeg|gif|webp|bmp|x-icon|vnd\.microsoft\.icon|avif)$/.test(type)) return null;
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.length;
      if (size > MAX_IMAGE_BYTES) {
        await reader.cancel();
        return null;
      }
      chunks.push(Buffer.from(next.value));
    }
    return `data:${type};base64,${Buffer.concat(chunks).toString('base64')}`;
  } catch {
    return null;
  }
}

/** Whether a URL really occurs in the message HTML (so the API is no general-purpose fetcher). */
function occursIn(html: string, url: string): boolean {
  const forms = [url, url.replace(/&/g, '&amp;'), url.replace(/^https:/, '')];
  return forms.some((f) => html.includes(f));
}

/** The remote-content handlers. */
export function remoteContentHandlers(ctx: ApiContext): Pick<Handlers, 'allowRemoteContent' | 'fetchRemoteImages'> {
  return {
    async allowRemoteContent(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      if (req.scope === 'message') ctx.prefs.allowRemoteContentForMessage(loaded.value.key);
      else {
        const sender = realSender(loaded.value);
        if (!sender) return fail('not-found', 'The message has no sender address.');
        ctx.prefs.allowRemoteContentForSender(sender);
      }
      return ok(null);
    },

    async fetchRemoteImages(req) {
      const loaded = await loadMessage(ctx, req.ref);
      if (!loaded.ok) return loaded;
      const message = loaded.value;
      if (!ctx.prefs.remoteContentAllowed(message.key, realSender(message))) return fail('denied', 'Remote content is not allowed for this message.');
      const html = (message.content.original ?? message.content.outer).html ?? '';
      const urls = [...new Set(req.urls)].filter((u) => occursIn(html, u));
      const out: Record<string, string | null> = {};
      for (let i = 0; i < urls.length; i += PARALLEL) {
        const batch = urls.slice(i, i + PARALLEL);
        const images = await Promise.all(batch.map(fetchImage));
        batch.forEach((u, j) => (out[u] = images[j]));
      }
      return ok(out);
    },
  };
}
