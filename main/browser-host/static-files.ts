import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Reads a file of the built renderer, refusing any path that leaves its folder. */
export async function readRendererFile(
  rendererDir: string,
  urlPath: string,
): Promise<{ body: Buffer; contentType: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = resolve(rendererDir);
  const path = resolve(root, `.${decoded === '/' ? '/index.html' : decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return null;
  const contentType = MIME[extname(path).toLowerCase()];
  if (!contentType) return null;
  try {
    return { body: await readFile(path), contentType };
  } catch {
    return null;
  }
}
