// The file calls the raw store and the pack store make off the thread: the callback API,
// promisified, which for thousands of small files costs this thread about half what fs.promises'
// FileHandle objects do.
import fs from 'node:fs';
import { promisify } from 'node:util';

export const fsAsync = {
  open: promisify(fs.open),
  write: promisify(fs.write),
  writev: promisify(fs.writev),
  fsync: promisify(fs.fsync),
  close: promisify(fs.close),
  rename: promisify(fs.rename),
  mkdir: promisify(fs.mkdir),
};

/** fsync of a folder, so a rename into it survives a power cut; off this thread. */
export async function fsyncFolderAsync(folder: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const fd = await fsAsync.open(folder, 'r');
  try {
    await fsAsync.fsync(fd);
  } finally {
    await fsAsync.close(fd);
  }
}
