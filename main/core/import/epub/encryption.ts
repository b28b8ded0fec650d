import type { BookArchive } from './archive.js';
import { resolveReference } from './paths.js';
import { decodePackageText } from './text.js';
import { descendants, first, parseXml } from './xml.js';

/**
 * Font obfuscation (IDPF's and Adobe's): a font scrambled so it cannot be
 * lifted from the book, not DRM. Fonts are never read here, so it changes
 * nothing.
 */
const FONT_OBFUSCATION = new Set(['http://www.idpf.org/2008/embedding', 'http://ns.adobe.com/pdf/enc#RC']);

/**
 * The package paths that `META-INF/encryption.xml` says are encrypted
 * (other than obfuscated fonts): their bytes are not what the manifest
 * says, and cannot be read without the seller's key.
 */
export function encryptedPaths(archive: BookArchive): Set<string> {
  const bytes = archive.read('META-INF/encryption.xml');
  const paths = new Set<string>();
  const root = bytes && parseXml(decodePackageText(bytes, 'META-INF/encryption.xml'));
  if (!root) return paths;
  for (const data of descendants(root, 'encrypteddata')) {
    const algorithm = first(data, 'encryptionmethod')?.getAttribute('Algorithm') ?? first(data, 'encryptionmethod')?.getAttribute('algorithm') ?? '';
    if (FONT_OBFUSCATION.has(algorithm.trim())) continue;
    const uri = first(data, 'cipherreference')?.getAttribute('URI') ?? first(data, 'cipherreference')?.getAttribute('uri');
    // URIs in encryption.xml are relative to the root of the package, not to META-INF.
    const target = uri ? resolveReference('', uri) : undefined;
    if (target) paths.add(target.path);
  }
  return paths;
}
