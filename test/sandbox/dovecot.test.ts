import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../../sandbox/dovecot';

test('a sandbox Dovecot accepts a login, stores an appended message and survives a restart', async () => {
  const server = await startDovecot({ users: [{ address: 'alice@pec.alfa.test', password: 'pw' }] });
  try {
    const connect = async () => {
      const client = new ImapFlow({ host: '127.0.0.1', port: server.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: 'alice@pec.alfa.test', pass: 'pw' } });
      await client.connect();
      return client;
    };
    let client = await connect();
    await client.append('INBOX', Buffer.from('Subject: hello\r\n\r\nbody\r\n'));
    await client.logout();
    await server.restart();
    client = await connect();
    const status = await client.status('INBOX', { messages: true });
    assert.ok(status, 'STATUS failed');
    assert.equal(status.messages, 1);
    await client.logout();
    const out = await server.doveadm(['mailbox', 'status', '-u', 'alice@pec.alfa.test', 'messages', 'INBOX']);
    assert.match(out, /messages=1/);
  } finally {
    await server.stop();
  }
});
