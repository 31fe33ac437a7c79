// Italian local time, as PEC providers write it: daticert `data` (giorno gg/mm/aaaa, ora hh:mm:ss,
// zona ±hhmm — DM 2/11/2005 §7.3.3) and the RFC 5322 Date header, whatever the machine's time zone.

/** One instant in Europe/Rome, ready for daticert and headers. */
export interface ItalianTime {
  giorno: string;
  ora: string;
  zona: string;
  /** RFC 5322 date-time, e.g. `Tue, 13 Nov 2018 16:39:26 +0100`. */
  header: string;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats `date` in Italian local time (CET/CEST). */
export function italianTime(date: Date): ItalianTime {
  const p = Object.fromEntries(parts.formatToParts(date).map((x) => [x.type, Number(x.value)])) as Record<string, number>;
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offsetMin = Math.round((wallAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const zona = `${offsetMin < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offsetMin) / 60))}${pad(Math.abs(offsetMin) % 60)}`;
  const weekday = DAYS[new Date(wallAsUtc).getUTCDay()];
  const time = `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  return {
    giorno: `${pad(p.day)}/${pad(p.month)}/${p.year}`,
    ora: time,
    zona,
    header: `${weekday}, ${pad(p.day)} ${MONTHS[p.month - 1]} ${p.year} ${time} ${zona}`,
  };
}

/** Compact local timestamp YYYYMMDDhhmmss, as in Aruba identificativi (`opec288.20181113163926…`). */
export function compactTimestamp(date: Date): string {
  const t = italianTime(date);
  const [d, m, y] = t.giorno.split('/');
  return `${y}${m}${d}${t.ora.replaceAll(':', '')}`;
}
