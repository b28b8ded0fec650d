import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** 16 random characters (~82 bits): ids are never reused, and safe as Markdown block ids and file names. */
function randomId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

export const newArticleId = (): string => `a-${randomId()}`;
export const newHighlightId = (): string => `h-${randomId()}`;
