// When the composer's draft is saved, and what its status says meanwhile. The save here stands
// for api.draftSave and answers when the test says so; the real save, against the sandbox's
// Dovecot, is in test/e2e/drafts.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DraftAutosave, type DraftFields, type DraftSaveState } from '../../../../src/renderer/features/drafts/draft-autosave';
import type { Result } from '../../../../src/shared/api';
import type { DraftSaveView } from '../../../../src/shared/api-drafts';

type Server = DraftSaveView['server'];

/** A composer whose text the test sets, and a save that waits for the test to answer it. */
function composer(options: { retryMs?: number[] } = {}) {
  let text = '';
  const states: DraftSaveState[] = [];
  const saves: { text: string; answer(server: Server): void }[] = [];
  const autosave = new DraftAutosave(null, {
    save: (fields: DraftFields) =>
      new Promise<Result<DraftSaveView>>((resolve) => {
        saves.push({
          text: fields.html,
          answer: (server) => resolve({ ok: true, value: { draftId: 7, updatedAt: new Date().toISOString(), server, serverDetail: server === 'failed' ? 'ECONNREFUSED' : null } }),
        });
      }),
    collect: () => ({ accountId: '1', to: [], cc: [], subject: 's', html: text, inReplyTo: null, references: [], receiptVariant: 'completa', attachments: [] }),
    onState: (s) => states.push(s),
    onDraftId: () => undefined,
    delayMs: 20,
    retryMs: options.retryMs ?? [30, 60],
  });
  const type = (value: string) => {
    text = value;
    autosave.changed();
  };
  const last = () => states.at(-1)!;
  const lastKind = () => (last().kind === 'saved' ? `saved:${(last() as { view: DraftSaveView }).view.server}` : last().kind);
  /** Waits until the next save reaches the server, and returns it. */
  const nextSave = async () => {
    const count = saves.length;
    for (let i = 0; i < 200 && saves.length === count; i++) await sleep(5);
    assert.equal(saves.length, count + 1, 'a save was made');
    return saves.at(-1)!;
  };
  return { autosave, type, states, saves, lastKind, nextSave };
}

test('a change says "pending" at once, and "saved" only once the save carrying it has answered', async () => {
  const c = composer();
  c.type('Ricorso');
  assert.equal(c.lastKind(), 'pending');
  const save = await c.nextSave();
  assert.equal(save.text, 'Ricorso');
  assert.equal(c.lastKind(), 'saving');
  save.answer('saved');
  await sleep(0);
  assert.equal(c.lastKind(), 'saved:saved');
  assert.equal(c.autosave.draftId, 7);
});

test('typing while a save is on its way: its answer says "pending", not "saved", and the text typed since is saved right after', async () => {
  const c = composer();
  c.type('Ricorso');
  const first = await c.nextSave();
  c.type('Ricorso al TAR');
  first.answer('saved');
  await sleep(0);
  assert.equal(c.lastKind(), 'pending', 'the older text is not what the status calls saved');
  const second = await c.nextSave();
  assert.equal(second.text, 'Ricorso al TAR');
  second.answer('saved');
  await sleep(0);
  assert.equal(c.lastKind(), 'saved:saved');
  assert.equal(c.saves.length, 2);
  assert.ok(!c.states.slice(0, -1).some((s) => s.kind === 'saved'), 'never "saved" before the last text was');
});

test('"Salva bozza" during an autosave waits for it and then saves the latest text once more', async () => {
  const c = composer();
  c.type('Istanza');
  const first = await c.nextSave();
  c.type('Istanza di rinvio');
  const pressed = c.autosave.saveNow();
  first.answer('saved');
  const second = await c.nextSave();
  assert.equal(second.text, 'Istanza di rinvio');
  second.answer('saved');
  await pressed;
  assert.equal(c.lastKind(), 'saved:saved');
});

test('a server copy that failed is tried again by itself, later each time, until it is saved', async () => {
  const c = composer({ retryMs: [30, 60] });
  c.type('Memoria');
  const first = await c.nextSave();
  // Taken before the answer that schedules the retry: on a busy machine a clock read after it can
  // come late enough to see the 30 ms wait as shorter than it was.
  const answeredAt = Date.now();
  first.answer('failed');
  await sleep(0);
  assert.equal(c.lastKind(), 'saved:failed');
  assert.equal(c.saves.length, 1, 'not tried again at once');
  const retry = await c.nextSave();
  assert.ok(Date.now() - answeredAt >= 25, 'tried again after the first wait');
  assert.equal(retry.text, 'Memoria');
  retry.answer('failed');
  const again = await c.nextSave();
  again.answer('saved');
  await sleep(0);
  assert.equal(c.lastKind(), 'saved:saved');
  await sleep(120);
  assert.equal(c.saves.length, 3, 'no retry once the server has the copy');
});

test('settling before a send stops the retries and the autosave; leaving saves a pending change once', async () => {
  const c = composer({ retryMs: [30] });
  c.type('Diffida');
  (await c.nextSave()).answer('failed');
  await sleep(0);
  assert.equal(await c.autosave.settle(), 7);
  c.type('Diffida modificata');
  await sleep(100);
  assert.equal(c.saves.length, 1, 'neither a retry nor an autosave after settle');

  const d = composer();
  d.type('Testo scritto e chiuso subito');
  d.autosave.leave();
  assert.equal(d.saves.length, 1, 'saved as the composer goes, without waiting for the pause');
  const save = d.saves[0];
  assert.equal(save.text, 'Testo scritto e chiuso subito');
  save.answer('saved');
  await sleep(60);
  assert.equal(d.saves.length, 1);
});
