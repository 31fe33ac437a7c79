// Reconciliation's grace follows the provider: once its accettazioni are seen to come seconds
// after the submission, a message left doubtful by a crash waits a few times that long before it
// is resent, so a slow accettazione is found instead of causing a second PEC to the recipient.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox } from '../../../sandbox';
import { createSendEngine, type SendEngine } from '../../../src/main/send';
import { sendFixture, syncUntil, TestClock, type SendFixture } from './helpers';
import { writeStoreDb } from '../../helpers/store-db';

const SENDER = 'studio@pec.alfa.test';
// Configured far below the provider's pace: with it alone, the doubtful message would go twice.
const CONFIGURED_GRACE_MS = 500;
const ACCETTAZIONE_DELAY_MS = 2_000;

async function sendOne(engine: SendEngine, fx: SendFixture, address: string): Promise<number> {
  const created = engine.campaigns.create({ accountId: fx.accountId, subject: 'Avviso', text: 'Si comunica.\n', recipients: [{ address }] });
  assert.ok(created.ok, JSON.stringify(created));
  assert.ok((await engine.start(created.value.id)).ok);
  assert.equal(await engine.whenSettled(created.value.id), 'done');
  return created.value.id;
}

test('after seeing accettazioni come 2 s late, a message doubtful after a crash waits for its own instead of being resent after the configured 0.5 s', async () => {
  const clock = new TestClock(1);
  const sandbox = await startSandbox({ now: clock.now, delays: { accettazioneMs: ACCETTAZIONE_DELAY_MS }, onError: () => undefined });
  const fx = await sendFixture(sandbox, SENDER, { rateLimit: { perMinute: 100_000 } });
  const options = { store: fx.store, accounts: fx.accounts, clock, reconcileGraceMs: CONFIGURED_GRACE_MS, overdueCheckEveryMs: 0 };
  let engine = createSendEngine(options);
  try {
    // The provider's pace, learnt from an earlier message's accettazione.
    const earlier = await sendOne(engine, fx, 'ufficio@pec.beta.test');
    await syncUntil(fx, () => fx.store.campaignDac(earlier).A === 1);

    // Taken by the provider, then "killed" before the 250 was committed.
    const doubtful = await sendOne(engine, fx, 'protocollo@pec.beta.test');
    await engine.dispose();
    writeStoreDb(fx.store, (db) => {
      db.prepare("UPDATE campaign_recipients SET state = 'submitting', submitting_ms = ? WHERE campaign_id = ?").run(clock.now(), doubtful);
      db.prepare("UPDATE campaigns SET state = 'sending' WHERE id = ?").run(doubtful);
    });

    engine = createSendEngine(options);
    engine.resumeInterrupted();
    assert.equal(await engine.whenSettled(doubtful), 'done');
    const toProtocollo = sandbox.log.accepted().filter((r) => r.recipients.includes('protocollo@pec.beta.test'));
    assert.equal(toProtocollo.length, 1, 'found by its accettazione, not sent again');
    assert.equal(engine.campaigns.recipients(doubtful).rows[0].state, 'submitted');
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});
