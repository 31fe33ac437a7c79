// The sandboxed frame a message body is shown in: srcdoc, no allow-scripts (nothing in the mail
// runs), allow-same-origin only so this component can catch link clicks inside it; the frame
// never navigates, links go through openLink (confirmation, external browser). Every link-like
// element counts, not only <a>: an <area>, an SVG <a xlink:href> or anything else with an href
// would otherwise navigate the frame itself, and the CSP does not govern navigation.
import { useEffect, useRef, type ReactElement } from 'react';

interface LinkLike {
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string, name: string): string | null;
}

const XLINK = 'http://www.w3.org/1999/xlink';
// [*|href] matches href in any namespace (SVG's xlink:href too).
const LINK_SELECTOR = 'a, area, [*|href]';

function closestLink(target: EventTarget | null): LinkLike | null {
  // The frame's nodes belong to another realm, so `instanceof Element` is false: duck-type.
  const el = target as { closest?: (selector: string) => LinkLike | null } | null;
  return typeof el?.closest === 'function' ? el.closest(LINK_SELECTOR) : null;
}

function hrefOf(link: LinkLike): string | null {
  return link.getAttribute('href') ?? link.getAttributeNS(XLINK, 'href');
}

/** Shows a sanitised document (see sanitize.ts). */
export function MessageFrame({ srcdoc, title, onLink }: { srcdoc: string; title: string; onLink(url: string): void }): ReactElement {
  const ref = useRef<HTMLIFrameElement>(null);
  const onLinkRef = useRef(onLink);
  onLinkRef.current = onLink;

  useEffect(() => {
    const frame = ref.current;
    if (!frame) return;
    const onClick = (e: MouseEvent) => {
      const link = closestLink(e.target);
      if (!link) return;
      e.preventDefault();
      const href = hrefOf(link);
      if (href) onLinkRef.current(href);
    };
    const onLoad = () => {
      const doc = frame.contentDocument;
      if (!doc) return;
      // Capture phase: the frame decides before anything in the document could.
      doc.addEventListener('click', onClick, true);
      doc.addEventListener('auxclick', onClick, true);
      doc.addEventListener('submit', (e) => e.preventDefault());
    };
    frame.addEventListener('load', onLoad);
    return () => frame.removeEventListener('load', onLoad);
  }, []);

  return <iframe ref={ref} className="message-frame" data-testid="message-frame" title={title} sandbox="allow-same-origin" referrerPolicy="no-referrer" srcDoc={srcdoc} />;
}
