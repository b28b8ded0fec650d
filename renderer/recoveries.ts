import type { MarginaliaApi, Response } from '../shared/contract/schemas.js';
import type { Notices } from './notices.js';

type Recovery = Response<'listRecoveries'>[number];

/** What happened to a damaged file, in the reader's terms. */
export function describeRecovery(r: Recovery): string {
  const name = r.file.split(/[\\/]/).slice(-2).join('/');
  const restored = r.restoredFrom
    ? r.restoredFrom.includes('/')
      ? `It was restored from the backup ${r.restoredFrom}; changes made after that backup may be missing.`
      : `It was ${r.restoredFrom}; changes after that point may be missing.`
    : 'There was no good backup of it.';
  const where = r.restoredFrom && !r.restoredFrom.includes('/') && r.restoredFrom.startsWith('kept') ? 'copied to' : 'moved to';
  return `A damaged library file (${name}: ${r.reason}) was ${where} ${r.quarantinedTo}. ${restored}`;
}

/**
 * Tells the reader, once each, about damaged library files the store found
 * and repaired. Call `check` whenever the library may have read files.
 */
export function createRecoveryNotices(api: MarginaliaApi, notices: Notices): { check(): Promise<void> } {
  const seen = new Set<string>();
  return {
    async check() {
      let recoveries: Recovery[];
      try {
        recoveries = await api.listRecoveries({});
      } catch {
        return; // the notice area already shows why the library is unreachable
      }
      for (const r of recoveries) {
        const key = `${r.at} ${r.file}`;
        if (seen.has(key)) continue;
        seen.add(key);
        notices.show('error', describeRecovery(r));
      }
    },
  };
}
