// Reading a written archive back before anything is removed from the server: every entry is read
// from the file on disk (not from what was meant to be written) and hashed, and must match the
// manifest; manifest.sha256 must agree too. Only what this check vouches for may be deleted.
import crypto from 'node:crypto';
import yauzl from 'yauzl';
import { MANIFEST_JSON, MANIFEST_SHA256, sha256Sums, type ArchiveManifest, type ManifestFile } from './archive-layout';

export type VerifyResult =
  | { ok: true; manifest: ArchiveManifest; verified: ManifestFile[] }
  | { ok: false; detail: string };

/** Reads `file` back and checks every file the manifest lists (and `expected`, what the writer says it wrote). */
export async function verifyMailArchive(file: string, expected: ManifestFile[], signal?: AbortSignal, onEntry?: (done: number) => void): Promise<VerifyResult> {
  let hashes: Map<string, { sha256: string; bytes: Buffer | null }>;
  try {
    hashes = await hashEntries(file, signal, onEntry);
  } catch (err) {
    return { ok: false, detail: `L'archivio scritto non si rilegge: ${(err as Error).message}` };
  }
  const manifestBytes = hashes.get(MANIFEST_JSON)?.bytes;
  if (!manifestBytes) return { ok: false, detail: `L'archivio scritto non contiene ${MANIFEST_JSON}.` };
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as ArchiveManifest;
  const sums = hashes.get(MANIFEST_SHA256)?.bytes?.toString('utf8');
  const listed = [...manifest.files, { path: MANIFEST_JSON, sha256: hashes.get(MANIFEST_JSON)!.sha256 }];
  if (sums !== sha256Sums(listed)) return { ok: false, detail: `${MANIFEST_SHA256} non corrisponde a ${MANIFEST_JSON}.` };
  const wanted = new Map(expected.map((f) => [f.path, f.sha256]));
  for (const f of manifest.files) {
    if (hashes.get(f.path)?.sha256 !== f.sha256) return { ok: false, detail: `${f.path}: l'impronta letta dall'archivio non è quella del manifest.` };
    if (wanted.get(f.path) !== f.sha256) return { ok: false, detail: `${f.path}: il manifest non elenca ciò che è stato scritto.` };
    wanted.delete(f.path);
  }
  if (wanted.size) return { ok: false, detail: `Mancano nell'archivio: ${[...wanted.keys()].slice(0, 3).join(', ')}.` };
  return { ok: true, manifest, verified: manifest.files };
}

/** The SHA-256 of every entry; the bytes of the manifest files only. */
async function hashEntries(file: string, signal?: AbortSignal, onEntry?: (done: number) => void): Promise<Map<string, { sha256: string; bytes: Buffer | null }>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  const out = new Map<string, { sha256: string; bytes: Buffer | null }>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (signal?.aborted) throw new Error('annullato');
      if (entry.fileName.endsWith('/')) continue;
      const keep = entry.fileName === MANIFEST_JSON || entry.fileName === MANIFEST_SHA256;
      const hash = crypto.createHash('sha256');
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        hash.update(chunk as Buffer);
        if (keep) chunks.push(chunk as Buffer);
      }
      out.set(entry.fileName, { sha256: hash.digest('hex'), bytes: keep ? Buffer.concat(chunks) : null });
      onEntry?.(out.size);
    }
  } finally {
    zip.close();
  }
  return out;
}
