// A value that follows another once it has stopped changing for a moment: a search runs when the
// user pauses typing, not on every keystroke.
import { useEffect, useState } from 'react';

/** `value`, once it has been the same for `delayMs`. */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
