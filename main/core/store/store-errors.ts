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
