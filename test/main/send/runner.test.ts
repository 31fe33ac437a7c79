// The sending loop against the PEC sandbox on a fast clock shared with it (the sandbox's rate
// limiter and log read the same time), so provider minutes pass in a couple of real seconds:
// the account's limit is never exceeded, a throttling provider is slowed down for and still
// gets everyone exactly once, and messages whose submission was interrupted are reconciled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startSandbox, type RateLimit, type Sandbox } from '../../../sandbox';
import { createSendEngine, type SendEngine, type SendNotice } from '../../../src/main/send';
import { sendFixture, TestClock, type SendFixture } from './helpers';
import { countRows, writeStoreDb } from '../../helpers/store-db';

const SENDER = 'studio@pec.alfa.test';
const MINUTE = 60_000;

/** A sandbox on `clock` whose receipts never come (nothing here needs them, and it stays light). */
async function quietSandbox(clock: TestClock, rateLimit: RateLimit | null): Promise<Sandbox> {
  return startSandbox({ now: clock.now, rateLimit, delays: { accettazioneMs: 3_600_000 }, onError: () => undefined });
}

async function campaign(engine: SendEngine, fx: SendFixture, addresses: string[]): Promise<number> {
  const created = engine.campaigns.create({ accountId: fx.accountId, subject: 'Avviso', text: 'Gentile cliente,\navviso.\n', recipients: addresses.map((address) => ({ address })) });
  assert.ok(created.ok, JSON.stringify(created));
  return created.value.id;
}

const recipients = (n: number) => Array.from({ length: n }, (_, i) => `cliente${i + 1}@pec.beta.test`);

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

test('at 6 messages a minute no minute of the provider log holds more than 6, and the provider never refuses', async () => {
  const clock = new TestClock(60);
  const sandbox = await quietSandbox(clock, { max: 6, windowMs: MINUTE });
  const fx = await sendFixture(sandbox, SENDER, { rateLimit: { perMinute: 6 } });
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, clock, overdueCheckEveryMs: 0 });
  try {
    const id = await campaign(engine, fx, recipients(15));
    const started = await engine.start(id);
    assert.ok(started.ok);
    assert.ok(started.value.estimate.durationMs >= 2 * MINUTE, 'the confirmation says it takes minutes');
    assert.equal(await engine.whenSettled(id), 'done');
    const times = sandbox.log.accepted().map((r) => Date.parse(r.time));
    assert.equal(times.length, 15);
    assert.ok(maxInWindow(times, MINUTE) <= 6, `${maxInWindow(times, MINUTE)} in one minute`);
    assert.deepEqual(sandbox.log.rejected(), []);
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

test('a provider that throttles gets slower sending and every recipient exactly once', async () => {
  const clock = new TestClock(60);
  const sandbox = await quietSandbox(clock, { max: 5, windowMs: MINUTE });
  // The account states no limit of its own: all 20 go at once and most are refused.
  const fx = await sendFixture(sandbox, SENDER, { rateLimit: { perMinute: 100_000 } });
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, clock, maxConnections: 2, overdueCheckEveryMs: 0 });
  const problems: SendNotice[] = [];
  engine.onNotice((e) => e.kind === 'problem' && problems.push(e));
  try {
    const list = recipients(20);
    const id = await campaign(engine, fx, list);
    assert.ok((await engine.start(id)).ok);
    assert.equal(await engine.whenSettled(id), 'done');
    assert.ok(sandbox.log.rejected().some((r) => r.reason === 'rate-limited'), 'the provider did throttle');
    assert.ok(problems.some((p) => p.kind === 'problem' && p.code === 'throttled'));
    const accepted = sandbox.log.accepted().flatMap((r) => r.recipients);
    assert.deepEqual([...accepted].sort(), [...list].sort());
    assert.equal(engine.campaigns.get(id)!.counts.submitted, 20);
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

test('a message the provider took before a crash is not sent again; one it never got is sent again, identical', async () => {
  const clock = new TestClock(1);
  const sandbox = await startSandbox({ now: clock.now, onError: () => undefined });
  const fx = await sendFixture(sandbox, SENDER, { rateLimit: { perMinute: 100_000 } });
  const options = { store: fx.store, accounts: fx.accounts, clock, reconcileGraceMs: 1_500, overdueCheckEveryMs: 0 };
  let engine = createSendEngine(options);
  try {
    // 1. Sent and accepted, but the process "dies" before committing the answer: the row is
    // put back to 'submitting' as a kill -9 between the 250 and the commit would leave it.
    const taken = await campaign(engine, fx, ['ufficio@pec.beta.test']);
    assert.ok((await engine.start(taken)).ok);
    assert.equal(await engine.whenSettled(taken), 'done');
    // 2. A message that never reached the provider: refused for traffic, then "killed" while
    // its next attempt was starting, so it is left in 'submitting' too.
    sandbox.setRateLimit({ max: 0, windowMs: MINUTE });
    const lost = await campaign(engine, fx, ['protocollo@pec.beta.test']);
    assert.ok((await engine.start(lost)).ok);
    await until(() => engine.campaigns.recipients(lost).rows[0].state === 'retry-wait');
    await engine.dispose();
    sandbox.setRateLimit(null);
    const lostRow = engine.campaigns.recipients(lost).rows[0];
    writeStoreDb(fx.store, (db) => {
      db.prepare("UPDATE campaign_recipients SET state = 'submitting', submitting_ms = ? WHERE campaign_id IN (?, ?)").run(clock.now(), taken, lost);
      db.prepare("UPDATE campaigns SET state = 'sending' WHERE id IN (?, ?)").run(taken, lost);
    });
    const bytesBefore = fx.store.readSentRaw(lostRow.sentMessageId!);
    assert.ok(bytesBefore?.ok, 'the prepared bytes are in the raw store');

    engine = createSendEngine(options);
    assert.deepEqual(engine.resumeInterrupted().sort(), [taken, lost].sort());
    assert.equal(await engine.whenSettled(taken), 'done');
    assert.equal(await engine.whenSettled(lost), 'done');

    const toUfficio = sandbox.log.accepted().filter((r) => r.recipients.includes('ufficio@pec.beta.test'));
    assert.equal(toUfficio.length, 1, 'the accepted message was not sent twice');
    const toProtocollo = sandbox.log.accepted().filter((r) => r.recipients.includes('protocollo@pec.beta.test'));
    assert.equal(toProtocollo.length, 1, 'the lost message was sent, once');
    assert.equal(toProtocollo[0].messageId, lostRow.messageId, 'with the same Message-ID');
    assert.equal(toProtocollo[0].size, bytesBefore.raw.length, 'and the same bytes');
    assert.equal(engine.campaigns.recipients(lost).rows[0].state, 'submitted');
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

test('messages prepared ahead for a paused campaign hold back neither another campaign of the account nor their own resume', async () => {
  const clock = new TestClock(1);
  // Each message answered 30 ms late: the pause lands while the first is still being sent.
  const sandbox = await startSandbox({ now: clock.now, answerDelayMs: 30, delays: { accettazioneMs: 3_600_000 }, onError: () => undefined });
  const fx = await sendFixture(sandbox, SENDER, { rateLimit: { perMinute: 100_000 } });
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, clock, overdueCheckEveryMs: 0 });
  try {
    const first = recipients(40);
    const paused = await campaign(engine, fx, first);
    assert.ok((await engine.start(paused)).ok);
    await until(() => sandbox.log.accepted().length >= 2);
    assert.ok(engine.pause(paused).ok);
    const states = () => engine.campaigns.get(paused)!.counts;
    const prepared = countRows(fx.store, "SELECT count(*) AS n FROM campaign_recipients WHERE campaign_id = ? AND state = 'preparing'", paused);
    assert.ok(prepared > 0, `messages are built ahead in batches: ${JSON.stringify(states())}`);

    const second = ['ufficio@pec.beta.test', 'protocollo@pec.beta.test', 'segreteria@pec.beta.test'];
    const other = await campaign(engine, fx, second);
    assert.ok((await engine.start(other)).ok);
    assert.equal(await engine.whenSettled(other), 'done', 'the other campaign is not held back by the paused one');

    assert.ok(engine.resume(paused).ok);
    assert.equal(await engine.whenSettled(paused), 'done');
    const accepted = sandbox.log.accepted().flatMap((r) => r.recipients);
    assert.deepEqual([...accepted].sort(), [...first, ...second].sort(), 'everyone once, nobody twice');
  } finally {
    await engine.dispose();
    fx.cleanup();
    await sandbox.stop();
  }
});

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
