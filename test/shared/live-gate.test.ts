// The coalescing of re-queries while the store changes fast (a sending campaign), on a clock the
// test moves: one run in flight, one more after it for any number of changes meanwhile, starts at
// least the gap apart, the caller's own requests first, and stale answers told apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveGate, type GateTimers } from '../../src/shared/live-gate';

/** Timers on a clock that only moves when the test says. */
class ManualTimers implements GateTimers {
  private at = 0;
  private readonly pending = new Map<number, { due: number; fn: () => void }>();
  private next = 1;
  now = () => this.at;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.next++;
    this.pending.set(id, { due: this.at + ms, fn });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.pending.delete(handle as number);
  };
  /** Moves the clock, firing what falls due in order, with the promises they start settled in between. */
  async advance(ms: number): Promise<void> {
    const end = this.at + ms;
    for (;;) {
      const due = [...this.pending].filter(([, t]) => t.due <= end).sort((a, b) => a[1].due - b[1].due)[0];
      if (!due) break;
      this.pending.delete(due[0]);
      this.at = due[1].due;
      due[1].fn();
      await settle();
    }
    this.at = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** A gate whose runs are finished by the test: each started run is a pending promise with the time it started. */
function gateOn(timers: ManualTimers) {
  const runs: { at: number; finish(): void; isCurrent(): boolean }[] = [];
  const gate = new LiveGate(
    (isCurrent) =>
      new Promise<void>((resolve) => {
        runs.push({ at: timers.now(), finish: resolve, isCurrent });
      }),
    250,
    timers,
  );
  return { gate, runs };
}

test('a burst of changes during a run makes one more run, not one per change, at least the gap after the last start', async () => {
  const timers = new ManualTimers();
  const { gate, runs } = gateOn(timers);
  gate.request(false);
  assert.equal(runs.length, 1, 'the first change runs at once');
  for (let i = 0; i < 100; i++) gate.request(false);
  await timers.advance(40);
  runs[0].finish();
  await settle();
  assert.equal(runs.length, 1, 'the next run waits for the gap');
  await timers.advance(300);
  assert.deepEqual(runs.map((r) => r.at), [0, 250], 'one more run for the hundred changes, 250 ms after the first started');
  runs[1].finish();
  await timers.advance(1000);
  assert.equal(runs.length, 2, 'no change since: no run');
});

test('changes while nothing runs start a run once the gap since the last start has passed', async () => {
  const timers = new ManualTimers();
  const { gate, runs } = gateOn(timers);
  gate.request(false);
  runs[0].finish();
  await timers.advance(100);
  gate.request(false);
  gate.request(false);
  await timers.advance(100);
  assert.equal(runs.length, 1);
  await timers.advance(50);
  assert.deepEqual(runs.map((r) => r.at), [0, 250]);
});

test('the caller’s own request does not wait for the gap, and makes the answer of the run in flight stale', async () => {
  const timers = new ManualTimers();
  const { gate, runs } = gateOn(timers);
  gate.request(true);
  gate.request(true);
  assert.equal(runs.length, 1, 'one in flight at a time');
  assert.equal(runs[0].isCurrent(), false, 'new inputs: the run in flight answers for the old ones');
  runs[0].finish();
  await settle();
  assert.deepEqual(runs.map((r) => r.at), [0, 0], 'the new inputs load at once after it, without the gap');
  assert.equal(runs[1].isCurrent(), true);
});

test('once disposed nothing starts, and the run in flight is no longer current', async () => {
  const timers = new ManualTimers();
  const { gate, runs } = gateOn(timers);
  gate.request(false);
  gate.request(false);
  gate.dispose();
  assert.equal(runs[0].isCurrent(), false);
  runs[0].finish();
  await timers.advance(1000);
  gate.request(true);
  assert.equal(runs.length, 1);
});

test('a run that fails does not stop the gate', async () => {
  const timers = new ManualTimers();
  let calls = 0;
  const gate = new LiveGate(async () => {
    calls++;
    throw new Error('engine restarted');
  }, 250, timers);
  gate.request(false);
  await settle();
  await timers.advance(300);
  gate.request(false);
  await settle();
  assert.equal(calls, 2);
});

test('with a settle time, the writes of one action make one run after it, and a stream of changes still gets a run each gap', async () => {
  const timers = new ManualTimers();
  const starts: number[] = [];
  const gate = new LiveGate(async () => void starts.push(timers.now()), 250, timers, 100);
  gate.request(false);
  await timers.advance(3);
  gate.request(false);
  assert.deepEqual(starts, [], 'nothing before the settle time');
  await timers.advance(200);
  assert.deepEqual(starts, [100], 'one run for the two changes, once they settled');

  // A change every 50 ms for a second: no quiet moment, still a run at least every 250 ms.
  for (let i = 0; i < 20; i++) {
    gate.request(false);
    await timers.advance(50);
  }
  assert.deepEqual(starts, [100, 350, 600, 850, 1100]);
  gate.request(true);
  assert.equal(starts.length, 6, 'the caller’s own request does not wait for the settle time');
});
