// File names from mail are attacker-chosen: "../../.bashrc", "C:\\x", "CON.txt", names with
// control characters or 4,000 bytes. Everything written to disk goes through here first.
import path from 'node:path';

// Characters Windows refuses in names and path separators of every OS (control characters are
// dropped separately, by code point).
const FORBIDDEN = /[<>:"/\\|?*]/g;

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}
// Device names Windows treats specially whatever the extension (CON.txt is the console).
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// Most file systems allow 255 bytes per name; keep room for " (12)" when de-duplicating.
const MAX_BYTES = 200;

function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/** A safe name for one file in one folder: no directories, no traversal, no device names, bounded length. */
export function sanitizeFileName(name: string, fallback = 'allegato'): string {
  // Keep only the last path component, whichever separator the sender's system used.
  const base = name.split(/[/\\]/).pop() ?? '';
  let clean = [...base.normalize('NFC')]
    .map((ch) => (isControl(ch) ? '_' : ch))
    .join('')
    .replace(FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .trim();
  // No hidden files and no "." / "..": leading dots go; Windows drops trailing dots and spaces.
  clean = clean.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (!clean) clean = fallback;
  if (RESERVED.test(clean)) clean = `_${clean}`;
  if (Buffer.byteLength(clean) > MAX_BYTES) {
    const ext = path.extname(clean);
    const keepExt = ext.length > 1 && Buffer.byteLength(ext) <= 16 ? ext : '';
    clean = truncateUtf8(clean.slice(0, clean.length - keepExt.length), MAX_BYTES - Buffer.byteLength(keepExt)).trimEnd() + keepExt;
  }
  return clean;
}

/** Sanitised names, made unique within the batch ("a.pdf", "a (2).pdf"), case-insensitively. */
export function uniqueFileNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((raw) => {
    const name = sanitizeFileName(raw);
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

// Types the OS would run rather than show (Windows, macOS, Linux desktops, Office macros).
const EXECUTABLE = /\.(exe|com|scr|pif|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|wsh|hta|msi|msp|cpl|jar|lnk|reg|app|command|sh|desktop|appimage|deb|rpm|dmg|pkg|docm|xlsm|pptm|iso|img)$/i;

/** Whether opening this file with the system could run code: such files may only be saved. */
export function isExecutableName(name: string): boolean {
  return EXECUTABLE.test(name.trim());
}
