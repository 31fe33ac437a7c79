import fs from 'node:fs';
import path from 'node:path';
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

test('restart() brings back a Dovecot whose master was killed by a signal', async () => {
  const server = await startDovecot({ users: [{ address: 'bob@pec.alfa.test', password: 'pw' }] });
  try {
    // Dovecot writes its pid file just after it starts listening: wait for it on a busy machine.
    const pidFile = path.join(server.dir, 'run', 'master.pid');
    for (let i = 0; i < 400 && !fs.existsSync(pidFile); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const masterPid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    process.kill(masterPid, 'SIGKILL');
    // Dead and reaped (kill 0 fails once the zombie is gone), as when Dovecot died a while ago.
    while (isAlive(masterPid)) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.restart();
    const client = new ImapFlow({ host: '127.0.0.1', port: server.imapPort, secure: false, doSTARTTLS: false, logger: false, auth: { user: 'bob@pec.alfa.test', pass: 'pw' } });
    await client.connect();
    await client.append('INBOX', Buffer.from('Subject: after\r\n\r\nbody\r\n'));
    const status = await client.status('INBOX', { messages: true });
    assert.ok(status, 'STATUS failed');
    assert.equal(status.messages, 1);
    await client.logout();
  } finally {
    await server.stop();
  }
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
