// Remote images of a message, fetched only once the user allowed them: plain GET, no cookies,
// images only (never SVG, which can carry script), bounded size and time, and only URLs that occur
// in the message's own HTML (so this is no general-purpose fetcher). The renderer gets data: URIs:
// the app's CSP never lets a page or the message frame load a URL.
import type { LoadedMessage } from './loaded-message';

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

/** Whether a URL really occurs in the message HTML. */
function occursIn(html: string, url: string): boolean {
  const forms = [url, url.replace(/&/g, '&amp;'), url.replace(/^https:/, '')];
  return forms.some((f) => html.includes(f));
}

/** The message's remote images among `urls` as data: URIs (null for one that failed or is no image); URLs not in its HTML are left out. */
export async function fetchRemoteImages(message: LoadedMessage, urls: string[]): Promise<Record<string, string | null>> {
  const html = (message.content.original ?? message.content.outer).html ?? '';
  const wanted = [...new Set(urls)].filter((u) => occursIn(html, u));
  const out: Record<string, string | null> = {};
  for (let i = 0; i < wanted.length; i += PARALLEL) {
    const batch = wanted.slice(i, i + PARALLEL);
    const images = await Promise.all(batch.map(fetchImage));
    batch.forEach((u, j) => (out[u] = images[j]));
  }
  return out;
}
