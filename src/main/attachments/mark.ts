// The "downloaded from the Internet" mark on files saved from mail, so the system warns before
// running them and Office opens them in Protected View: the Mark of the Web on Windows (an NTFS
// alternate data stream), the quarantine attribute on macOS. Linux desktops have no such mark.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Zone.Identifier stream content: zone 3 is "Internet" (URLZONE_INTERNET). */
export function zoneIdentifier(): string {
  return '[ZoneTransfer]\r\nZoneId=3\r\n';
}

/** The com.apple.quarantine value: flags, the time in hex seconds, the agent that downloaded it. */
export function quarantineValue(now: Date): string {
  // 0081: "downloaded" and "user approval required"; the same flags browsers write.
  return `0081;${Math.floor(now.getTime() / 1000).toString(16)};PecDesk;`;
}

/**
 * Marks a file as downloaded, as the platform expects. Never fails the save: a file system without
 * streams (FAT, a network share) or a missing xattr tool leaves the file unmarked, and the caller is
 * told so it can say it.
 */
export async function markAsDownloaded(file: string, platform: NodeJS.Platform = process.platform, now = new Date()): Promise<boolean> {
  try {
    if (platform === 'win32') {
      await fs.promises.writeFile(`${file}:Zone.Identifier`, zoneIdentifier(), 'utf8');
      return true;
    }
    if (platform === 'darwin') {
      await run('xattr', ['-w', 'com.apple.quarantine', quarantineValue(now), file]);
      return true;
    }
    return false;
  } catch {
    return false;
  }
}
