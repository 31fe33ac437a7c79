// Message files opened from disk (File ▸ Open, drag and drop, the OS "open with"): kept in memory,
// not imported, addressed by a random id so a page cannot guess another file's id.
import crypto from 'node:crypto';

/** A file the user opened. */
export interface OpenedFileEntry {
  name: string;
  raw: Buffer;
}

// Enough for any real session; the oldest is forgotten first.
const MAX_FILES = 64;

/** The files opened in this session. */
export class OpenedFiles {
  private readonly files = new Map<string, OpenedFileEntry>();

  /** Remembers a file and returns its id. */
  add(name: string, raw: Buffer): string {
    const id = crypto.randomBytes(16).toString('hex');
    this.files.set(id, { name, raw });
    while (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value as string);
    return id;
  }

  get(id: string): OpenedFileEntry | null {
    return this.files.get(id) ?? null;
  }
}
