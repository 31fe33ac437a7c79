// A property of the counters: for random sends and random streams of receipts (every kind,
// duplicates, out of order, before their sent message, forged ones mixed in), every view of D/A/C/E
// (dac, campaignDac, sentStats, deliveriesOf statuses, the evidence report) equals a reference
// computed from scratch here. Seeded, bounded: it runs in seconds and fails the same way twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { exportSentEvidence } from '../../../src/main/send';
import { STATUS_LABELS } from '../../../src/main/send/report';
import { openStore } from '../../../src/main/store';
import type { DacCounters, ReceiptType } from '../../../src/shared/pec';
import { unzip } from '../send/helpers';
import { testIndex, testProvider } from '../trust/helpers';
import { receiptEml, tempDir } from './helpers';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Forgery = 'none' | 'unsigned' | 'altered' | 'stranger';
interface Planned { type: ReceiptType; msgid: string; recipient: string | null; forgery: Forgery }
interface Sent { messageId: string; to: string[]; cc: string[] }

const DOMAINS = ['pec.alfa.test', 'pec.beta.test', 'pec.gamma.test'];
const PER_RECIPIENT: ReceiptType[] = ['avvenuta-consegna', 'errore-consegna', 'preavviso-errore-consegna', 'rilevazione-virus'];

function bytesOf(p: Planned): Buffer {
  // Every message has its own identificativo, as providers give it.
  const raw = receiptEml({ type: p.type, msgid: p.msgid, identificativo: `opec.${p.msgid}`, consegna: p.recipient ?? undefined, sign: p.forgery === 'unsigned' ? null : undefined });
  // One character of the signed text changed after signing.
  return p.forgery === 'altered' ? Buffer.from(raw.toString('latin1').replace('Messaggio di servizio PEC', 'Messaggio di servizio PEX'), 'latin1') : raw;
}

/** The reference: what the receipts that are proof say, computed without the store. */
function expected(sent: Sent, receipts: Planned[]): { dac: DacCounters; status: Map<string, string> } {
  const proof = receipts.filter((r) => r.msgid === sent.messageId && r.forgery === 'none');
  const recipients = [...new Set([...sent.to, ...sent.cc])];
  const refused = proof.some((r) => r.type === 'non-accettazione');
  const accepted = proof.some((r) => r.type === 'accettazione');
  const has = (address: string, type: ReceiptType) => proof.some((r) => r.recipient === address && r.type === type);
  const status = new Map<string, string>();
  const dac = { D: recipients.length, A: accepted ? recipients.length : 0, C: 0, E: 0 };
  for (const address of recipients) {
    // After a counted refusal no delivery outcome is believed (the message never left).
    const delivered = !refused && has(address, 'avvenuta-consegna');
    const failed = refused || has(address, 'errore-consegna') || has(address, 'rilevazione-virus');
    const warned = !refused && has(address, 'preavviso-errore-consegna');
    if (delivered) dac.C++;
    else if (failed) dac.E++;
    status.set(address, delivered ? 'delivered' : failed ? 'error' : warned ? 'warning' : accepted ? 'accepted' : 'pending');
  }
  return { dac, status };
}

test('every view of D/A/C/E equals the reference, for random sends and random receipt streams', async () => {
  const random = prng(20261206);
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const index = testIndex([testProvider('Test PEC S.p.A.', DOMAINS)]);
  for (let round = 0; round < 8; round++) {
    const { dir, cleanup } = tempDir();
    const store = openStore(path.join(dir, 'store'), { trustIndex: () => index });
    try {
      const campaign = store.createCampaign({ subject: `giro ${round}` });
      const sends: Sent[] = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
        const all = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, j) => `r${i}${j}@${pick(DOMAINS)}`);
        const cut = 1 + Math.floor(random() * all.length);
        return { messageId: `pecdesk.prop${round}x${i}@pec.alfa.test`, to: all.slice(0, cut), cc: all.slice(cut) };
      });
      const planned: Planned[] = [];
      for (const s of sends) {
        const recipients = [...s.to, ...s.cc];
        const answer = random();
        if (answer < 0.75) planned.push({ type: 'accettazione', msgid: s.messageId, recipient: null, forgery: 'none' });
        else if (answer < 0.9) planned.push({ type: 'non-accettazione', msgid: s.messageId, recipient: null, forgery: 'none' });
        for (let n = Math.floor(random() * 6); n > 0; n--) {
          const type = pick(PER_RECIPIENT);
          const forgery = random() < 0.7 ? 'none' : pick(['unsigned', 'altered', 'stranger'] as const);
          planned.push({ type, msgid: s.messageId, recipient: forgery === 'stranger' ? `estraneo@${pick(DOMAINS)}` : pick(recipients), forgery });
        }
        if (random() < 0.3) planned.push({ type: pick(['accettazione', 'avvenuta-consegna'] as const), msgid: s.messageId, recipient: pick(recipients), forgery: pick(['unsigned', 'altered'] as const) });
      }
      // The stream: shuffled, with duplicates (same bytes, or the same receipt downloaded again).
      const stream: { raw: Buffer; plan: Planned }[] = planned.map((plan) => ({ raw: bytesOf(plan), plan }));
      for (const item of [...stream]) if (random() < 0.2) stream.push(random() < 0.5 ? item : { raw: bytesOf(item.plan), plan: item.plan });
      for (let i = stream.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [stream[i], stream[j]] = [stream[j], stream[i]];
      }
      // Sent messages recorded at random points of the stream: receipts may come before them.
      const recordAt = sends.map(() => Math.floor(random() * (stream.length + 1)));
      const sentIds = new Map<string, number>();
      for (let i = 0; i <= stream.length; i++) {
        sends.forEach((s, k) => {
          if (recordAt[k] !== i) return;
          const recorded = store.recordSent({ messageId: s.messageId, campaignId: campaign, subject: 'Prova', to: s.to, cc: s.cc, status: 'submitted' });
          assert.ok(recorded.ok);
          sentIds.set(s.messageId, recorded.sentMessageId);
        });
        if (i < stream.length) assert.ok((await store.importMessage(stream[i].raw)).ok);
      }

      const total = { D: 0, A: 0, C: 0, E: 0 };
      for (const s of sends) {
        const id = sentIds.get(s.messageId)!;
        const want = expected(s, planned);
        const where = `round ${round}, ${s.messageId}`;
        assert.deepEqual(store.dac(id), want.dac, where);
        const stats = store.sentStats().find((x) => x.sentMessageId === id)!;
        assert.deepEqual({ D: stats.D, A: stats.A, C: stats.C, E: stats.E }, want.dac, where);
        assert.deepEqual(new Map(store.deliveriesOf(id).map((d) => [d.address, d.status])), want.status, where);
        for (const k of ['D', 'A', 'C', 'E'] as const) total[k] += want.dac[k];
      }
      assert.deepEqual(store.campaignDac(campaign), total, `round ${round}, campaign`);

      // The evidence report of one message says the same statuses.
      const s = pick(sends);
      const out = path.join(dir, 'prove.zip');
      const exported = await exportSentEvidence({ store, sentMessageId: sentIds.get(s.messageId)!, cutoff: 0, now: Date.now() }, out);
      assert.ok(exported.ok, JSON.stringify(exported));
      const csv = (await unzip(out)).get('report.csv')!.toString('utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
      const rows = csv.slice(csv.findIndex((l) => l.startsWith('Destinatario;')) + 1).map((l) => l.split(';'));
      const labels = expected(s, planned).status;
      assert.deepEqual(
        new Map(rows.map((r) => [r[0], r[2]])),
        new Map([...labels].map(([address, st]) => [address, STATUS_LABELS[(st === 'pending' ? 'submitted' : st) as keyof typeof STATUS_LABELS]])),
        `round ${round}, report of ${s.messageId}`,
      );
    } finally {
      store.close();
      cleanup();
    }
  }
});
