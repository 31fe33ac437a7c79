// The engine killed mid-work, for real: a worker thread running the services is terminated in the
// middle of a 1,500-message sync against Dovecot, and in the middle of a bulk send through the PEC
// sandbox. The host must say so (an 'engine' event), fail the call under way with
// 'engine-restarted' instead of hanging, start a new engine, and the work must end with nothing
// lost and nothing twice: every message stored once, every recipient sent to once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, SANDBOX_PASSWORD } from '../../../sandbox';
import type { PecEvent, Result } from '../../../src/shared/api';
import { settingsFromPreset } from '../../../src/main/accounts';
import type { Host } from '../../../src/main/api';
import { startEngine, workerEngine, type EngineClient, type EngineTransport } from '../../../src/main/engine';
import { createServices, headlessSecretStore } from '../../../src/main/services';
import { openStore } from '../../../src/main/store';
import { storedIn, waitUntil } from '../mail/sync/helpers';
import { dataDirWithMailbox } from './helpers';

const MESSAGES = 1_000;
const RECIPIENTS = 40;

/** An engine in a worker whose current thread the test can terminate, and the events it sent. */
async function killableEngine(dataDir: string, host: Host, reconcileGraceMs?: number): Promise<{ engine: EngineClient; events: PecEvent[]; kill(): Promise<void> }> {
  let current: EngineTransport | null = null;
  const spawn = workerEngine();
  const engine = await startEngine({
    spawn: () => (current = spawn()),
    config: { dataDir, secrets: 'key-file', startBackground: false, reconcileGraceMs },
    host,
  });
  const events: PecEvent[] = [];
  engine.onEvent((event) => events.push(event));
  return { engine, events, kill: () => current!.kill() };
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

test(`the engine terminated in the middle of a ${MESSAGES}-message sync restarts, fails the call under way, and the store ends with every message once`, async (t) => {
  const address = 'archivio@pec.alfa.test';
  const { dir, dataDir, accountId } = await dataDirWithMailbox(t, 'pecdesk-engine-sync-', address, MESSAGES);

  // A dialog the user has not answered yet: a call that is surely under way when the engine dies.
  const host: Host = { kind: 'electron', version: 'test', defaultSaveDir: dir, chooseFolder: () => new Promise<string | null>(() => undefined) };
  const { engine, events, kill } = await killableEngine(dataDir, host);
  t.after(() => engine.close());
  const progress = () => events.filter((e) => e.type === 'sync-progress' && e.state === 'running' && e.done > 0);
  value(await engine.dispatch('syncNow', {}));
  await waitUntil(() => progress().length > 0, 'the first filed chunk', 120_000);
  const underWay = engine.dispatch('chooseFolder', {});
  await new Promise((resolve) => setTimeout(resolve, 50));
  await kill();

  const failed = await underWay;
  assert.equal(failed.ok, false);
  assert.equal(!failed.ok && failed.error.code, 'engine-restarted');
  await waitUntil(() => events.some((e) => e.type === 'engine'), 'the engine event', 60_000);
  const reported = events.find((e) => e.type === 'engine');
  assert.equal(reported?.type === 'engine' && reported.state, 'restarted');
  const atKill = progress().at(-1);
  assert.ok(atKill?.type === 'sync-progress' && atKill.done < atKill.total, `the sync had finished before the kill: ${JSON.stringify(atKill)}`);

  // The new engine serves, and a sync picks up where the dead one was.
  value(await engine.dispatch('syncNow', {}));
  const inbox = async () => value<{ path: string; total: number }[]>(await engine.dispatch('listFolders', {})).find((f) => f.path === 'INBOX')?.total ?? 0;
  await waitUntil(async () => (await inbox()) === MESSAGES, `all ${MESSAGES} messages in INBOX`, 180_000);
  await engine.close();

  const store = openStore(dataDir);
  try {
    const stored = storedIn(store, accountId, 'INBOX');
    const uids = new Set(stored.map((m) => m.uid));
    const lost = Array.from({ length: MESSAGES }, (_, i) => i + 1).filter((uid) => !uids.has(uid));
    assert.deepEqual(lost, [], 'no message lost');
    assert.equal(stored.length, MESSAGES, 'no message stored twice');
    assert.equal(new Set(stored.map((m) => m.raw.toString('latin1'))).size, MESSAGES, 'every stored message is a different delivery');
  } finally {
    store.close();
  }
});

test(`the engine terminated in the middle of a ${RECIPIENTS}-recipient campaign restarts and the campaign ends with nobody sent to twice`, async (t) => {
  const sandbox = await startSandbox({ answerDelayMs: 100, onError: () => undefined });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pecdesk-engine-send-'));
  t.after(async () => {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const sender = 'studio@pec.alfa.test';
  const addresses = Array.from({ length: RECIPIENTS }, (_, i) => `cliente${String(i + 1).padStart(3, '0')}@pec.alfa.test`);
  await sandbox.addMailboxes(addresses.map((a) => ({ address: a })));
  const dataDir = path.join(dir, 'data');
  const setup = await createServices({ dataDir, secrets: headlessSecretStore(dataDir) });
  let campaignId: number;
  try {
    const settings = settingsFromPreset('sandbox', { name: 'Studio', address: sender, imap: { port: sandbox.imap.port }, smtp: { port: sandbox.smtp.port } });
    assert.ok(settings.ok);
    const saved = await setup.saveAccount({ ...settings.settings, rateLimit: { perMinute: 100_000 } }, SANDBOX_PASSWORD);
    assert.ok(saved.ok, JSON.stringify(saved));
    const created = setup.send.campaigns.create({
      accountId: Number(saved.value.id),
      subject: 'Comunicazione {{nome}}',
      text: 'Gentile {{nome}},\nsi comunica.\n',
      receiptVariant: 'sintetica',
      recipients: addresses.map((address, i) => ({ address, name: `Cliente ${i + 1}` })),
    });
    assert.ok(created.ok);
    campaignId = created.value.id;
  } finally {
    await setup.close();
  }

  const { engine, events, kill } = await killableEngine(dataDir, { kind: 'web', version: 'test', defaultSaveDir: dir }, 3_000);
  t.after(() => engine.close());
  await engine.startBackground();
  const accepted = () => sandbox.log.accepted().filter((r) => r.sender === sender);
  value(await engine.dispatch('campaignStart', { id: campaignId }));
  await waitUntil(() => accepted().length >= RECIPIENTS / 2, 'half the campaign taken by the provider', 120_000);
  await kill();
  const atKill = accepted().length;
  assert.ok(atKill < RECIPIENTS, 'the campaign had finished before the kill');
  await waitUntil(() => events.some((e) => e.type === 'engine' && e.state === 'restarted'), 'the engine event', 60_000);

  // The restarted engine resumes the campaign by itself (the host had started background work).
  const campaign = async () => value<{ state: string; counts: { duplicates: number } }>(await engine.dispatch('campaignGet', { id: campaignId }));
  await waitUntil(async () => (await campaign()).state === 'done', 'the campaign done after the restart', 180_000);
  const perRecipient = new Map<string, number>();
  for (const r of accepted()) for (const to of r.recipients) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  assert.deepEqual(addresses.filter((a) => !perRecipient.has(a)), [], 'every recipient got the message');
  assert.deepEqual([...perRecipient].filter(([, n]) => n > 1), [], 'no recipient got two copies');
  assert.equal((await campaign()).counts.duplicates, 0);
  console.log(`# engine killed at ${atKill}/${RECIPIENTS} submissions: 0 lost, 0 sent twice`);
});
