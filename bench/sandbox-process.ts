// The PEC sandbox in a process of its own, for benches that measure the event loop of the process
// serving the UI: the provider's work (taking 1,000 messages) must not land on the loop measured.
// Prints one JSON line with its ports once it serves; stops on SIGTERM. Accettazioni are held back
// an hour, so a campaign measures submission alone (as bench/send.ts does).
import { startSandbox } from '../sandbox';

void startSandbox({ delays: { accettazioneMs: 3_600_000 }, onError: () => undefined }).then((sandbox) => {
  process.stdout.write(`${JSON.stringify({ imapPort: sandbox.imap.port, smtpPort: sandbox.smtp.port })}\n`);
  process.once('SIGTERM', () => void sandbox.stop().finally(() => process.exit(0)));
});
