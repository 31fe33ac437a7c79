// A provider in trouble after DATA, injected by the sandbox access point on the first attempt at
// each of these recipients: no answer at all until the client's socket timeout (60 s, the floor of
// the SMTP client's inactivity limit), the connection dropped after the message was taken, 421,
// 451, 452, InfoCert's 550 "Too much traffic", and a permanent 550 on every attempt. The bulk
// send must end with every recipient sent exactly once or failed with the provider's reason: none
// stuck in flight, none silent, none twice. The engine runs on a clock 30 times faster than the
// wall, so the one-minute waits a provider asks for take two seconds; the stall is wall time.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FAULT_REPLIES, startSandbox, type Sandbox, type SmtpFault } from '../../sandbox';
import { createSendEngine } from '../../src/main/send';
import { sendFixture, syncUntil, TestClock } from '../main/send/helpers';
import { FaultTable } from './table';

const SENDER = 'studio@pec.alfa.test';
const table = new FaultTable('smtp faults');
let sandbox: Sandbox;

before(async () => {
  sandbox = await startSandbox({ onError: () => undefined });
});
after(async () => {
  await sandbox.stop();
  table.summary();
});

/** The fault of each faulty recipient's first attempt (the permanent refusal hits every attempt). */
const FIRST_ATTEMPT: [string, SmtpFault][] = [
  ['stallo@pec.beta.test', { kind: 'stall' }],
  ['caduta@pec.beta.test', { kind: 'drop-after-data' }],
  ['r421@pec.beta.test', FAULT_REPLIES[421]],
  ['r451@pec.beta.test', FAULT_REPLIES[451]],
  ['r452@pec.beta.test', FAULT_REPLIES[452]],
  ['troppo-traffico@pec.beta.test', FAULT_REPLIES[550]],
];
const REFUSED = 'rifiutato@pec.beta.test';
const PERMANENT: SmtpFault = { kind: 'reply', code: 550, message: '5.7.1 Message refused by policy' };
const HEALTHY = Array.from({ length: 6 }, (_, i) => `sano${i + 1}@pec.beta.test`);

test('stall, dropped connection, 421, 451, 452 and 550 after DATA: every recipient ends sent once or failed with the reason, none stuck', async () => {
  const everyone = [...FIRST_ATTEMPT.map(([a]) => a), REFUSED, ...HEALTHY];
  await sandbox.addMailboxes(everyone.map((address) => ({ address })));
  const attempts = new Map<string, number>();
  sandbox.setSmtpFaults(({ recipients }) => {
    const to = recipients[0];
    const n = (attempts.get(to) ?? 0) + 1;
    attempts.set(to, n);
    if (to === REFUSED) return PERMANENT;
    return n === 1 ? (FIRST_ATTEMPT.find(([a]) => a === to)?.[1] ?? null) : null;
  });
  const fx = await sendFixture(sandbox, SENDER, { rateLimit: { perMinute: 100_000 } });
  const clock = new TestClock(30);
  // The grace is clock time: 300 s here are 10 s of wall time, ample for the sandbox's accettazione
  // even on a loaded machine (a dropped message found later than that would be resent: a duplicate).
  const engine = createSendEngine({ store: fx.store, accounts: fx.accounts, clock, maxConnections: 4, reconcileGraceMs: 300_000, overdueCheckEveryMs: 0 });
  try {
    const created = engine.campaigns.create({
      accountId: fx.accountId,
      subject: 'Avviso {{nome}}',
      text: 'Gentile {{nome}},\nle comunichiamo.\n',
      receiptVariant: 'breve',
      recipients: everyone.map((address, i) => ({ address, name: `Cliente ${i + 1}` })),
    });
    assert.ok(created.ok, JSON.stringify(created));
    const id = created.value.id;
    const started = await engine.start(id);
    assert.ok(started.ok, JSON.stringify(started));
    assert.equal(await engine.whenSettled(id), 'done');

    const rows = engine.campaigns.recipients(id, { limit: 100 }).rows;
    const stuck = rows.filter((r) => r.state !== 'submitted' && r.state !== 'failed');
    assert.deepEqual(stuck.map((r) => `${r.address}: ${r.state}`), [], 'no recipient left in flight or waiting');
    const failed = rows.filter((r) => r.state === 'failed');
    assert.deepEqual(failed.map((r) => r.address), [REFUSED]);
    assert.match(failed[0].error ?? '', /550|refused by policy/, 'the failure says the provider’s reason');

    const taken = new Map<string, number>();
    for (const r of sandbox.log.accepted().filter((x) => x.sender === SENDER)) for (const to of r.recipients) taken.set(to, (taken.get(to) ?? 0) + 1);
    const shouldArrive = everyone.filter((a) => a !== REFUSED);
    const lost = shouldArrive.filter((a) => !taken.has(a));
    const twice = [...taken].filter(([, n]) => n > 1);
    assert.deepEqual(lost, [], 'every recipient the provider did not refuse for good got the message');
    assert.deepEqual(twice, [], 'no recipient got two copies');
    assert.equal(taken.get(REFUSED), undefined);
    // Every faulty recipient was really hit: the fault happened, it was not skipped.
    for (const [address] of FIRST_ATTEMPT) assert.ok((attempts.get(address) ?? 0) >= 1, address);
    assert.equal(attempts.get('caduta@pec.beta.test'), 1, 'the message taken before the drop is found on the server, not resent');

    await sandbox.whenIdle();
    await syncUntil(fx, () => fx.store.campaignDac(id).C === shouldArrive.length, 60_000);
    const dac = fx.store.campaignDac(id);
    assert.equal(dac.A, shouldArrive.length);
    table.record({
      scenario: `smtp faults after DATA, ${everyone.length} recipients`,
      injected: 'stall to timeout, drop after DATA, 421, 451, 452, 550 too much traffic (first attempt); 550 policy (always)',
      lost: lost.length,
      duplicated: twice.length,
      outcome: `${shouldArrive.length} sent once, 1 failed with reason, 0 stuck; D/A/C/E ${dac.D}/${dac.A}/${dac.C}/${dac.E}`,
    });
  } finally {
    sandbox.setSmtpFaults(null);
    await engine.dispose();
    fx.cleanup();
  }
});
