import * as crypto from 'node:crypto';

/** Marginalia's namespace for name-based UUIDs (a fixed random UUID, never to change). */
const NAMESPACE = Buffer.from('6f1c2a3e9b7d4e0f8a5c3d2b1e0f9a87', 'hex');
/** Namespace then name, reused: an export may ask for 100,000 of these. */
const scratch = Buffer.alloc(16 + 256);
NAMESPACE.copy(scratch);

/**
 * A name-based (version 5, SHA-1, RFC 9562) UUID for a highlight id: the
 * same highlight always gets the same UUID, so Logseq's `id::` property stays
 * put across exports and block references to it keep working.
 */
export function uuidOf(name: string): string {
  let hex: string;
  if (Buffer.byteLength(name) <= 256 && typeof crypto.hash === 'function') {
    const length = scratch.write(name, 16, 'utf8');
    hex = crypto.hash('sha1', scratch.subarray(0, 16 + length), 'hex');
  } else {
    hex = crypto.createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest('hex');
  }
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
