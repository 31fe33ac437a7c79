// Rules for incoming mail against a real Dovecot: a message that arrives is tagged, marked read
// and moved on the server as its rules say, with a notice; messages there before the first sync are
// left alone until "Applica ai messaggi esistenti" runs the rules on their folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RuleNotice, SyncEngine } from '../../../../src/main/mail';
import type { RuleInput } from '../../../../src/main/store';
import { appendAll, engineOnOwnMailbox, fixture, otherClient, REAL, serverFolder, storedIn, useDovecot } from './helpers';

const PASSWORD = 'pw';
const dovecot = useDovecot('regole', 6, PASSWORD);

async function setup(t: { after(fn: () => Promise<void> | void): void }, rules: (accountId: number) => Omit<RuleInput, 'enabled'>[]) {
  const notices: RuleNotice[] = [];
  const { address, store, accountId, engine } = engineOnOwnMailbox(t, dovecot, PASSWORD, { onRuleNotice: (n) => notices.push(n) });
  const webmail = await otherClient(dovecot.server.imapPort, address, PASSWORD);
  await webmail.mailboxCreate('Pratiche');
  await webmail.logout();
  for (const rule of rules(accountId)) assert.ok(store.saveRule({ enabled: true, ...rule }));
  const onServer = (path: string) => serverFolder(dovecot.server.imapPort, address, PASSWORD, path);
  const deliver = (...names: string[]) => appendAll(dovecot.server.imapPort, address, PASSWORD, 'INBOX', names.map(fixture));
  const folderId = (path: string) => store.listFolders(accountId).find((f) => f.path === path)!.id;
  return { store, accountId, engine, notices, onServer, deliver, folderId };
}

async function synced(engine: SyncEngine): Promise<void> {
  const result = await engine.syncAll();
  assert.ok(result.ok, result.ok ? '' : `${result.code}: ${result.detail}`);
  assert.deepEqual(result.folders.filter((f) => f.error).map((f) => `${f.path}: ${f.error?.detail}`), []);
}

const xdcrRule = (name = 'Flussi XDCR'): Omit<RuleInput, 'enabled'> => ({
  name,
  accountId: null,
  conditions: [{ field: 'subject', contains: 'XDCR' }],
  actions: [{ kind: 'move', folderPath: 'Pratiche' }, { kind: 'tag', tag: 'flussi' }, { kind: 'markRead' }, { kind: 'notify' }],
});

test('a message that arrives and matches is moved on the server, read, tagged, and announced; the others stay', async (t) => {
  const { store, accountId, engine, notices, onServer, deliver } = await setup(t, () => [xdcrRule()]);
  await synced(engine);

  await deliver(REAL.envelope2023, REAL.envelope2014);
  await synced(engine);

  const [moved] = storedIn(store, accountId, 'Pratiche');
  const inbox = storedIn(store, accountId, 'INBOX');
  assert.ok(moved, 'the matching message is filed in Pratiche');
  assert.ok(moved.raw.includes(Buffer.from('xdcr_2022_02_00583')));
  assert.equal(inbox.length, 1);
  const server = await onServer('Pratiche');
  assert.equal(server.length, 1);
  assert.ok(server[0].flags.includes('\\Seen'), 'read on the server');
  assert.equal((await onServer('INBOX')).length, 1);
  assert.deepEqual([...store.tagsOf([moved.id, inbox[0].id])], [[moved.id, ['flussi']]]);
  assert.deepEqual(notices, [{ accountId, messageRowId: moved.id, ruleName: 'Flussi XDCR' }]);

  await synced(engine);
  assert.equal(storedIn(store, accountId, 'Pratiche').length, 1, 'the next sync moves nothing twice');
  assert.equal(notices.length, 1);
});

test('a rule on the PEC type tags the accettazione only; rules of another account and disabled rules do nothing', async (t) => {
  const { store, accountId, engine, deliver } = await setup(t, (own) => [
    { name: 'Ricevute', accountId: own, conditions: [{ field: 'pecType', is: 'accettazione' }], actions: [{ kind: 'tag', tag: 'ricevute' }] },
  ]);
  const other = store.saveAccount({ name: 'altro', address: `altro-${accountId}@pec.beta.test`, kind: 'pec' });
  assert.ok(other.ok);
  const elsewhere = { name: 'Altro account', accountId: other.accountId, enabled: true, conditions: [{ field: 'subject' as const, contains: 'archetipo' }], actions: [{ kind: 'tag' as const, tag: 'altro' }] };
  assert.ok(store.saveRule(elsewhere));
  assert.equal(store.saveRule({ ...elsewhere, accountId: other.accountId + 1000 }), null, 'a rule for an account that does not exist is refused');
  const disabled = store.saveRule({ ...xdcrRule('Spenta'), enabled: false });
  assert.ok(disabled);
  await synced(engine);

  await deliver(REAL.accettazione, REAL.envelope2014, REAL.envelope2023);
  await synced(engine);

  const receipts = storedIn(store, accountId, '#pecdesk/receipts');
  const tagged = store.tagsOf([...receipts, ...storedIn(store, accountId, 'INBOX')].map((m) => m.id));
  assert.deepEqual([...tagged.values()], [['ricevute']]);
  assert.deepEqual(receipts.map((m) => tagged.get(m.id)), [['ricevute']], 'the tag is on the accettazione');
  assert.equal(storedIn(store, accountId, 'INBOX').length, 2, 'the disabled move rule moved nothing');
});

test('messages there before the first sync are left alone, until the rules are applied to their folder', async (t) => {
  const { store, accountId, engine, notices, onServer, deliver, folderId } = await setup(t, () => [xdcrRule()]);
  await deliver(REAL.envelope2023, REAL.envelope2014);
  await synced(engine);
  assert.equal(storedIn(store, accountId, 'INBOX').length, 2);
  assert.equal(notices.length, 0);

  const applied = await engine.applyRules(folderId('INBOX'));

  assert.deepEqual(applied, { ok: true, checked: 2, matched: 1, moved: 1 });
  assert.equal(storedIn(store, accountId, 'INBOX').length, 1);
  assert.equal(storedIn(store, accountId, 'Pratiche').length, 1);
  assert.equal((await onServer('Pratiche')).length, 1);
  assert.equal((await onServer('INBOX')).length, 1);
});
