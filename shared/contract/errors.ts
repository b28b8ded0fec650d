/** Every failure that crosses the renderer ↔ main boundary has one of these codes. */
export const ERROR_CODES = [
  'invalid-request',
  'forbidden',
  'not-found',
  'unsupported-file',
  'empty-file',
  'binary-file',
  'too-large',
  /** A document nested too deeply to parse safely (its elements, not its size). */
  'too-complex',
  'encoding',
  'storage',
  'locked',
  'cancelled',
  /** An import stopped because it ran past its time limit. */
  'timed-out',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** A failure with a code the UI can act on and a message a reader can understand. */
export class MarginaliaError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MarginaliaError';
  }
}

/** The plain-JSON form of an error, as it crosses the bridge. */
export interface ErrorJSON {
  code: ErrorCode;
  message: string;
}

/** What every operation returns across the bridge. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorJSON };

export function toErrorJSON(error: unknown): ErrorJSON {
  if (error instanceof MarginaliaError) return { code: error.code, message: error.message };
  return { code: 'internal', message: 'Something went wrong inside Marginalia; nothing was changed.' };
}
