import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../../../src/main/mail/sync/backoff';

const bounds = { initialMs: 1000, maxMs: 60_000 };

test('reconnect waits double from about 1 s and never exceed 60 s, whatever the jitter', () => {
  for (const random of [0, 0.5, 0.999]) {
    const waits = Array.from({ length: 12 }, (_, attempt) => backoffDelay(attempt, bounds, () => random));
    assert.ok(waits[0] >= 800 && waits[0] <= 1200, `first wait ${waits[0]}`);
    for (let i = 1; i < 6; i++) assert.ok(waits[i] > waits[i - 1], `wait ${i} grows: ${waits.join(', ')}`);
    assert.ok(waits.every((w) => w <= 60_000), waits.join(', '));
    assert.ok(waits.at(-1)! >= 48_000, `later waits stay near the cap: ${waits.at(-1)}`);
  }
});

test('two accounts dropped at the same moment do not retry in the same second', () => {
  assert.notEqual(Math.round(backoffDelay(3, bounds, () => 0.1) / 1000), Math.round(backoffDelay(3, bounds, () => 0.9) / 1000));
});
