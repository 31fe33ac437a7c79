// Writing attachments into a folder the user chose: names sanitised, never outside that folder,
// never over an existing file unless the user said so after being asked, and marked as downloaded
// (Mark of the Web, macOS quarantine) so the system warns before running what came by mail.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { uniqueFileNames } from './filenames';
import { markAsDownloaded } from './mark';

/** A file to write. */
export interface FileToSave {
  name: string;
  content: Buffer;
}

/** Outcome of saveFiles. */
export type SaveResult =
  | { ok: true; saved: string[] }
  | { ok: false; code: 'exists'; names: string[]; detail: string }
  | { ok: false; code: 'bad-folder'; detail: string }
  /** cause: the system's error, e.g. "ENOSPC: no space left on device". */
  | { ok: false; code: 'io'; detail: string; cause: string };

async function writeNew(file: string, content: Buffer): Promise<void> {
  // 'wx' fails if the file appeared since we looked: no silent overwrite even in a race.
  await fs.promises.writeFile(file, content, { flag: 'wx' });
}

async function replace(file: string, content: Buffer): Promise<void> {
  // Write aside and rename over: a crash never leaves a half-written file, and a symlink in the
  // way is replaced itself rather than followed.
  const tmp = path.join(path.dirname(file), `.pecdesk-${crypto.randomBytes(6).toString('hex')}.tmp`);
  await fs.promises.writeFile(tmp, content, { flag: 'wx' });
  try {
    await fs.promises.rename(tmp, file);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Saves files into dir; with overwrite false, refuses (code 'exists', listing them) when any name is taken. */
export async function saveFiles(dir: string, files: FileToSave[], overwrite: boolean): Promise<SaveResult> {
  // A NUL byte would end the path early in the OS but not in path.resolve: refuse it outright.
  if (dir.includes('\0')) return { ok: false, code: 'bad-folder', detail: 'The folder path contains a NUL character.' };
  if (!path.isAbsolute(dir)) return { ok: false, code: 'bad-folder', detail: `"${dir}" is not a full folder path.` };
  const folder = path.resolve(dir);
  const stat = await fs.promises.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) return { ok: false, code: 'bad-folder', detail: `The folder ${folder} does not exist.` };

  const names = uniqueFileNames(files.map((f) => f.name));
  const targets = names.map((name) => path.join(folder, name));
  if (targets.some((t) => path.dirname(t) !== folder)) throw new Error(`attachments bug: a sanitised name left ${folder}`);

  const existing: string[] = [];
  for (const [i, target] of targets.entries()) {
    if (await fs.promises.lstat(target).catch(() => null)) existing.push(names[i]);
  }
  if (existing.length > 0 && !overwrite) {
    return { ok: false, code: 'exists', names: existing, detail: `${existing.length} file(s) already exist in ${folder}: ${existing.join(', ')}` };
  }
  const saved: string[] = [];
  try {
    for (const [i, target] of targets.entries()) {
      if (overwrite && existing.includes(names[i])) await replace(target, files[i].content);
      else await writeNew(target, files[i].content);
      await markAsDownloaded(target);
      saved.push(target);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') return { ok: false, code: 'exists', names: [path.basename(e.path ?? '')], detail: `A file appeared while saving: ${e.path}` };
    return { ok: false, code: 'io', detail: `Could not write into ${folder}: ${e.message}${saved.length ? ` (${saved.length} file(s) were saved)` : ''}`, cause: e.message };
  }
  return { ok: true, saved };
}
