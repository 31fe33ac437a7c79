// The bulk send of a real office against a provider under load: 300 recipients, each message
// answered 1 s after its DATA, the sending process killed with SIGKILL at 10, 30, 50, 70 and 90 %
// of the recipients and restarted each time. Not scaled down in size or delay: the sending process
// uses 10 SMTP connections (`--connections 10`), so the provider takes ~10 messages a second and
// the 300 go in about half a minute plus the restarts. After each kill at most one message per
// connection is doubtful; at the end nobody is lost, nobody got two copies silently, and D/A/C/E
// agree with the provider.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { dacWords, killAndResume } from './campaign-helpers';
import { FaultTable } from './table';

const RECIPIENTS = 300;
const CONNECTIONS = 10;
const KILL_AT = [0.1, 0.3, 0.5, 0.7, 0.9];
const table = new FaultTable('campaign kill slow');
after(() => table.summary());

test(`a campaign to ${RECIPIENTS} through a provider taking 1 s a message, killed 5 times: nobody lost, no silent duplicate, D/A/C/E right`, async () => {
  const outcome = await killAndResume({ recipients: RECIPIENTS, answerDelayMs: 1_000, killAt: KILL_AT, connections: CONNECTIONS, graceMs: 4_000 });
  assert.equal(outcome.lost, 0, 'every recipient got the message');
  assert.equal(outcome.silentDuplicates, 0, 'every second copy is recorded on its recipient');
  assert.equal(outcome.duplicates, 0, 'no recipient got two copies');
  assert.deepEqual(outcome.dac, { D: RECIPIENTS, A: RECIPIENTS, C: RECIPIENTS, E: 0 });
  table.record({
    scenario: `campaign kill, ${RECIPIENTS} recipients, ${CONNECTIONS} connections`,
    injected: `kill -9 x${KILL_AT.length} at 10/30/50/70/90 %, 250 after 1 s`,
    lost: outcome.lost,
    duplicated: outcome.duplicates,
    outcome: `${dacWords(outcome.dac)}, at most ${outcome.maxDoubtful} doubtful per kill`,
  });
});
