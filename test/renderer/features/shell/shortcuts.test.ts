// The shortcut table: each action has one key, plain letters never fire while typing, Ctrl ones do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHORTCUTS, shortcutFor, type KeyEventLike } from '../../../../src/renderer/features/shell/shortcuts';
import it from '../../../../src/renderer/i18n/it.json';
import en from '../../../../src/renderer/i18n/en.json';

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

test('the common actions of a mail client each have a shortcut, named in both languages', () => {
  const actions = SHORTCUTS.map((s) => s.action);
  for (const a of ['new', 'reply', 'forward', 'search', 'next', 'previous', 'delete', 'help'] as const) assert.ok(actions.includes(a), a);
  assert.equal(new Set(actions).size, actions.length, 'one entry per action');
  for (const a of actions) {
    assert.ok((it.shortcuts.actions as Record<string, string>)[a], `it: ${a}`);
    assert.ok((en.shortcuts.actions as Record<string, string>)[a], `en: ${a}`);
  }
});

test('no two shortcuts answer the same key', () => {
  const samples = [key('n', { ctrlKey: true }), key('r', { ctrlKey: true }), key('R', { ctrlKey: true, shiftKey: true }), key('l', { ctrlKey: true }), key('f', { ctrlKey: true }), key('j'), key('k'), key('Delete'), key('F5'), key('w', { ctrlKey: true }), key('T', { ctrlKey: true, shiftKey: true }), key('Tab', { ctrlKey: true }), key('Tab', { ctrlKey: true, shiftKey: true }), key(','), key('F1'), key('?', { shiftKey: true })];
  for (const e of samples) assert.ok(SHORTCUTS.filter((s) => s.matches(e)).length <= 1, JSON.stringify(e));
});

test('keys map to their actions outside fields, ⌘ as Ctrl', () => {
  assert.equal(shortcutFor(key('n', { ctrlKey: true }), false), 'new');
  assert.equal(shortcutFor(key('n', { metaKey: true }), false), 'new');
  assert.equal(shortcutFor(key('R', { ctrlKey: true, shiftKey: true }), false), 'replyAll');
  assert.equal(shortcutFor(key('r', { ctrlKey: true }), false), 'reply');
  assert.equal(shortcutFor(key('j'), false), 'next');
  assert.equal(shortcutFor(key('K', { shiftKey: true }), false), 'previous');
  assert.equal(shortcutFor(key('?', { shiftKey: true }), false), 'help');
  assert.equal(shortcutFor(key('T', { ctrlKey: true, shiftKey: true }), false), 'reopenTab');
  assert.equal(shortcutFor(key('x'), false), null);
  assert.equal(shortcutFor(key('n', { ctrlKey: true, altKey: true }), false), null, 'AltGr combinations type characters');
});

test('while typing, letters, Delete and ? stay in the field; Ctrl shortcuts and F1 still work', () => {
  for (const e of [key('j'), key('k'), key('Delete'), key('?', { shiftKey: true }), key('r', { ctrlKey: true })]) assert.equal(shortcutFor(e, true), null, JSON.stringify(e));
  assert.equal(shortcutFor(key('n', { ctrlKey: true }), true), 'new');
  assert.equal(shortcutFor(key('f', { ctrlKey: true }), true), 'search');
  assert.equal(shortcutFor(key('F1'), true), 'help');
});
