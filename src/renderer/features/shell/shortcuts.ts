// The keyboard shortcuts of the whole window, in one table: the help screen lists this table and
// the key handler reads it, so what is shown is what works. Ctrl stands for ⌘ on macOS.
//
// Letters without a modifier (J, K, ?) would eat what the user types, so they act only when the
// focus is not in a field; the Ctrl ones work everywhere, as in other mail clients.

/** What a shortcut does. */
export type ShortcutAction =
  | 'new' | 'reply' | 'replyAll' | 'forward' | 'search' | 'next' | 'previous' | 'delete' | 'sync'
  | 'closeTab' | 'reopenTab' | 'nextTab' | 'previousTab' | 'settings' | 'help';

/** One shortcut: the keys shown in the help screen and whether a key event is it. */
export interface Shortcut {
  action: ShortcutAction;
  keys: string;
  matches(e: KeyEventLike): boolean;
  /** Also while typing in a field. */
  inFields: boolean;
}

/** The parts of a KeyboardEvent the table reads (so it can be tested without a DOM). */
export interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const ctrl = (e: KeyEventLike) => (e.ctrlKey || e.metaKey) && !e.altKey;
const plain = (e: KeyEventLike) => !e.ctrlKey && !e.metaKey && !e.altKey;
const key = (e: KeyEventLike, k: string) => e.key.toLowerCase() === k;

/** Every shortcut, in the order the help screen lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new', keys: 'Ctrl+N', matches: (e) => ctrl(e) && !e.shiftKey && key(e, 'n'), inFields: true },
  { action: 'reply', keys: 'Ctrl+R', matches: (e) => ctrl(e) && !e.shiftKey && key(e, 'r'), inFields: false },
  { action: 'replyAll', keys: 'Ctrl+Shift+R', matches: (e) => ctrl(e) && e.shiftKey && key(e, 'r'), inFields: false },
  { action: 'forward', keys: 'Ctrl+L', matches: (e) => ctrl(e) && !e.shiftKey && key(e, 'l'), inFields: false },
  { action: 'search', keys: 'Ctrl+F', matches: (e) => ctrl(e) && !e.shiftKey && key(e, 'f'), inFields: true },
  { action: 'next', keys: 'J', matches: (e) => plain(e) && key(e, 'j'), inFields: false },
  { action: 'previous', keys: 'K', matches: (e) => plain(e) && key(e, 'k'), inFields: false },
  { action: 'delete', keys: 'Canc / Delete', matches: (e) => plain(e) && e.key === 'Delete', inFields: false },
  { action: 'sync', keys: 'F5', matches: (e) => plain(e) && e.key === 'F5', inFields: true },
  { action: 'closeTab', keys: 'Ctrl+W', matches: (e) => ctrl(e) && !e.shiftKey && key(e, 'w'), inFields: true },
  { action: 'reopenTab', keys: 'Ctrl+Shift+T', matches: (e) => ctrl(e) && e.shiftKey && key(e, 't'), inFields: true },
  { action: 'nextTab', keys: 'Ctrl+Tab', matches: (e) => e.ctrlKey && !e.shiftKey && e.key === 'Tab', inFields: true },
  { action: 'previousTab', keys: 'Ctrl+Shift+Tab', matches: (e) => e.ctrlKey && e.shiftKey && e.key === 'Tab', inFields: true },
  { action: 'settings', keys: 'Ctrl+,', matches: (e) => ctrl(e) && e.key === ',', inFields: true },
  { action: 'help', keys: 'F1 / ?', matches: (e) => (plain(e) && e.key === 'F1') || (!e.ctrlKey && !e.metaKey && e.key === '?'), inFields: false },
];

/** The shortcut a key event is, given whether the focus is in a text field; null when none. */
export function shortcutFor(e: KeyEventLike, inField: boolean): ShortcutAction | null {
  const found = SHORTCUTS.find((s) => s.matches(e) && (s.inFields || !inField));
  // F1 is help even inside a field, where "?" is just a character.
  if (!found && inField && e.key === 'F1' && plain(e)) return 'help';
  return found?.action ?? null;
}

/** Whether a DOM element takes typed text (so plain letters belong to it). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
}
