// A connection that failed under a folder change or a move reads in the window's language: the
// reason the API gives it has, in Italian, exactly the engine's own words for the same failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionStage } from '../../../src/main/accounts';
import { actionWords, failureWords, type MessageActionErrorCode, type SyncErrorCode } from '../../../src/main/mail';
import { italianWords } from '../../../src/main/api/result';
import { actionFailureReason, syncFailure, syncFailureReason } from '../../../src/main/api/sync-failure';

// Records, so a code added to the mail domain fails to compile here until it is listed.
const SYNC_CODES: Record<SyncErrorCode, true> = {
  'no-password': true, 'auth-failed': true, 'connect-failed': true, 'connection-lost': true, 'folder-failed': true, 'store-failed': true,
  'disk-full': true, 'receipts-move-failed': true, 'flags-refused': true, disposed: true,
};
const STAGES: Record<ConnectionStage, true> = { dns: true, connect: true, tls: true, auth: true, capability: true, timeout: true };
const ACTION_CODES: Record<MessageActionErrorCode, true> = {
  'no-such-folder': true, 'other-account': true, 'not-in-folder': true, 'local-only': true, 'no-trash': true, 'needs-confirmation': true, 'server-refused': true,
};
const HOST = 'imaps.pec.aruba.it';

test('every sync failure, at every stage, has the engine\u2019s Italian words', () => {
  for (const code of Object.keys(SYNC_CODES) as SyncErrorCode[]) {
    for (const stage of [undefined, ...(Object.keys(STAGES) as ConnectionStage[])]) {
      const [reason, params] = syncFailureReason({ code, host: HOST, stage });
      assert.equal(italianWords(reason, params), failureWords(code, HOST, stage), `${code} at ${stage ?? 'no stage'}`);
    }
  }
});

test('every refused move or deletion has the engine\u2019s Italian words', () => {
  for (const code of Object.keys(ACTION_CODES) as MessageActionErrorCode[]) {
    assert.equal(italianWords(actionFailureReason(code)), actionWords(code), code);
  }
});

test('a failed connection names the server in the values the window words, and keeps its items', () => {
  const failed = syncFailure('server', { code: 'connect-failed', host: HOST, stage: 'dns' }, ['connect-failed']);
  assert.deepEqual(failed.error, { code: 'server', message: `Server ${HOST} non trovato`, reason: 'sync-server-not-found', params: { host: HOST }, items: ['connect-failed'] });
});
