// The process test/faults/single-send-kill.test.ts kills: PecDesk's services and API over a data
// folder, as the app's engine runs them. `send` sends one PEC through sendMessage (it goes through
// the send queue); `resume` picks up what the queue holds, as the app does at start. Each line on
// stdout is a JSON send-progress event; exit 0 once the message is submitted or failed.
// Usage: node --import tsx test/faults/single-send-child.ts DATA_DIR send|resume GRACE_MS [TO]
import { createApi } from '../../src/main/api';
import { createServices, headlessSecretStore } from '../../src/main/services';
import { webHost } from '../../src/main/webbridge/launch';

async function main(): Promise<number> {
  const [dataDir, mode, graceMs, to] = process.argv.slice(2);
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir), reconcileGraceMs: Number(graceMs) });
  const api = createApi(services, webHost('test', dataDir), () => undefined);
  try {
    const outcome = new Promise<string>((resolve) =>
      api.onEvent((event) => {
        if (event.type !== 'send-progress') return;
        process.stdout.write(JSON.stringify(event) + '\n');
        if (event.state === 'submitted' || event.state === 'failed') resolve(event.state);
      }),
    );
    if (mode === 'send') {
      const [account] = (await services.accounts.list()).accounts;
      const sent = await api.dispatch('sendMessage', {
        accountId: account.id, to: [to], cc: [], subject: 'Notifica ai sensi dell’art. 3-bis', html: '<p>Si notifica l’atto.</p>',
        inReplyTo: null, references: [], receiptVariant: 'completa', attachments: [],
      });
      process.stdout.write(JSON.stringify({ type: 'enqueued', result: sent }) + '\n');
      if (!sent.ok) return 1;
    } else {
      services.send.resumeInterrupted();
    }
    return (await outcome) === 'submitted' ? 0 : 1;
  } finally {
    api.dispose();
    await services.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  },
);
