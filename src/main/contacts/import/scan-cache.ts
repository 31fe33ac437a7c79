// The last few scans of xlsx-scan.ts, so that the wizard's preview and plan of the same file, in
// the same process, stream it through the caps once instead of twice. An entry is only used for
// the very same file as it was scanned: same path, device, inode, size, modification and change
// times (the change time cannot be set back by a program, unlike the modification time), and the
// same caps. A file changed in between is scanned again. Only files that passed are kept; each
// entry holds the sheets' names, counts, merges and links, not their rows.
import fs from 'node:fs';

const MAX_ENTRIES = 4;

/** A remembered value by file identity and a key for the options it was computed with. */
export class FileScanCache<T> {
  private readonly entries = new Map<string, T>();

  /** The value for the file as it is now, computing (and remembering) it when missing or stale. */
  async get(file: string, options: string, compute: () => Promise<T>, keep: (value: T) => boolean): Promise<T> {
    const before = await fileIdentity(file);
    const key = before === null ? null : `${before}\u0000${options}`;
    const cached = key === null ? undefined : this.entries.get(key);
    if (cached !== undefined) return cached;
    const value = await compute();
    // Kept only when the file did not change while it was being read.
    if (key !== null && keep(value) && (await fileIdentity(file)) === before) {
      this.entries.set(key, value);
      while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}

/** The file as it is now (path, device, inode, size, times), or null when it cannot be read. */
export async function fileIdentity(file: string): Promise<string | null> {
  try {
    const s = await fs.promises.stat(file, { bigint: true });
    return [file, s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join('\u0000');
  } catch {
    return null;
  }
}
