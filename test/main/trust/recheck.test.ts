// Re-judging every stored signed PEC object against a newly imported providers' index: verdicts,
// proof and counters follow, with change events, from the stored facts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, type StoreChange } from '../../../src/main/store';
import { recheckVerdicts } from '../../../src/main/trust';
import { tempDir } from '../store/helpers';
import { forgeries, genuineConsegna, sentMessages } from './forgeries';
import { testIndex } from './helpers';
import { writeStoreDb } from '../../helpers/store-db';

test('an index imported later makes the genuine receipt attendibile and takes the forged integra one out of the counters', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir);
  try {
    const sent = await store.importSentMessage(sentMessages()[0].raw);
    assert.ok(sent.ok);
    const wrongDomain = forgeries().find((f) => f.name === 'd-wrong-domain')!;
    const forged = await store.importMessage(wrongDomain.raw);
    assert.ok(forged.ok);
    // No index yet: the forged consegna verifies, so it counts, marked integra.
    assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 0, C: 1, E: 0 });
    const changes: StoreChange[][] = [];
    store.onChange((c) => changes.push(c));
    const progress: number[] = [];
    const result = await recheckVerdicts(store, testIndex(), (p) => progress.push(p.done));
    assert.deepEqual(result, { checked: 1, changed: 0 }, 'still integra, now judged against the index');
    assert.deepEqual(progress, [0, 1]);
    assert.equal(store.getMessage(forged.messageRowId)?.trust?.indexVersionId, 1);
    assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 0, C: 0, E: 0 }, 'integra with an index is not proof');
    assert.ok(changes.flat().some((c) => c.entity === 'deliveries'), 'the recipient row changed');
    assert.equal(store.receiptsToVerify(0, 10).total, 1);

    const genuine = await store.importMessage(genuineConsegna());
    assert.ok(genuine.ok);
    assert.equal(store.getMessage(genuine.messageRowId)?.trust?.level, 'integra');
    const again = await recheckVerdicts(store, testIndex([...testIndex().providers], 2));
    assert.deepEqual(again, { checked: 2, changed: 1 });
    assert.equal(store.getMessage(genuine.messageRowId)?.trust?.level, 'attendibile');
    assert.deepEqual(store.dac(sent.sentMessageId), { D: 1, A: 0, C: 1, E: 0 });
  } finally {
    store.close();
    cleanup();
  }
});

test('a row stored before verdicts existed is judged from its bytes once, and its facts kept', async () => {
  const { dir, cleanup } = tempDir();
  const store = openStore(dir);
  try {
    const stored = await store.importMessage(genuineConsegna());
    assert.ok(stored.ok);
    // As a database migrated from before migration 8 holds it.
    writeStoreDb(store, (db) => db.prepare(`UPDATE messages SET trust_level = NULL, trust_checked_at = NULL, sig_signer_sha1 = NULL, pec_delivered_to = NULL WHERE id = ?`).run(stored.messageRowId));
    assert.equal(store.receiptLevels().unjudged, 1);
    const result = await recheckVerdicts(store, testIndex());
    assert.deepEqual(result, { checked: 1, changed: 1 });
    assert.equal(store.getMessage(stored.messageRowId)?.trust?.level, 'attendibile');
    const facts = store.signedObjectsAfter(0, 10)[0];
    assert.ok(facts.factsStored && facts.facts.signature.signerSha1 && facts.facts.deliveredTo);
  } finally {
    store.close();
    cleanup();
  }
});
