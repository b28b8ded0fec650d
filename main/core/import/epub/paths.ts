/**
 * Paths inside an EPUB package. Every name and reference is resolved here,
 * as plain strings, against the package's own root: nothing ever leads
 * outside it, and nothing is ever looked up on disk.
 */

/**
 * The normalised path of a zip entry name (`EPUB/text/ch1.xhtml`), or
 * undefined when the name could lead outside the package: an absolute
 * path, a drive letter, a backslash (a Windows separator, or a disguise),
 * a NUL, or `..` climbing above the root.
 */
export function packagePath(name: string): string | undefined {
  if (name === '' || name.startsWith('/') || /[\\\u0000]/.test(name) || /^[a-z]:/i.test(name)) return undefined;
  return normalise(name.split('/'));
}

/**
 * Where a reference made from the file at `from` (an `href`, a `src`)
 * points inside the package, without its `#fragment`; undefined for an
 * address with a scheme (`http:`, `data:`), a reference from the site's
 * root (`/x`), or one that climbs out of the package.
 */
export function resolveReference(from: string, reference: string): { path: string; fragment: string | undefined } | undefined {
  const hash = reference.indexOf('#');
  const rawPath = hash === -1 ? reference : reference.slice(0, hash);
  const fragment = hash === -1 ? undefined : decoded(reference.slice(hash + 1));
  if (/^[a-z][a-z0-9+.-]*:/i.test(rawPath) || rawPath.startsWith('/') || rawPath.startsWith('\\')) return undefined;
  const file = decoded(rawPath.replace(/\?.*$/s, ''));
  if (file === '') return { path: from, fragment };
  if (/[\\\u0000]/.test(file)) return undefined;
  const folder = from.includes('/') ? from.slice(0, from.lastIndexOf('/')).split('/') : [];
  const path = normalise([...folder, ...file.split('/')]);
  return path === undefined ? undefined : { path, fragment };
}

function normalise(segments: string[]): string | undefined {
  const out: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(segment);
  }
  return out.length > 0 ? out.join('/') : undefined;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
