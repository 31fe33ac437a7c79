// The process test/faults/single-send-kill.test.ts kills: PecDesk's services and API over a data
// folder, as the app's engine runs them. `send` sends one PEC through sendMessage (it goes through
// the send queue); `resume` picks up what the queue holds, as the app does at start. Its state is
// asked again (sendState) on each store-changed 'campaigns', as the composer does; each line on
// stdout is a JSON state seen; exit 0 once the message is submitted (1 when it failed).
// Usage: node --import tsx test/faults/single-send-child.ts DATA_DIR send|resume GRACE_MS [TO]
import { createApi } from '../../src/main/api';
import type { SendTaskView } from '../../src/shared/api-values';
import { createServices, headlessSecretStore } from '../../src/main/services';
import { webHost } from '../../src/main/webbridge/launch';

async function main(): Promise<number> {
  const [dataDir, mode, graceMs, to] = process.argv.slice(2);
  const services = await createServices({ dataDir, secrets: headlessSecretStore(dataDir), reconcileGraceMs: Number(graceMs) });
  const api = createApi(services, webHost('test', dataDir), () => undefined);
  try {
    let sentMessageId: number | null = null;
    let settle: (state: string) => void = () => undefined;
    const outcome = new Promise<string>((resolve) => (settle = resolve));
    const check = async () => {
      if (sentMessageId === null) return;
      const res = await api.dispatch('sendState', { sentMessageId });
      const view = res.ok ? (res.value as SendTaskView | null) : null;
      if (!view) return;
      process.stdout.write(JSON.stringify({ type: 'send-state', view }) + '\n');
      if (view.state === 'submitted' || view.state === 'failed' || view.state === 'cancelled') settle(view.state);
    };
    api.onEvent((event) => {
      if (event.type === 'store-changed' && event.entities.includes('campaigns')) void check();
    });
    if (mode === 'send') {
      const [account] = (await services.accounts.list()).accounts;
      const sent = await api.dispatch('sendMessage', {
        accountId: account.id, to: [to], cc: [], subject: 'Notifica ai sensi dell’art. 3-bis', html: '<p>Si notifica l’atto.</p>',
        inReplyTo: null, references: [], receiptVariant: 'completa', attachments: [],
      });
      process.stdout.write(JSON.stringify({ type: 'enqueued', result: sent }) + '\n');
      if (!sent.ok) return 1;
      sentMessageId = (sent.value as { sentMessageId: number }).sentMessageId;
    } else {
      // The one single PEC of the data folder, as the kill left it.
      const task = services.send.campaigns.repo.list().find((row) => row.kind === 'single');
      sentMessageId = task ? (services.store.sendTasks.ofTask(task.id)?.sentMessageId ?? null) : null;
      if (sentMessageId === null) return 1;
      services.send.resumeInterrupted();
    }
    await check();
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
