// Content-Security-Policy strings, shared by the Electron shell, the web bridge and the renderer's
// message frame so the browser build is held to exactly the rules of the desktop app.

/** The policy of the app's own pages. `connectSrc` adds the web bridge's WebSocket URL. */
export function appContentSecurityPolicy(connectSrc: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mail HTML carries inline styles; the message frame inherits this policy (srcdoc), so inline
    // styles must pass here. Scripts never do.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    ['connect-src', "'self'", ...connectSrc].join(' '),
    "object-src 'none'",
    // The only frame is the sandboxed srcdoc message frame, which inherits this policy; no frame
    // may navigate anywhere else.
    "frame-src 'self'",
    "worker-src 'none'",
    "media-src 'none'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy inside the message frame: nothing is fetched; images only as data: URIs. */
export const MESSAGE_FRAME_CSP = [
  "default-src 'none'",
  "img-src data:",
  "style-src 'unsafe-inline'",
  "font-src data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
