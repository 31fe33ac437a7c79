// Provider-generated identifiers, shaped like Aruba's (`opec288.20181113163926.01838.310.1.63@pec.aruba.it`):
// the identificativo of a certified message and the Message-ID of each receipt (pec-format.md §5).
import crypto from 'node:crypto';
import { compactTimestamp } from './time';

let sequence = 0;

/** A fresh provider id without angle brackets, unique across processes (pid + counter + random). */
export function newPecId(domain: string, date: Date = new Date()): string {
  sequence += 1;
  const pid = String(process.pid % 100000).padStart(5, '0');
  return `opec${crypto.randomInt(100, 1000)}.${compactTimestamp(date)}.${pid}.${sequence}.1.${crypto.randomInt(10, 100)}@${domain}`;
}
