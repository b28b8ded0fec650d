/**
 * Maps `app://marginalia/...` URLs to files of the built renderer. Pure (no
 * electron) so the path-traversal rules are unit-tested under plain Node.
 */
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security-policy.js';

/** Content types of the files Vite emits; anything else is served as bytes. */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file name. */
export function mimeTypeOf(fileName: string): string {
  return MIME_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` that `url` names, or undefined when the URL is
 * not ours or would escape the folder (`..`, encoded separators, NUL).
 */
export function resolveAppFile(rootDir: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  // A decoded backslash or NUL has no business in a URL path of ours.
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  return file.startsWith(root + path.sep) ? file : undefined;
}
