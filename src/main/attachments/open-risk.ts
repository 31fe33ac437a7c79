// Whether an attachment may be handed to the system to open (shell.openPath), or must be saved
// first. Mail is the classic way in for malware aimed at offices: "fattura.pdf.exe", a right-to-left
// override that shows "fatturaexe.pdf", a .js or .hta that Windows runs with a double click, a Word
// file with macros. The decision looks at the name as the sender wrote it and at the bytes, since
// either can lie; anything that could run code is only ever saved (and marked as downloaded).
import path from 'node:path';
import yauzl from 'yauzl';
import { hasBidiOrInvisible, sanitizeFileName } from './filenames';

/** Why a file must not be opened directly; null when it may be. */
export type OpenRisk =
  /** The name's extension is one the system would run (or runs macros). */
  | { reason: 'program-name'; extension: string }
  /** The name hides its real extension (bidi override, invisible characters). */
  | { reason: 'disguised-name' }
  /** The bytes are a program or a script whatever the name says. */
  | { reason: 'program-content'; format: string }
  /** An Office document carrying macros (VBA). */
  | { reason: 'macros' };

// Types a desktop would run rather than show: Windows (incl. script hosts, installers, shortcuts,
// control panel, help and disk images that mount with a double click), macOS, Linux desktops, Java,
// and Office files whose extension means "with macros".
const PROGRAM_EXTENSIONS = new Set(
  [
    'exe', 'com', 'scr', 'pif', 'bat', 'cmd', 'ps1', 'psm1', 'psd1', 'ps1xml', 'vb', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'wsc', 'ws', 'sct',
    'hta', 'msi', 'msp', 'mst', 'msc', 'cpl', 'dll', 'ocx', 'sys', 'drv', 'scf', 'inf', 'ins', 'isp', 'lnk', 'url', 'website', 'reg', 'gadget',
    'chm', 'hlp', 'application', 'appref-ms', 'appx', 'appxbundle', 'msix', 'msixbundle', 'settingcontent-ms', 'library-ms', 'search-ms', 'diagcab',
    'xll', 'xbap', 'vhd', 'vhdx', 'iso', 'img', 'udf', 'jar', 'jnlp', 'class', 'app', 'command', 'tool', 'workflow', 'action', 'terminal', 'pkg',
    'mpkg', 'dmg', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'run', 'desktop', 'appimage', 'deb', 'rpm', 'snap', 'flatpakref', 'py', 'pyw', 'pl', 'rb',
    'docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'xlsb', 'pptm', 'potm', 'ppsm', 'ppam', 'sldm',
  ],
);

/**
 * The extension Windows would act on: trailing dots and spaces are dropped by Windows itself
 * ("fattura.exe. ."), an NTFS stream suffix ("x.exe::$DATA") names the same file.
 */
function effectiveExtension(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const trimmed = base.replace(/::\$data$/i, '').replace(/[.\s]+$/, '');
  return path.extname(trimmed).slice(1).toLowerCase();
}

/** Whether opening a file by this name with the system could run code. */
export function isExecutableName(name: string): boolean {
  return PROGRAM_EXTENSIONS.has(effectiveExtension(name));
}

function startsWith(content: Buffer, ...bytes: number[]): boolean {
  return content.length >= bytes.length && bytes.every((b, i) => content[i] === b);
}

// Magic numbers of native programs and scripts: PE (MZ), ELF, Mach-O (32/64, both byte orders),
// universal Mach-O / Java class (both start CAFEBABE), a Unix script's "#!".
const PROGRAM_MAGIC: [string, number[]][] = [
  ['Windows program (MZ)', [0x4d, 0x5a]],
  ['ELF program', [0x7f, 0x45, 0x4c, 0x46]],
  ['Mach-O program', [0xfe, 0xed, 0xfa, 0xce]],
  ['Mach-O program', [0xfe, 0xed, 0xfa, 0xcf]],
  ['Mach-O program', [0xce, 0xfa, 0xed, 0xfe]],
  ['Mach-O program', [0xcf, 0xfa, 0xed, 0xfe]],
  ['Mach-O universal program or Java class', [0xca, 0xfe, 0xba, 0xbe]],
  ['script (#!)', [0x23, 0x21]],
];

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
// Storage names of a VBA project inside an OLE compound file (.doc, .xls, .ppt), as UTF-16LE
// directory entries: Word keeps "Macros/VBA", Excel "_VBA_PROJECT_CUR/VBA", both a "_VBA_PROJECT" stream.
// (names are NUL-padded in the directory; "_VBA_PROJECT" is also the prefix of "_VBA_PROJECT_CUR").
const OLE_VBA_NAMES = ['_VBA_PROJECT', 'Macros\0', 'VBA\0'].map((n) => Buffer.from(n, 'utf16le'));

/** Names of the entries of a zip, or null when the bytes are not a readable zip. */
async function zipEntryNames(content: Buffer): Promise<string[] | null> {
  try {
    // decodeStrings off: a hostile entry name ("../x") must not make the listing itself fail.
    const zip = await yauzl.fromBufferPromise(content, { lazyEntries: true, decodeStrings: false });
    const names: string[] = [];
    try {
      for await (const entry of zip.eachEntry()) names.push(Buffer.from(entry.fileName as unknown as Buffer).toString('latin1'));
    } finally {
      zip.close();
    }
    return names;
  } catch {
    return null;
  }
}

async function contentRisk(content: Buffer): Promise<OpenRisk | null> {
  const magic = PROGRAM_MAGIC.find(([, bytes]) => startsWith(content, ...bytes));
  if (magic) return { reason: 'program-content', format: magic[0] };
  if (startsWith(content, ...OLE)) return OLE_VBA_NAMES.some((n) => content.includes(n)) ? { reason: 'macros' } : null;
  if (startsWith(content, 0x50, 0x4b, 0x03, 0x04)) {
    const names = await zipEntryNames(content);
    if (!names) return null;
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { reason: 'macros' };
    if (names.some((n) => /^META-INF\/MANIFEST\.MF$/i.test(n) || /\.class$/i.test(n))) return { reason: 'program-content', format: 'Java archive (jar)' };
  }
  return null;
}

/**
 * Whether an attachment must be saved rather than opened: by its name as the sender wrote it
 * (before any cleaning, so a disguise is seen) and by its bytes.
 */
export async function openRisk(rawName: string, content: Buffer): Promise<OpenRisk | null> {
  if (hasBidiOrInvisible(rawName)) return { reason: 'disguised-name' };
  // The raw name for what the sender meant, the cleaned one for what the file on disk will be called.
  for (const name of [rawName, sanitizeFileName(rawName)]) {
    if (isExecutableName(name)) return { reason: 'program-name', extension: effectiveExtension(name) };
  }
  return contentRisk(content);
}
