// Light, dark or the system's choice: the document's data-theme picks the CSS variables
// (styles/app.css). Remembered per browser profile like the language.
const THEME_KEY = 'pecdesk.theme';

/** The themes a user can choose. */
export const THEMES = ['system', 'light', 'dark'] as const;
/** A theme choice. */
export type Theme = (typeof THEMES)[number];

const systemDark = () => window.matchMedia?.('(prefers-color-scheme: dark)').matches === true;

/** The remembered choice ("system" when none). */
export function savedTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme === 'system' ? (systemDark() ? 'dark' : 'light') : theme;
}

/** Switches the theme and remembers it. */
export function setTheme(theme: Theme): void {
  localStorage.setItem(THEME_KEY, theme);
  apply(theme);
}

/** Applies the remembered theme now and follows the system while the choice is "system". */
export function initTheme(): void {
  apply(savedTheme());
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => savedTheme() === 'system' && apply('system'));
}
