// Only proof counts, through the store: each forged or misplaced receipt of test/main/trust/forgeries.ts,
// aimed at a sent message without a delivery, is stored byte for byte and linked for display where
// it belongs, changes no counter, closes no recipient, is listed in "Ricevute da verificare" with its
// verdict and problem, and goes into an evidence export only apart, as not proof.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { exportSentEvidence } from '../../../src/main/send';
import { openStore, type Store } from '../../../src/main/store';
import { assertHashesHold, unzip } from '../send/helpers';
import {
  ARUBA_MESSAGE_ID, ARUBA_RECIPIENT, forgeries, genuineConsegna, LATER_MESSAGE_ID, REFUSED_MESSAGE_ID, refusal, sentMessages,
} from '../trust/forgeries';
import { testIndex } from '../trust/helpers';
import { tempDir } from './helpers';

async function withIndexedStore(fn: (store: Store, dir: string) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir();
  const store = openStore(path.join(dir, 'store'), { trustIndex: () => testIndex() });
  try {
    await fn(store, dir);
  } finally {
    store.close();
    cleanup();
  }
}

function accounts(store: Store): { A: number; B: number } {
  const a = store.saveAccount({ name: 'Studio', address: ARUBA_RECIPIENT, kind: 'pec' });
  const b = store.saveAccount({ name: 'Altro studio', address: 'altro.studio@pec.it', kind: 'pec' });
  assert.ok(a.ok && b.ok);
  return { A: a.accountId, B: b.accountId };
}

async function recordSent(store: Store, accountId: number): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const { raw } of sentMessages()) {
    const sent = await store.importSentMessage(raw, accountId);
    assert.ok(sent.ok, JSON.stringify(sent));
    ids.set(store.getSent(sent.sentMessageId)!.messageId, sent.sentMessageId);
  }
  return ids;
}

test('the genuine Aruba consegna in its own account is attendibile and counts: the forgeries below are measured against a working count', async () => {
  await withIndexedStore(async (store) => {
    const { A } = accounts(store);
    const sent = await recordSent(store, A);
    const stored = await store.importMessage(genuineConsegna(), { accountId: A });
    assert.ok(stored.ok);
    assert.equal(store.getMessage(stored.messageRowId)?.trust?.level, 'attendibile');
    assert.deepEqual(store.dac(sent.get(ARUBA_MESSAGE_ID)!), { D: 1, A: 0, C: 1, E: 0 });
    assert.equal(store.receiptsToVerify(0, 10).total, 0);
  });
});

test('no forged or misplaced receipt changes a counter or closes a recipient; each is stored, flagged and listed to verify', async () => {
  await withIndexedStore(async (store, dir) => {
    const account = accounts(store);
    const sent = await recordSent(store, account.A);
    assert.ok((await store.importMessage(refusal(), { accountId: account.A })).ok);
    const before = new Map([...sent].map(([id, row]) => [id, store.dac(row)]));
    assert.deepEqual(before.get(REFUSED_MESSAGE_ID), { D: 1, A: 0, C: 0, E: 1 }, 'the attendibile refusal counts');

    const rows = new Map<number, ReturnType<typeof forgeries>[number]>();
    for (const forgery of forgeries()) {
      const stored = await store.importMessage(forgery.raw, { accountId: account[forgery.account] });
      assert.ok(stored.ok && stored.status === 'stored' && stored.receiptId !== null, forgery.name);
      const raw = store.readMessageRaw(stored.messageRowId);
      assert.ok(raw?.ok && raw.raw.equals(forgery.raw), `${forgery.name} is kept byte for byte`);
      assert.equal(store.getMessage(stored.messageRowId)?.trust?.level, forgery.level, forgery.name);
      rows.set(stored.receiptId, forgery);
      // Not one counter of any sent message moved.
      for (const [id, row] of sent) assert.deepEqual(store.dac(row), before.get(id), `${forgery.name} changed the counters of ${id}`);
    }
    for (const row of sent.values()) {
      for (const d of store.deliveriesOf(row)) {
        assert.notEqual(d.status, 'delivered', d.address);
        assert.equal(d.deliveredAt, null);
      }
    }
    assert.equal(store.getSent(sent.get(REFUSED_MESSAGE_ID)!)?.status, 'not-accepted');
    assert.deepEqual(store.sentStats().map(({ messageId, C }) => [messageId, C]), [...sent.keys()].map((id) => [id, 0]));

    // Each one listed to verify, with its verdict and problem.
    const toVerify = store.receiptsToVerify(0, 100);
    assert.equal(toVerify.total, rows.size);
    for (const r of toVerify.rows) {
      const forgery = rows.get(r.id)!;
      assert.ok(forgery, `unexpected receipt ${r.id} to verify`);
      assert.equal(r.trust?.level, forgery.level, forgery.name);
      assert.deepEqual(r.problems, forgery.problems, forgery.name);
      assert.equal(r.proof, false, forgery.name);
    }
    // Linked for display where it belongs (never across accounts), and marked on the recipient row.
    const byName = (name: string) => [...rows].find(([, f]) => f.name.startsWith(name))![0];
    const sentOf = (name: string) => toVerify.rows.find((r) => r.id === byName(name))!.sentMessageId;
    assert.equal(sentOf('e-'), null, 'a receipt of account A in account B is not linked');
    assert.equal(sentOf('f-'), sent.get(ARUBA_MESSAGE_ID), 'linked by the signed daticert, not the moved header');
    assert.notEqual(sentOf('f-'), sent.get(LATER_MESSAGE_ID));
    assert.equal(sentOf('g-'), sent.get(REFUSED_MESSAGE_ID));
    const [recipient] = store.deliveriesOf(sent.get(ARUBA_MESSAGE_ID)!);
    assert.deepEqual(recipient.unproven.map((u) => u.level).sort(), ['alterata', 'attendibile', 'integra', 'integra', 'non-firmata']);

    // The evidence export of the targeted message presents none of them as proof.
    const out = path.join(dir, 'prove.zip');
    const exported = await exportSentEvidence({ store, sentMessageId: sent.get(ARUBA_MESSAGE_ID)!, cutoff: 0, now: Date.now() }, out);
    assert.ok(exported.ok, JSON.stringify(exported));
    const entries = await unzip(out);
    const manifest = assertHashesHold(entries);
    const receiptsInZip = [...entries.keys()].filter((n) => /\/(\d\d)-[a-z-]+\.eml$/.test(n));
    assert.equal(receiptsInZip.length, 5);
    for (const name of receiptsInZip) assert.match(name, /\/non-valide-come-prova\/\d\d-avvenuta-consegna\.eml$/);
    assert.match(String(manifest.warning), /^ATTENZIONE/);
    assert.match(entries.get('report.csv')!.toString('utf8'), /^\uFEFFATTENZIONE/);
    const files = manifest.files as { path: string; receipt?: { proof: boolean; verdict: { level: string } | null } }[];
    for (const f of files.filter((x) => x.receipt)) assert.equal(f.receipt!.proof, false, f.path);
  });
});

test('a refusal filed after the consegna it contradicts takes that consegna out of the count, in a later batch as in the same one', async () => {
  for (const together of [false, true]) {
    await withIndexedStore(async (store) => {
      const { A } = accounts(store);
      const sent = (await recordSent(store, A)).get(REFUSED_MESSAGE_ID)!;
      const consegna = forgeries().find((f) => f.name.startsWith('g-'))!.raw;
      if (together) assert.ok((await store.importMessages([{ raw: consegna }, { raw: refusal() }].map((m) => ({ ...m, accountId: A })))).every((r) => r.ok));
      else {
        assert.ok((await store.importMessage(consegna, { accountId: A })).ok);
        // Until the refusal comes, the attendibile consegna counts.
        assert.deepEqual(store.dac(sent), { D: 1, A: 0, C: 1, E: 0 });
        assert.ok((await store.importMessage(refusal(), { accountId: A })).ok);
      }
      assert.deepEqual(store.dac(sent), { D: 1, A: 0, C: 0, E: 1 }, together ? 'same batch' : 'later batch');
      const consegne = store.receiptsOf(sent).filter((r) => r.type === 'avvenuta-consegna');
      assert.deepEqual(consegne.map((r) => [r.proof, r.problems]), [[false, ['message-refused']]]);
    });
  }
});

test('without an index imported, the unsigned and altered receipts still count nowhere; integra ones count, marked as such', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir);
  try {
    const sent = await store.importSentMessage(sentMessages()[0].raw);
    assert.ok(sent.ok);
    const [unsigned, altered] = forgeries();
    for (const f of [unsigned, altered]) assert.ok((await store.importMessage(f.raw)).ok);
    assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 0, C: 0, E: 0 });
    assert.ok((await store.importMessage(genuineConsegna())).ok);
    assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 0, C: 1, E: 0 });
    assert.equal(store.receiptsOf(sent.sentMessageId).find((r) => r.proof)?.trust?.level, 'integra');
  } finally {
    store.close();
    cleanup();
  }
});
