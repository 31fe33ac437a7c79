// Classify + verify 10,000 receipts with analyzeMessage, against a bare mailparser simpleParser
// pass over the same buffers measured in the same run (target: ratio ≤ 1.5).
// The receipts are the real provider files of test/fixtures/pec-real (Aruba 2014/2018 signed
// with sha1, fakepec with an unreadable p7s), each copy made distinct by one extra header line
// that the signature does not cover.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { analyzeMessage } from '../src/main/pec';
import { benchLine, timeMs, type BenchLine } from './line';

const REAL_DIR = path.resolve(__dirname, '../test/fixtures/pec-real');
const RECEIPTS = [
  'aruba-2014-accettazione.eml',
  'aruba-2014-avvenuta-consegna-completa.eml',
  'aruba-2018-accettazione.eml',
  'aruba-2018-avvenuta-consegna-completa.eml',
  'fakepec-2024-accettazione-anonymized-with-p7s.eml',
  'fakepec-2024-errore-consegna-no-dest-anonymized-with-p7s.eml',
];
const COUNT = 10_000;

function receipts(): Buffer[] {
  const files = RECEIPTS.map((f) => readFileSync(path.join(REAL_DIR, f)));
  return Array.from({ length: COUNT }, (_, i) => Buffer.concat([Buffer.from(`X-Bench-Copy: ${i}\r\n`), files[i % files.length]]));
}

/** One line: analyzeMessage over 10,000 receipts, baseline simpleParser over the same bytes. */
export async function benchClassify(): Promise<BenchLine[]> {
  const messages = receipts();
  // Warm both paths up so the JIT is not measured.
  for (const m of messages.slice(0, 300)) {
    await analyzeMessage(m);
    await simpleParser(m);
  }
  let verified = 0;
  const ours = await timeMs(async () => {
    for (const m of messages) {
      const r = await analyzeMessage(m);
      if (r.ok && r.analysis.kind === 'receipt' && r.analysis.signature.valid !== null) verified++;
    }
  });
  if (verified !== COUNT) throw new Error(`only ${verified} of ${COUNT} messages were classified as receipts with a signature verdict`);
  const baseline = await timeMs(async () => {
    for (const m of messages) await simpleParser(m);
  });
  return [benchLine('pec.classify+verify 10k receipts', ours, 'ms', baseline, 'ratio ≤ 1.5 vs mailparser simpleParser')];
}

if (require.main === module) {
  benchClassify().then(
    (lines) => lines.forEach((line) => process.stdout.write(JSON.stringify(line) + '\n')),
    (err: unknown) => {
      process.stderr.write(`bench classify failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
