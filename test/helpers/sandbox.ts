// The PEC sandbox (real Dovecot and SMTP gestore) of a test file: started before its first test,
// stopped after its last, handed to the file through `set`. Its own errors (a client hanging up
// mid-dialogue, as fault tests make them) are not the test's failure.
import { after, before } from 'node:test';
import { startSandbox, type Sandbox } from '../../sandbox';

/** Starts a sandbox for this file's tests and gives it to `set`. */
export function sandboxForFile(set: (sandbox: Sandbox) => void): void {
  let started: Sandbox | null = null;
  before(async () => {
    started = await startSandbox({ onError: () => undefined });
    set(started);
  });
  after(async () => {
    await started?.stop();
  });
}
