// "Prova connessione" words every way a connection can fail in the window's language: a sentence of
// the window's own (never a raw key, never the engine's English log words), with what the server
// said after it as it came.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionProblem } from '../../../../src/shared/api-values';
import { connectionProblemText, securityWarningText } from '../../../../src/renderer/features/accounts/connection-words';
import { translator } from '../../translator';

const WHYS: ConnectionProblem['why'][] = ['dns', 'timeout', 'tls', 'auth', 'refused', 'failed', 'no-sent-folder'];

test('every failure is a sentence of the window language that names the server', async () => {
  const [tIt, tEn] = [await translator('it'), await translator('en')];
  for (const why of WHYS) {
    const problem: ConnectionProblem = { why, where: 'imaps.pec.aruba.it:993', said: null };
    const [italian, english] = [connectionProblemText(tIt, problem), connectionProblemText(tEn, problem)];
    for (const text of [italian, english]) assert.doesNotMatch(text, /accounts\.step|\{\{/, `${why}: no raw key or blank`);
    assert.notEqual(italian, english, `${why}: the two languages differ`);
    if (why !== 'no-sent-folder') assert.ok(italian.includes('imaps.pec.aruba.it') && english.includes('imaps.pec.aruba.it'), `${why}: the server is named`);
  }
  assert.match(connectionProblemText(tIt, { why: 'auth', where: 'imaps.pec.aruba.it:993', said: null }), /^Il server imaps\.pec\.aruba\.it:993 ha rifiutato nome utente o password$/);
  assert.match(connectionProblemText(tEn, { why: 'auth', where: 'imaps.pec.aruba.it:993', said: null }), /^The server imaps\.pec\.aruba\.it:993 refused the user name or password$/);
});

test("a folder named for sent copies is named; the server's own reply follows as it came", async () => {
  const tEn = await translator('en');
  assert.match(connectionProblemText(tEn, { why: 'no-sent-folder', where: 'h:993', folder: 'Posta inviata', said: null }), /no folder “Posta inviata”/);
  assert.match(connectionProblemText(tEn, { why: 'no-sent-folder', where: 'h:993', folder: null, said: null }), /marked as Sent \(\\Sent\)/);
  const tIt = await translator('it');
  assert.equal(connectionProblemText(tIt, { why: 'auth', where: 'h:993', said: 'Authentication failed.' }), 'Il server h:993 ha rifiutato nome utente o password (risposta: Authentication failed.)');
});

test('a password in clear text is warned about in either language', async () => {
  const warning = { service: 'imap' as const, host: 'mail.studio.example' };
  assert.equal(securityWarningText(await translator('it'), warning), 'IMAP verso mail.studio.example non è cifrato: la password viaggia in chiaro. Usa TLS o STARTTLS.');
  assert.equal(securityWarningText(await translator('en'), warning), 'IMAP to mail.studio.example is not encrypted: the password travels in clear text. Use TLS or STARTTLS.');
});
