// Listens for the window's keyboard shortcuts (shortcuts.ts) and runs what each one does.
import { useEffect, useRef } from 'react';
import { isTextField, shortcutFor, type ShortcutAction } from './shortcuts';

/** What each shortcut does; an action without a handler is ignored. */
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/** Runs `handlers` on the window's shortcuts for as long as the component is mounted. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  // A ref, so the listener is added once and still calls the handlers of the latest render.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A key the focused control already handled (the list's own Delete, a dialog's Escape) is not a shortcut.
      if (e.defaultPrevented || e.isComposing) return;
      const action = shortcutFor(e, isTextField(e.target));
      const run = action ? latest.current[action] : undefined;
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
