// Lateness ("in ritardo") against the PEC sandbox: a recipient whose provider never delivers is
// flagged after the configured delay and reported once, also across a restart of the engine;
// one that got its delivery receipt is not. A Cc that fails shows under each message, a preavviso as a
// warning. And a message the provider took twice (a resend after an interrupted submission) is shown
// as sent twice, never silently.
import { test } from 'node:test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { startSandbox } from '../../../sandbox';
import { createSendEngine, type SendNotice } from '../../../src/main/send';
import { sendFixture, syncUntil, TestClock } from './helpers';
import { writeStoreDb } from '../../helpers/store-db';

const execFileAsync = promisify(execFile);
const LATE_AFTER_MS = 5 * 60_000;

test('a recipient without delivery after the configured delay is flagged late and notified once, across restarts', async () => {
  const clock = new TestClock(1);
  // lento@pec.beta.test never gets the message delivered (nor a preavviso within the test).
  const sandbox = await startSandbox({ now: clock.now, slow: { preavvisoAfterMs: 3_600_000 }, onError: () => undefined });
  const fx = await sendFixture(sandbox, 'mario.rossi@pec.alfa.test', { rateLimit: { perMinute: 100_000 } });
  const options = { store: fx.store, accounts: fx.accounts, clock, overdueAfterMs: LATE_AFTER_MS, overdueCheckEveryMs: 0 };
  let engine = createSendEngine(options);
  try {
    const created = engine.campaigns.create({
      accountId: fx.accountId,
      subject: 'Diffida',
      text: 'Si comunica.\n',
      recipients: [{ address: 'lento@pec.beta.test' }, { address: 'ufficio@pec.beta.test' }],
    });
    assert.ok(created.ok);
    const id = created.value.id;
    assert.ok((await engine.start(id)).ok);
    assert.equal(await engine.whenSettled(id), 'done');
    await syncUntil(fx, () => fx.store.campaignDac(id).C === 1 && fx.store.campaignDac(id).A === 2);
    assert.deepEqual(engine.checkOverdue(), [], 'not late before the delay');

    const events: SendNotice[] = [];
    engine.onNotice((e) => events.push(e));
    clock.advance(LATE_AFTER_MS + 1_000);
    const lento = engine.campaigns.recipients(id).rows.find((r) => r.address === 'lento@pec.beta.test')!;
    assert.deepEqual(engine.checkOverdue(), [{ campaignId: id, recipients: [{ recipientId: lento.id, address: 'lento@pec.beta.test' }] }]);
    assert.deepEqual(
      events.filter((e) => e.kind === 'overdue'),
      [{ kind: 'overdue', campaignId: id, recipients: [{ recipientId: lento.id, address: 'lento@pec.beta.test' }] }],
    );
    assert.deepEqual(engine.checkOverdue(), [], 'told once');

    const late = engine.campaigns.recipients(id, { overdueOnly: true });
    assert.deepEqual(late.rows.map((r) => [r.address, r.status, r.overdue]), [['lento@pec.beta.test', 'accepted', true]]);
    assert.ok(late.rows[0].overdueNotifiedAt);
    assert.equal(engine.campaigns.get(id)!.counts.overdue, 1);

    await engine.dispose();
    engine = createSendEngine(options);
    assert.deepEqual(engine.checkOverdue(), [], 'not told again after a restart');
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

test('a Cc that fails is a recipient of its own under each message, and a preavviso is a warning, not an error', async () => {
  // lento@pec.beta.test gets a preavviso di mancata consegna after 200 ms and nothing final.
  const sandbox = await startSandbox({ slow: { preavvisoAfterMs: 200 }, onError: () => undefined });
  const fx = await sendFixture(sandbox, 'mario.rossi@pec.alfa.test', { rateLimit: { perMinute: 100_000 } });
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, overdueCheckEveryMs: 0 });
  try {
    const created = engine.campaigns.create({
      accountId: fx.accountId,
      subject: 'Convocazione',
      text: 'Si comunica.\n',
      recipients: [{ address: 'ufficio@pec.beta.test' }, { address: 'lento@pec.beta.test' }],
      cc: ['nessuno@pec.beta.test'],
    });
    assert.ok(created.ok, JSON.stringify(created));
    const id = created.value.id;
    assert.ok((await engine.start(id)).ok);
    assert.equal(await engine.whenSettled(id), 'done');
    const rows = () => engine.campaigns.recipients(id).rows;
    await syncUntil(fx, () => rows().every((r) => r.copies[0]?.status === 'error') && rows().some((r) => r.status === 'warning'));

    const [ufficio, lento] = ['ufficio@pec.beta.test', 'lento@pec.beta.test'].map((a) => rows().find((r) => r.address === a)!);
    assert.equal(ufficio.status, 'delivered');
    assert.equal(lento.status, 'warning');
    for (const r of [ufficio, lento]) {
      assert.deepEqual(
        r.copies.map((c) => [c.address, c.status]),
        [['nessuno@pec.beta.test', 'error']],
      );
      assert.ok(r.copies[0].error, 'the Cc carries the provider’s reason');
      assert.deepEqual(
        r.copies[0].receipts.map((x) => x.type),
        ['errore-consegna'],
        'the Cc lists its own receipts, not the To recipient’s',
      );
      assert.ok(!r.receipts.some((x) => x.type === 'errore-consegna'), 'the To row does not carry the Cc’s error');
    }
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

test('a resend whose first copy had reached the provider after all reads "inviato 2 volte", with both accettazioni, in the view and in campaign status', async () => {
  const clock = new TestClock(1);
  // The accettazione comes 3 s after the 250: longer than the grace below, as with a provider slow
  // under load, so reconciliation finds no trace and resends a message the provider already took.
  const sandbox = await startSandbox({ now: clock.now, delays: { accettazioneMs: 3_000 }, onError: () => undefined });
  const fx = await sendFixture(sandbox, 'mario.rossi@pec.alfa.test', { rateLimit: { perMinute: 100_000 } });
  const options = { store: fx.store, accounts: fx.accounts, clock, reconcileGraceMs: 500, overdueCheckEveryMs: 0 };
  let engine = createSendEngine(options);
  try {
    const created = engine.campaigns.create({ accountId: fx.accountId, subject: 'Diffida', text: 'Si comunica.\n', recipients: [{ address: 'ufficio@pec.beta.test' }] });
    assert.ok(created.ok);
    const id = created.value.id;
    assert.ok((await engine.start(id)).ok);
    assert.equal(await engine.whenSettled(id), 'done');
    await engine.dispose();
    // As a kill -9 between the provider's 250 and its commit leaves it.
    writeStoreDb(fx.store, (db) => {
      db.prepare("UPDATE campaign_recipients SET state = 'submitting', submitting_ms = ? WHERE campaign_id = ?").run(clock.now(), id);
      db.prepare("UPDATE campaigns SET state = 'sending' WHERE id = ?").run(id);
    });
    engine = createSendEngine(options);
    engine.resumeInterrupted();
    assert.equal(await engine.whenSettled(id), 'done');
    assert.equal(sandbox.log.accepted().length, 2, 'the provider took it twice');

    const accettazioni = () => engine.campaigns.recipients(id).rows[0].receipts.filter((r) => r.type === 'accettazione').length;
    await syncUntil(fx, () => accettazioni() === 2 && fx.store.campaignDac(id).C === 1);
    const [row] = engine.campaigns.recipients(id).rows;
    assert.equal(row.submissions, 2);
    assert.equal(engine.campaigns.get(id)!.counts.duplicates, 1);
    assert.deepEqual(fx.store.campaignDac(id), { D: 1, A: 1, C: 1, E: 0 }, 'D/A/C/E count the recipient once');

    const json = await cli(['campaign', 'status', String(id), '--store', fx.store.dir, '--json']);
    const report = JSON.parse(json) as { campaign: { counts: { duplicates: number } }; recipients: { submissions: number }[] };
    assert.equal(report.campaign.counts.duplicates, 1);
    assert.equal(report.recipients[0].submissions, 2);
    const human = await cli(['campaign', 'status', String(id), '--store', fx.store.dir]);
    assert.match(human, /^ {2}ufficio@pec\.beta\.test {2}inviato 2 volte/m);
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

/** Runs the pecdesk CLI on the test's store and returns its stdout (exit 0 expected). */
async function cli(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', ...args], { cwd: path.resolve(__dirname, '../../..') });
  return stdout;
}
