// The sandboxed frame a message body is shown in: srcdoc, no allow-scripts (nothing in the mail
// runs), allow-same-origin only so this component can catch link clicks inside it; the frame
// never navigates, links go through openLink (confirmation, external browser).
import { useEffect, useRef, type ReactElement } from 'react';

interface AnchorLike {
  getAttribute(name: string): string | null;
}

function closestAnchor(target: EventTarget | null): AnchorLike | null {
  // The frame's nodes belong to another realm, so `instanceof Element` is false: duck-type.
  const el = target as { closest?: (selector: string) => AnchorLike | null } | null;
  return typeof el?.closest === 'function' ? el.closest('a') : null;
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
      const anchor = closestAnchor(e.target);
      if (!anchor) return;
      e.preventDefault();
      const href = anchor.getAttribute('href');
      if (href) onLinkRef.current(href);
    };
    const onLoad = () => {
      const doc = frame.contentDocument;
      if (!doc) return;
      doc.addEventListener('click', onClick);
      doc.addEventListener('auxclick', onClick);
      doc.addEventListener('submit', (e) => e.preventDefault());
    };
    frame.addEventListener('load', onLoad);
    return () => frame.removeEventListener('load', onLoad);
  }, []);

  return <iframe ref={ref} className="message-frame" data-testid="message-frame" title={title} sandbox="allow-same-origin" referrerPolicy="no-referrer" srcDoc={srcdoc} />;
}
