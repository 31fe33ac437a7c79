// Dates and sizes the Italian way: Europe/Rome time (PEC certified times are Italian legal time),
// 24-hour clock, day before month, whatever the machine's own time zone.
import i18n from './index';

const TIME_ZONE = 'Europe/Rome';

function locale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'it-IT';
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: 'date' | 'time' | 'full'): Intl.DateTimeFormat {
  const key = `${locale()}:${kind}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : kind === 'date'
          ? { day: '2-digit', month: '2-digit', year: 'numeric' }
          : { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(locale(), { ...options, timeZone: TIME_ZONE });
    cache.set(key, f);
  }
  return f;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** For lists: the time when it is today in Rome, else the date. */
export function formatListDate(iso: string | null | undefined, now = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const day = formatter('date');
  return day.format(d) === day.format(now) ? formatter('time').format(d) : `${day.format(d)} ${formatter('time').format(d)}`;
}

/** Full date and time to the second, for headers and certified times. */
export function formatFullDate(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? formatter('full').format(d) : '';
}

/** Bytes as B, KB, MB with one decimal. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString(locale(), { maximumFractionDigits: 1 })} ${units[unit]}`;
}
