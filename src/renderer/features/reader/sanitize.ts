// Mail HTML → a document safe to show in the sandboxed message frame. Three layers, each enough on
// its own for scripts: DOMPurify drops scripts, handlers and javascript: URLs; the frame's sandbox
// has no allow-scripts; the frame's CSP (MESSAGE_FRAME_CSP) fetches nothing. For remote content
// (tracking pixels, CSS url() exfiltration) this file also removes every URL that is not data:
// or cid:, and reports the http(s) ones so the user can choose to load them.
import DOMPurify from 'dompurify';
import { MESSAGE_FRAME_CSP } from '../../../shared/csp';

/** A message body made safe, with the remote images it refers to. */
export interface SafeDocument {
  /** Complete HTML document for the frame's srcdoc. */
  srcdoc: string;
  /** http(s) URLs of images and CSS resources that were blocked. */
  remoteUrls: string[];
}

/** Remote images fetched by the main process (after the user allowed them), by URL. */
export type RemoteImages = Record<string, string | null> | null;

// Image maps go too: an <area href> is a link the frame would follow like any other, and without
// usemap (forbidden below) it has no legitimate use left.
const FORBID_TAGS = [
  'form', 'input', 'button', 'select', 'textarea', 'option', 'base', 'meta', 'link', 'svg', 'math', 'audio', 'video',
  'source', 'track', 'picture', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'template', 'portal', 'noscript',
  'map', 'area',
];
const FORBID_ATTR = ['srcset', 'ping', 'action', 'formaction', 'poster', 'lowsrc', 'dynsrc', 'xmlns', 'autofocus', 'usemap', 'longdesc', 'integrity'];
// In our own page (the composer) the mail must not style or cover the application: no <style>
// (it would apply to the whole document), no classes (they would pick up the app's own rules).
const EDITOR_FORBID_TAGS = [...FORBID_TAGS, 'style'];
const EDITOR_FORBID_ATTR = [...FORBID_ATTR, 'class'];
// Link-like attributes on anything but <a>: a click on them must have nowhere to go.
const LINK_ATTRS = ['href', 'xlink:href', 'action', 'formaction', 'data'];

const BASE_STYLE = `body{margin:12px 16px;font:14px/1.45 system-ui,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2433;overflow-wrap:anywhere}
pre.plain{white-space:pre-wrap;font:13px/1.5 ui-monospace,"Cascadia Mono",Consolas,monospace;margin:0}
img{max-width:100%;height:auto}
.pecdesk-blocked{display:inline-block;min-width:16px;min-height:16px;outline:1px dashed #b5b9c4}
blockquote{margin:0 0 0 .6em;padding-left:.8em;border-left:3px solid #c9ced8;color:#4a5263}
a{color:#0b5cad}`;

function remoteUrl(value: string): string | null {
  const v = value.trim();
  if (/^https?:\/\//i.test(v)) return v;
  if (v.startsWith('//')) return `https:${v}`;
  return null;
}

/** The data: URI to use for a reference, or null to drop it; remote URLs not fetched are collected. */
function substitute(value: string, subs: RemoteImages, remote: Set<string>): string | null {
  const v = value.trim();
  // Inline parts (cid:) arrive already turned into data: URIs by the main process.
  if (/^data:image\//i.test(v)) return v;
  const url = remoteUrl(v);
  if (url) {
    const fetched = subs?.[url];
    if (fetched) return fetched;
    remote.add(url);
  }
  return null;
}

/** Decodes CSS escapes (u\rl, \75 rl) so obfuscated url() and @import cannot slip past the rewrite. */
function unescapeCss(css: string): string {
  return css.replace(/\\([0-9a-f]{1,6})\s?|\\(.)/gis, (_m, hex: string | undefined, ch: string | undefined) => {
    if (hex) {
      const code = parseInt(hex, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ch === '\n' ? '' : (ch ?? '');
  });
}

/**
 * Rewrites CSS so it loads nothing but data: URIs: url() substituted or emptied, @import and
 * image-set() dropped. "<" goes too: CSS never needs it, and a decoded "</style>" must not close
 * the element it sits in.
 */
function cleanCss(css: string, subs: RemoteImages, remote: Set<string>): string {
  return unescapeCss(css)
    .replace(/</g, '')
    .replace(/@import[^;]*;?/gi, '')
    .replace(/(?:-webkit-)?image-set\([^)]*\)/gi, 'none')
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (_m, _q: string, target: string) => {
      const data = substitute(target, subs, remote);
      return data ? `url("${data}")` : 'none';
    });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Plain text as HTML, with web and mailto links made clickable. */
export function textToHtml(text: string): string {
  const linked = escapeHtml(text).replace(/\b(?:https?:\/\/|mailto:)[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi, (url) => `<a href="${url}">${url}</a>`);
  return `<pre class="plain">${linked}</pre>`;
}

const purify = DOMPurify(window);

/** Positioning in an inline style: in the composer a quoted mail must stay inside its box. */
function withoutPositioning(css: string): string {
  return css.replace(/(?:^|;)\s*(?:position|z-index|inset|top|left|right|bottom)\s*:[^;]*/gi, '');
}

/** Sanitised body HTML (no document wrapper); remote references are collected into `remote`. */
function sanitizeBody(html: string, subs: RemoteImages, remote: Set<string>, forEditor = false): string {
  // <style> in <head> is common in mail; DOMPurify keeps only the body, so lift the styles first
  // (for the frame only: its document is the mail's own). DOMParser documents are inert: nothing
  // in them loads or runs.
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const headStyles = forEditor ? [] : [...parsed.head.querySelectorAll('style')].map((s) => s.textContent ?? '');

  purify.addHook('uponSanitizeElement', (node) => {
    if (node.nodeName === 'STYLE') node.textContent = cleanCss(node.textContent ?? '', subs, remote);
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    for (const attr of ['src', 'background']) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      const data = substitute(value, subs, remote);
      if (data) el.setAttribute(attr, data);
      else {
        el.removeAttribute(attr);
        if (el.nodeName === 'IMG') el.classList.add('pecdesk-blocked');
      }
    }
    const style = el.getAttribute('style');
    if (style !== null) {
      const clean = cleanCss(style, subs, remote);
      el.setAttribute('style', forEditor ? withoutPositioning(clean) : clean);
    }
    if (el.nodeName !== 'A') for (const attr of LINK_ATTRS) el.removeAttribute(attr);
    if (el.nodeName === 'A') {
      const href = el.getAttribute('href');
      if (href !== null && !/^(https?:|mailto:)/i.test(href.trim())) el.removeAttribute('href');
      // No allow-popups in the sandbox: a click on _blank opens nothing; the reader intercepts clicks.
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  });
  try {
    const body = purify.sanitize(parsed.body.innerHTML, {
      FORBID_TAGS: forEditor ? EDITOR_FORBID_TAGS : FORBID_TAGS,
      FORBID_ATTR: forEditor ? EDITOR_FORBID_ATTR : FORBID_ATTR,
      ALLOW_DATA_ATTR: false,
      // In our own page, ids and names of the mail must not clobber the application's globals.
      SANITIZE_NAMED_PROPS: forEditor,
    });
    return headStyles.map((css) => `<style>${cleanCss(css, subs, remote)}</style>`).join('') + body;
  } finally {
    purify.removeAllHooks();
  }
}

/** Sanitises a mail body for the message frame. */
export function sanitizeMessageHtml(html: string, subs: RemoteImages): SafeDocument {
  const remote = new Set<string>();
  const body = sanitizeBody(html, subs, remote);
  return { srcdoc: frameDocument(body), remoteUrls: [...remote] };
}

/**
 * Sanitises HTML for editing in our own page (composer): same rules, remote images dropped, and
 * nothing that styles or covers the application (no <style>, no classes, no positioning).
 */
export function sanitizeForEditor(html: string): string {
  return sanitizeBody(html, null, new Set(), true);
}

/** Wraps safe body HTML into the frame's document with its own CSP. */
export function frameDocument(bodyHtml: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${MESSAGE_FRAME_CSP}"><style>${BASE_STYLE}</style></head><body>${bodyHtml}</body></html>`;
}
