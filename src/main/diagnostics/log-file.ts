// The app's log: one line per event that matters when something goes wrong (startup, sync and send
// failures, API bugs), in <dataDir>/logs/pecdesk.log, rotated by size with a few old files kept.
// Written synchronously: the events are rare, lines stay in order, and a line written before a
// crash is on disk. Callers pass codes, ids and host names; never a password, a body or a subject.
// Hand-written rather than a logging library: ~80 lines, where pino or winston would each bring
// a transport layer and a dependency tree for one file appended a few times a minute.
import fs from 'node:fs';
import path from 'node:path';

/** How serious a line is. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Values of a line; strings are put on one line and cut to a bounded length. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Where events are written and read back for the diagnostics. */
export interface AppLog {
  /** The current log file, or null when nothing is written (CLI, tests without a log). */
  readonly file: string | null;
  write(level: LogLevel, event: string, fields?: LogFields): void;
  /** The newest `lines` lines, oldest first (reaching into the previous file when needed). */
  tail(lines: number): string[];
}

/** Size and number of files: at most (keep + 1) × maxBytes on disk. */
export interface RotationOptions {
  maxBytes?: number;
  keep?: number;
}

/** The log file's name inside its folder. */
export const LOG_FILE_NAME = 'pecdesk.log';
const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_KEEP = 3;
// A server's answer can be long; the log keeps what identifies the problem.
const MAX_VALUE_CHARS = 400;
// Enough for any tail the diagnostics ask for, without reading a whole file.
const TAIL_READ_BYTES = 128 * 1024;

function formatValue(value: string | number | boolean | null | undefined): string {
  const text = String(value ?? '-').replace(/[\r\n\t]+/g, ' ').slice(0, MAX_VALUE_CHARS);
  return /^[^\s"=]+$/.test(text) ? text : JSON.stringify(text);
}

/** One log line (without the newline). */
export function formatLine(level: LogLevel, event: string, fields: LogFields = {}, now = new Date()): string {
  const pairs = Object.entries(fields).map(([key, value]) => `${key}=${formatValue(value)}`);
  return [now.toISOString(), level.toUpperCase(), formatValue(event), ...pairs].join(' ');
}

function lastLines(file: string, count: number): string[] {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, TAIL_READ_BYTES);
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, size - length);
      const lines = buffer.toString('utf8').split('\n').filter(Boolean);
      // The first line may be cut in the middle when the read started inside it.
      if (length < size) lines.shift();
      return lines.slice(-count);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
}

/** A log in `dir`, rotated when the next line would pass maxBytes: pecdesk.log → .1 → .2 … → dropped. */
export function openLog(dir: string, options: RotationOptions = {}): AppLog {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const file = path.join(dir, LOG_FILE_NAME);
  const rotated = (n: number) => `${file}.${n}`;
  let size: number | null = null;

  const rotate = () => {
    fs.rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (fs.existsSync(rotated(n))) fs.renameSync(rotated(n), rotated(n + 1));
    if (keep >= 1) fs.renameSync(file, rotated(1));
    else fs.rmSync(file, { force: true });
    size = 0;
  };

  return {
    file,
    write(level, event, fields) {
      const line = `${formatLine(level, event, fields)}\n`;
      try {
        if (size === null) {
          fs.mkdirSync(dir, { recursive: true });
          size = fs.existsSync(file) ? fs.statSync(file).size : 0;
        }
        const bytes = Buffer.byteLength(line);
        if (size > 0 && size + bytes > maxBytes) rotate();
        fs.appendFileSync(file, line, { mode: 0o600 });
        size = (size ?? 0) + bytes;
      } catch (err) {
        // A full disk or a read-only folder must not stop the app: the line goes to stderr instead.
        size = null;
        process.stderr.write(`pecdesk: cannot write the log (${err instanceof Error ? err.message : String(err)}): ${line}`);
      }
    },
    tail(count) {
      const current = lastLines(file, count);
      if (current.length >= count || keep < 1) return current;
      return [...lastLines(rotated(1), count - current.length), ...current];
    },
  };
}

/** A log that writes nothing, for one-shot runs (CLI, most tests). */
export const silentLog: AppLog = { file: null, write: () => undefined, tail: () => [] };
