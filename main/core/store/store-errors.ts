import { MarginaliaError } from '../../../shared/contract/errors.js';

/** A store file that cannot be read as what it should be. */
export class StoreFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'StoreFileError';
  }
}

/** A store file written by a newer Marginalia: never opened, never downgraded. */
export class FutureVersionError extends Error {
  constructor(
    readonly path: string,
    readonly version: number,
  ) {
    super(`${path} was written by a newer Marginalia (format version ${version}); update the app to open it.`);
    this.name = 'FutureVersionError';
  }
}

const REASONS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EACCES: 'permission was denied',
  EPERM: 'permission was denied',
  EROFS: 'the folder is read-only',
  EEXIST: 'a file is in the way of a folder',
  ENOTDIR: 'a file is in the way of a folder',
  EIO: 'the disk reported an input/output error',
};

/** Turns a file-system failure into a message a reader can act on; nothing was changed. */
export function storageError(error: unknown): Error {
  if (error instanceof MarginaliaError) return error;
  if (error instanceof FutureVersionError) return new MarginaliaError('storage', error.message);
  const e = error as NodeJS.ErrnoException;
  const reason = (e.code && REASONS[e.code]) ?? e.message ?? String(error);
  return new MarginaliaError('storage', `Could not save to ${e.path ?? 'the library'}: ${reason}. Nothing was changed.`);
}

/**
 * An article folder whose article cannot be read (a file from a newer
 * Marginalia, a missing or damaged `article.json` without a good backup).
 * Its files are left as they are; the library lists it as unavailable.
 */
export class ArticleUnavailableError extends MarginaliaError {
  constructor(
    readonly articleId: string,
    /** Why, as the library list says it: "its article.json was written by a newer Marginalia …". */
    readonly reason: string,
  ) {
    super('storage', `This article cannot be opened: ${reason}.`);
    this.name = 'ArticleUnavailableError';
  }
}
