// The RPC both ends of the engine channel use, over a real MessageChannel: answers by id, a
// handler's exception as 'internal', an unknown op, a timeout, and a peer that goes away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import type { PecEvent } from '../../../src/shared/api';
import { RpcPeer, type OpHandler } from '../../../src/main/engine/rpc';

function pair(handlers: Record<string, OpHandler>, onEvent?: (event: PecEvent) => void): { caller: RpcPeer; server: RpcPeer; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const caller = new RpcPeer((m) => port1.postMessage(m), {}, onEvent);
  const server = new RpcPeer((m) => port2.postMessage(m), handlers);
  port1.on('message', (m) => caller.receive(m));
  port2.on('message', (m) => server.receive(m));
  return { caller, server, close: () => (port1.close(), port2.close()) };
}

test('calls are answered by id, in any order, with the handler\'s value', async (t) => {
  const { caller, close } = pair({ slow: async (n: number) => new Promise((r) => setTimeout(() => r(n * 2), 30)), fast: (s: string) => s.toUpperCase() });
  t.after(close);
  const [slow, fast] = await Promise.all([caller.request('slow', [21]), caller.request('fast', ['pec'])]);
  assert.deepEqual(slow, { ok: true, value: 42 });
  assert.deepEqual(fast, { ok: true, value: 'PEC' });
  assert.equal(caller.inFlight, 0);
});

test('a handler that throws answers internal with its message; an unknown op answers unknown-method', async (t) => {
  const { caller, close } = pair({
    broken: () => {
      throw new Error('disco rotto');
    },
  });
  t.after(close);
  const broken = await caller.request('broken', []);
  assert.equal(!broken.ok && broken.error.code, 'internal');
  assert.match(!broken.ok ? broken.error.message : '', /disco rotto/);
  const unknown = await caller.request('toString', []);
  assert.equal(!unknown.ok && unknown.error.code, 'unknown-method');
});

test('a call with a timeout that gets no answer fails in words and is no longer pending', async (t) => {
  const { caller, close } = pair({ never: () => new Promise(() => undefined) });
  t.after(close);
  const answer = await caller.request('never', [], 50);
  assert.equal(answer.ok, false);
  assert.match(!answer.ok ? answer.error.message : '', /no answer within/);
  assert.equal(caller.inFlight, 0);
});

test('closing a peer fails the calls under way and every later one with the given error', async (t) => {
  const { caller, close } = pair({ never: () => new Promise(() => undefined) });
  t.after(close);
  const underWay = caller.request('never', []);
  caller.close({ code: 'engine-restarted', message: 'gone' });
  assert.deepEqual(await underWay, { ok: false, error: { code: 'engine-restarted', message: 'gone' } });
  assert.deepEqual(await caller.request('never', []), { ok: false, error: { code: 'engine-restarted', message: 'gone' } });
});

test('events from the other side reach the listener', async (t) => {
  const seen: PecEvent[] = [];
  const { server, close } = pair({}, (event) => seen.push(event));
  t.after(close);
  server.event({ type: 'store-changed', entities: ['messages'] });
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(seen, [{ type: 'store-changed', entities: ['messages'] }]);
});
