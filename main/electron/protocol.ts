/**
 * The `app://marginalia/` scheme that serves the built renderer. A custom
 * scheme instead of file:// gives the page a real origin (so the CSP's
 * 'self' means something) and lets us refuse every file outside the folder.
 */
import fs from 'node:fs/promises';
import { protocol } from 'electron';
import { resolveAppFile, mimeTypeOf } from './app-files.js';
import { APP_SCHEME, CONTENT_SECURITY_POLICY } from './security-policy.js';

/** Headers every response of the scheme carries. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Declares the scheme standard and secure. Must run before the app is ready,
 * which is why main.ts calls it at module load.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' } });
}

/** Serves files of `rendererDir` on the app scheme; call once the app is ready. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const file = resolveAppFile(rendererDir, request.url);
    if (file === undefined) return notFound();
    try {
      const body = await fs.readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(file) },
      });
    } catch {
      // Missing files and directories look the same to the page: not found.
      return notFound();
    }
  });
}
