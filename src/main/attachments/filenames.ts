// File names from mail are attacker-chosen: "../../.bashrc", "C:\\x", "CON.txt", names with
// control characters, right-to-left overrides or 4,000 bytes. Everything written to disk, and every
// entry or folder of an archive we build, goes through here first: one set of rules for Linux,
// Windows and macOS.
import path from 'node:path';

// Characters Windows refuses in names and path separators of every OS (control characters are
// dropped separately, by code point).
const FORBIDDEN = /[<>:"/\\|?*]/g;

function isControl(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

// Bidirectional controls and invisible formatting characters: "fattura\u202Efdp.exe" displays as
// "fatturaexe.pdf". They carry no meaning in a file name, so they are removed, not replaced.
const BIDI_AND_INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** Whether a name carries bidi overrides or invisible characters (a disguise, for the open check). */
export function hasBidiOrInvisible(name: string): boolean {
  return new RegExp(BIDI_AND_INVISIBLE.source, 'u').test(name);
}

// Device names Windows treats specially whatever the extension (CON.txt, "NUL .txt" and COM¹ too).
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\s*\..*)?$/i;
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
  let clean = [...base.normalize('NFC').replace(BIDI_AND_INVISIBLE, '')]
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
    clean = truncateUtf8(clean.slice(0, clean.length - keepExt.length), MAX_BYTES - Buffer.byteLength(keepExt)).replace(/[.\s]+$/, '') + keepExt;
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
