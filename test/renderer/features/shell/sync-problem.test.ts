// The status bar words a sync problem in the window's language. In Italian they are the engine's own
// words (status-words.ts, which logs and the CLI show), so the two cannot drift apart; in English
// every problem has words of its own, never a raw key or the Italian text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SyncProblem } from '../../../../src/shared/api-values';
import { syncProblemText } from '../../../../src/renderer/features/shell/sync-problem';
import { diskFullWords, failureWords, retryWords } from '../../../../src/main/mail/sync/status-words';
import { translator } from '../../translator';

const CODES: SyncProblem['code'][] = ['no-password', 'auth-failed', 'connect-failed', 'connection-lost', 'folder-failed', 'store-failed', 'disk-full', 'receipts-move-failed', 'flags-refused', 'disposed'];
const STAGES: SyncProblem['stage'][] = [null, 'dns', 'connect', 'tls', 'auth', 'capability', 'timeout'];
const HOST = 'imaps.pec.aruba.it';

/** Every problem the engine can report: each code, each connection stage, with and without a retry. */
function problems(): SyncProblem[] {
  const all: SyncProblem[] = [];
  for (const code of CODES) {
    for (const stage of code === 'connect-failed' ? STAGES : [null]) {
      for (const retryInS of [null, 8]) all.push({ code, host: HOST, stage, retryInS });
    }
  }
  return all;
}

/** What the engine's status says for the same problem (engine.ts: failure, retrying, disk full). */
function engineWords(p: SyncProblem): string {
  const why = failureWords(p.code, p.host, p.stage ?? undefined);
  if (p.retryInS === null) return why;
  return p.code === 'disk-full' ? diskFullWords(p.retryInS * 1000) : retryWords(why, p.retryInS * 1000);
}

test('in Italian a sync problem reads exactly as the engine words it', async () => {
  const t = await translator('it');
  for (const p of problems()) assert.equal(syncProblemText(t, p), engineWords(p), JSON.stringify(p));
});

test('in English every sync problem has English words, with the server and the wait in them', async () => {
  const t = await translator('en');
  for (const p of problems()) {
    const text = syncProblemText(t, p);
    assert.doesNotMatch(text, /sync\.problem|\{\{/, `a raw key or variable: ${text}`);
    assert.notEqual(text, engineWords(p), `still Italian: ${text}`);
    if (['auth-failed', 'connect-failed'].includes(p.code)) assert.ok(text.includes(HOST), text);
    if (p.retryInS !== null) assert.match(text, /8 s\)?$/, text);
  }
  assert.equal(syncProblemText(t, { code: 'flags-refused', host: HOST, stage: null, retryInS: null }), 'The server did not accept the read marks or flags of some messages: they stay in PecDesk only, which tries again at every sync');
  assert.equal(syncProblemText(t, { code: 'connect-failed', host: HOST, stage: 'tls', retryInS: 30 }), `Secure connection to ${HOST} failed, next attempt in 30 s`);
});
