// A sync's failures as the window gets them: the engine's Italian words for logs and the CLI, and
// the same problem as values (code, server, stage, seconds to the next attempt) for the window to
// word in its language. Against a port nothing listens on, as a server that is down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSyncEngine, type SyncStatus } from '../../../src/main/mail';
import { syncProgress } from '../../../src/main/api/sync-progress';
import { freePort } from '../../../sandbox/ports';
import { accountOn, tempStore } from '../mail/sync/helpers';

test('a server that cannot be reached: the failed sync and the retries carry the problem as values', async (t) => {
  const port = await freePort();
  const store = tempStore();
  const statuses: SyncStatus[] = [];
  const account = accountOn(store, { imapPort: port }, 'giu@pec.alfa.test');
  const engine = createSyncEngine({ store, account, password: 'pw', onStatus: (s) => statuses.push(s), timing: { backoffInitialMs: 2_000, backoffMaxMs: 2_000 } });
  t.after(async () => {
    await engine.dispose();
    store.cleanup();
  });

  const result = await engine.syncAll();
  assert.ok(!result.ok);
  const failed = syncProgress({ kind: 'result', accountId: Number(account.id), result });
  assert.equal(failed?.state, 'error');
  assert.equal(failed?.error, 'Server 127.0.0.1 non raggiungibile');
  assert.deepEqual(failed?.problem, { code: 'connect-failed', host: '127.0.0.1', stage: 'connect', retryInS: null });

  engine.start();
  while (!statuses.some((s) => s.state === 'retrying')) await new Promise((resolve) => setTimeout(resolve, 20));
  const retrying = syncProgress({ kind: 'status', status: statuses.find((s) => s.state === 'retrying')! });
  assert.equal(retrying?.state, 'error');
  assert.equal(retrying?.error, 'Server 127.0.0.1 non raggiungibile, nuovo tentativo tra 2 s');
  assert.deepEqual(retrying?.problem, { code: 'connect-failed', host: '127.0.0.1', stage: 'connect', retryInS: 2 });
});
