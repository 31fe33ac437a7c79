// A small set of line icons drawn as inline SVG (no icon font, no external file to fetch).
import type { ReactElement } from 'react';

const PATHS = {
  mail: 'M3 5h18v14H3z M3 6l9 7 9-7',
  clearFormat: 'M5 5h12 M11 5l-3 14 M14 14l6 6 M20 14l-6 6',
  inbox: 'M3 13l3-8h12l3 8v6H3z M3 13h5l1 3h6l1-3h5',
  send: 'M21 3L10 14 M21 3l-7 18-4-7-7-4z',
  sync: 'M20 11a8 8 0 0 0-14.9-3.5L3 10 M3 4v6h6 M4 13a8 8 0 0 0 14.9 3.5L21 14 M21 20v-6h-6',
  compose: 'M12 20h9 M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z',
  reply: 'M9 17l-5-5 5-5 M4 12h11a5 5 0 0 1 5 5v2',
  replyAll: 'M7 17l-5-5 5-5 M12 17l-5-5 5-5 M7 12h8a5 5 0 0 1 5 5v2',
  forward: 'M15 17l5-5-5-5 M20 12H9a5 5 0 0 0-5 5v2',
  clip: 'M21 11l-8.6 8.6a5 5 0 0 1-7-7L14 4a3.3 3.3 0 0 1 4.7 4.7L10 17.4a1.7 1.7 0 0 1-2.4-2.4L15.5 7',
  check: 'M5 12l5 5 9-10',
  cross: 'M6 6l12 12 M18 6L6 18',
  warning: 'M12 3l10 18H2z M12 10v5 M12 18v.5',
  folder: 'M3 6h6l2 2h10v11H3z',
  archive: 'M3 4h18v4H3z M5 8v12h14V8 M10 12h4',
  file: 'M6 2h9l5 5v15H6z M15 2v5h5',
  save: 'M12 3v12 M7 10l5 5 5-5 M4 20h16',
  open: 'M14 3h7v7 M21 3l-9 9 M19 14v6H4V5h6',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  user: 'M20 21a8 8 0 0 0-16 0 M12 3a4 4 0 1 0 0 8 4 4 0 0 0 0-8z',
  userPlus: 'M16 21a7 7 0 0 0-14 0 M9 4a4 4 0 1 0 0 8 4 4 0 0 0 0-8z M19 8v6 M16 11h6',
  settings: 'M4 6h10 M18 6h2 M4 12h4 M12 12h8 M4 18h12 M20 18h0 M16 4v4 M10 10v4 M18 16v4',
  shield: 'M12 2l8 4v6c0 5-3.5 8.5-8 10-4.5-1.5-8-5-8-10V6z',
  receipt: 'M6 2h12v20l-3-2-3 2-3-2-3 2z M9 7h6 M9 11h6 M9 15h4',
  info: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z M12 11v6 M12 7v.5',
  signed: 'M6 2h9l5 5v15H6z M15 2v5h5 M9 16c1-2 2-2 3 0s2 2 3 0',
  trash: 'M4 6h16 M9 6V3h6v3 M6 6l1 15h10l1-15',
  search: 'M10 3a7 7 0 1 0 0 14 7 7 0 0 0 0-14z M15 15l6 6',
  listBullet: 'M9 6h12 M9 12h12 M9 18h12 M4 6h.01 M4 12h.01 M4 18h.01',
  listNumber: 'M10 6h11 M10 12h11 M10 18h11 M4 4l1-1v5 M3 14.5a1.5 1.5 0 0 1 3 0c0 1.5-3 2-3 3.5h3',
  image: 'M3 5h18v14H3z M3 16l5-5 4 4 3-3 6 6 M15 9h.01',
} as const;

/** Names of the available icons. */
export type IconName = keyof typeof PATHS;

/** An icon, sized by the surrounding font (1em). Decorative: give the button a text label. */
export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
