/** What the store did about a damaged file, for the reader to be told. */
export interface Recovery {
  at: string;
  /** The damaged file, as it was named in the library. */
  file: string;
  /** Where the damaged file was moved; it is never overwritten. */
  quarantinedTo: string;
  /** The backup that replaced it, or null when there was none. */
  restoredFrom: string | null;
  reason: string;
}
