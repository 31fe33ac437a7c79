// A bulk send through a slow provider, its sending process killed with SIGKILL at 30, 60 and 90 %
// and restarted each time. Scaled down to stay near a minute on two shared cores: 60 recipients,
// each 250 answered 150 ms after the provider took the message (so most kills land while a
// message is taken but not yet answered, the uncertain case). After every kill only the messages
// whose SMTP transaction was really under way may be doubtful (one: the run uses one connection);
// the rest were never transmitted and go at once. At the end nobody is lost, nobody got two copies,
// and D/A/C/E agree with the provider. The 300-recipient run with five kills is
// campaign-kill-slow.test.ts.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { dacWords, killAndResume } from './campaign-helpers';
import { FaultTable } from './table';

const RECIPIENTS = 60;
const KILL_AT = [0.3, 0.6, 0.9];
const table = new FaultTable('campaign kill');
after(() => table.summary());

test(`a campaign to ${RECIPIENTS} through a slow provider, killed at 30/60/90 % and restarted: only the message on the wire is doubtful, nobody is lost or served twice`, async () => {
  // Longer than a whole run: a never-transmitted message that waited for it would show as doubtful.
  const outcome = await killAndResume({ recipients: RECIPIENTS, answerDelayMs: 150, killAt: KILL_AT, connections: 1, graceMs: 4_000 });
  assert.equal(outcome.lost, 0, 'every recipient got the message');
  assert.equal(outcome.silentDuplicates, 0, 'every second copy is recorded on its recipient');
  assert.equal(outcome.duplicates, 0, 'no recipient got two copies');
  assert.deepEqual(outcome.dac, { D: RECIPIENTS, A: RECIPIENTS, C: RECIPIENTS, E: 0 });
  console.log(`# faults: campaign kill x${KILL_AT.length}, ${outcome.lost} lost, ${outcome.silentDuplicates} silent duplicates`);
  table.record({
    scenario: 'campaign kill, 60 recipients, 1 connection',
    injected: `kill -9 x${KILL_AT.length} at 30/60/90 %, 250 after 150 ms`,
    lost: outcome.lost,
    duplicated: outcome.duplicates,
    outcome: `${dacWords(outcome.dac)}, at most ${outcome.maxDoubtful} doubtful per kill`,
  });
});
