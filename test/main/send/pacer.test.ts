// The pacer's arithmetic, on simulated time (no waiting): windows never exceeded, history honoured
// after a restart, the slow-down after a throttling reply, and the estimate shown before sending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateDurationMs, Pacer, SLOWDOWN_MS } from '../../../src/main/send/pacer';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Starts `count` transactions as early as the pacer allows from `start`, each answered `latency` later. */
function drive(pacer: Pacer, count: number, start = 0, latency = 0): number[] {
  const times: number[] = [];
  let now = start;
  while (times.length < count) {
    now = pacer.nextSlotAt(now);
    const granted = pacer.grant(now, count - times.length);
    for (let i = 0; i < granted; i++) times.push(now);
    now += latency;
    for (let i = 0; i < granted; i++) pacer.answered(now);
  }
  return times;
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

test('InfoCert Legalmail pace: never more than 6 messages in any minute, over 100 messages', () => {
  const times = drive(new Pacer({ perMinute: 6, perHour: null }), 100);
  assert.equal(maxInWindow(times, MINUTE), 6);
  // Spread over the minute, not sent six at a time.
  assert.ok(times[1] - times[0] >= MINUTE / 6);
});

test('a slow answer keeps its message in the window: the provider may have stamped it late', () => {
  const pacer = new Pacer({ perMinute: 6, perHour: null });
  const times = drive(pacer, 6, 0, 0);
  // Six in flight and unanswered: however long they take, a seventh waits for their answers.
  const slow = new Pacer({ perMinute: 6, perHour: null });
  let now = 0;
  for (let i = 0; i < 6; i++) {
    now = slow.nextSlotAt(now);
    slow.grant(now, 1);
  }
  assert.equal(slow.nextSlotAt(now + 10 * MINUTE), Number.POSITIVE_INFINITY);
  slow.answered(now + 10 * MINUTE);
  assert.equal(slow.nextSlotAt(now + 10 * MINUTE), now + 10 * MINUTE + MINUTE + 2_000);
  assert.equal(times.length, 6);
});

test('per-minute and per-hour limits hold together', () => {
  const times = drive(new Pacer({ perMinute: 30, perHour: 100 }), 250);
  assert.ok(maxInWindow(times, MINUTE) <= 30);
  assert.ok(maxInWindow(times, HOUR) <= 100);
});

test("after a restart the last hour's sends still count: no burst", () => {
  const before = drive(new Pacer({ perMinute: 6, perHour: 20 }), 20);
  const restartAt = before[before.length - 1] + 1000;
  const after = drive(new Pacer({ perMinute: 6, perHour: 20 }, before), 5, restartAt);
  const all = [...before, ...after];
  assert.ok(maxInWindow(all, MINUTE) <= 6);
  assert.ok(maxInWindow(all, HOUR) <= 20);
  assert.ok(after[0] >= before[0] + HOUR, 'the 21st message waits for the first to leave the hour');
});

test('a throttling reply halves the rate for a while and holds everything for the asked time', () => {
  const pacer = new Pacer({ perMinute: 20, perHour: null });
  const t = drive(pacer, 10).pop()! + 1_000;
  pacer.throttled(t, 60_000);
  pacer.throttled(t + 100, 60_000);
  assert.equal(pacer.nextSlotAt(t), t + 100 + 60_000, 'nothing before the last asked wait is over');
  assert.equal(pacer.effective(t + 60_100).perMinute, 10, 'two refusals of one burst halve once');
  assert.equal(pacer.effective(t + 100 + SLOWDOWN_MS).perMinute, 20, 'the full rate comes back');
});

test('without a stated limit, throttling slows to half of what got refused', () => {
  const pacer = new Pacer({ perMinute: null, perHour: null });
  assert.equal(pacer.grant(0, 40), 40);
  for (let i = 0; i < 40; i++) pacer.answered(10);
  pacer.throttled(10, 60_000);
  assert.equal(pacer.effective(60_010).perMinute, 20);
  const times = drive(pacer, 30, 60_010);
  assert.ok(maxInWindow(times, MINUTE) <= 20);
});

test('the estimate of 13 messages at 6 a minute is about two minutes', () => {
  const ms = estimateDurationMs({ perMinute: 6, perHour: null }, 13);
  assert.ok(ms >= 2 * MINUTE && ms < 2.2 * MINUTE, String(ms));
  assert.equal(estimateDurationMs({ perMinute: null, perHour: null }, 1000), 0);
});
