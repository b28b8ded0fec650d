/**
 * The Content-Security-Policy of the reader page, the same in Electron and
 * in browser mode: only the app's own scripts and styles, no inline code,
 * no network but the host's own origin, no plugins, frames or forms.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
