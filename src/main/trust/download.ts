// Downloading the providers' index: HTTPS only (plain HTTP only on loopback, where the sandbox
// serves its own), a timeout, and the size cap enforced while the bytes arrive, so a wrong or
// hostile address can neither hang the app nor fill its memory.
import { MAX_INDEX_BYTES } from './ldif-providers';

// AgID publishes the index of accredited PEC providers (IGPEC), but no public address of the LDIF
// file could be confirmed: this one is a guess, named so, to replace when AgID's is known. Users
// set their own in "Elenco gestori PEC" or with `pecdesk providers update --url`.
export const AGID_INDEX_URL_UNCONFIRMED = 'https://www.agid.gov.it/igpec/indice-gestori-pec.ldif';

/** The address PecDesk downloads the index from unless the user sets another. */
export const DEFAULT_INDEX_URL = AGID_INDEX_URL_UNCONFIRMED;

/** How long a download may take as a whole. */
export const DOWNLOAD_TIMEOUT_MS = 60_000;

/** A downloaded index, or why there is none. */
export type Download = { ok: true; data: Buffer; url: string } | { ok: false; code: 'bad-url' | 'download-failed' | 'too-large'; detail: string };

const MAX_REDIRECTS = 5;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why an address is not acceptable for the index, or null when it is. */
export function addressProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url.slice(0, 200)}" is not a web address`;
  }
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return null;
  return `the index must come over HTTPS, not ${parsed.protocol.replace(':', '')}`;
}

/** Downloads url; the body is refused as soon as it passes maxBytes. */
export async function downloadIndex(url: string, options: { timeoutMs?: number; maxBytes?: number; signal?: AbortSignal } = {}): Promise<Download> {
  const maxBytes = options.maxBytes ?? MAX_INDEX_BYTES;
  const problem = addressProblem(url);
  if (problem) return { ok: false, code: 'bad-url', detail: problem };
  const failed = (detail: string): Download => ({ ok: false, code: 'download-failed', detail });
  const tooBig = (): Download => ({ ok: false, code: 'too-large', detail: `the index at ${url} is larger than ${Math.round(maxBytes / (1024 * 1024))} MB` });
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${Math.round((options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS) / 1000)} s`)), options.timeoutMs ?? DOWNLOAD_TIMEOUT_MS);
  const stop = () => controller.abort(new Error('stopped'));
  options.signal?.addEventListener('abort', stop);
  if (options.signal?.aborted) stop();
  try {
    // Redirects are followed here, each checked before it is requested: none may leave HTTPS.
    let address = url;
    let response = await fetch(address, { signal: controller.signal, redirect: 'manual', headers: { accept: 'text/plain, application/octet-stream, */*' } });
    for (let hops = 0; response.status >= 300 && response.status < 400 && response.headers.has('location'); hops++) {
      if (hops === MAX_REDIRECTS) return failed(`${url} redirects more than ${MAX_REDIRECTS} times`);
      address = new URL(response.headers.get('location')!, address).href;
      const problem = addressProblem(address);
      if (problem) return { ok: false, code: 'bad-url', detail: `${url} redirects to ${address}: ${problem}` };
      await response.body?.cancel();
      response = await fetch(address, { signal: controller.signal, redirect: 'manual' });
    }
    if (!response.ok) return failed(`${url} answered ${response.status} ${response.statusText}`.trim());
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      controller.abort();
      return tooBig();
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body?.getReader();
    for (let next = await reader?.read(); reader && next && !next.done; next = await reader.read()) {
      size += next.value.byteLength;
      if (size > maxBytes) {
        controller.abort();
        return tooBig();
      }
      chunks.push(Buffer.from(next.value));
    }
    return { ok: true, data: Buffer.concat(chunks, size), url: address };
  } catch (err) {
    const reason = controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : err;
    const cause = reason instanceof Error && reason.cause instanceof Error ? `: ${reason.cause.message}` : '';
    return failed(`cannot download ${url}: ${reason instanceof Error ? reason.message : String(reason)}${cause}`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}
