/** Bytes per chunk: a multiple of 3, so chunks encode without padding and join cleanly. */
const CHUNK = 3 * 16 * 1024;

/** Base64 of some bytes, encoded in chunks so large files do not overflow the call stack. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const chunk = bytes.subarray(i, i + CHUNK);
    let binary = '';
    for (let j = 0; j < chunk.length; j += 4096) {
      binary += String.fromCharCode(...chunk.subarray(j, j + 4096));
    }
    parts.push(btoa(binary));
  }
  return parts.join('');
}
