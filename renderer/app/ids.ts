const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new highlight id, as main makes them (`h-` and 16 random characters,
 * about 82 bits): the reader names a highlight it creates, so it can show it
 * at once and refer to it while main saves it.
 */
export function newHighlightId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = 'h-';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
