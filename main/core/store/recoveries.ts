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

/** Records a repair, and says it in the log. */
export function recoveryOf(file: string, quarantinedTo: string, restoredFrom: string | null, reason: string): Recovery {
  console.warn(`[marginalia] damaged store file ${file} moved to ${quarantinedTo}; restored from ${restoredFrom ?? 'nothing'}`);
  return { at: new Date().toISOString(), file, quarantinedTo, restoredFrom, reason };
}
