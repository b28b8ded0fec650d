import type { MarginaliaApi, Response } from '../shared/contract/schemas.js';
import type { ArticleSummary } from '../shared/model.js';
import type { Notices } from './notices.js';

type Recovery = Response<'listRecoveries'>[number];

const isPath = (s: string) => /[\\/]/.test(s);

/** What happened to a damaged file, in the reader's terms. */
export function describeRecovery(r: Recovery): string {
  const name = r.file.split(/[\\/]/).slice(-2).join('/');
  const kept = r.restoredFrom?.startsWith('kept') === true; // a journal: its damaged lines went, the others stayed
  const what = r.quarantinedTo
    ? `A damaged library file (${name}: ${r.reason}) was ${kept ? 'copied' : 'moved'} to ${r.quarantinedTo}.`
    : `A library file (${name}) ${r.reason === 'is missing' ? 'was missing' : r.reason}.`;
  return `${what} ${outcome(r, kept)}`;
}

function outcome(r: Recovery, kept: boolean): string {
  if (r.restoredFrom === null) return 'There was no good backup of it.';
  if (kept) return `It was ${r.restoredFrom}; ${r.reason.startsWith('lines') ? 'the changes on the damaged lines are' : 'the change on the damaged line is'} missing.`;
  const from = isPath(r.restoredFrom) ? `restored from the backup ${r.restoredFrom}` : r.restoredFrom;
  if (r.complete === true) return `It was ${from}, with the changes kept since; nothing is missing.`;
  if (r.complete === false) return `It was ${from}; changes made after that backup may be missing.`;
  return isPath(r.restoredFrom) ? `It was ${from}; changes made after that backup may be missing.` : `It was ${from}.`;
}

/** Why an article in the library cannot be opened, in the reader's terms. */
export function describeUnavailable(summary: ArticleSummary): string {
  return `“${summary.title}” cannot be opened: ${summary.unavailable}. Its files were left as they are.`;
}

/**
 * Tells the reader, once each, about damaged library files the store found
 * and repaired (here, or in another process such as the CLI, since the last
 * start), and about articles the library has but cannot open. Call `check`
 * whenever the library may have read files.
 */
export function createRecoveryNotices(api: MarginaliaApi, notices: Notices): { check(): Promise<void> } {
  const seen = new Set<string>();
  const once = (key: string, message: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    notices.show('error', message);
  };
  return {
    async check() {
      let recoveries: Recovery[];
      let articles: ArticleSummary[];
      try {
        [recoveries, articles] = await Promise.all([api.listRecoveries({}), api.listArticles({})]);
      } catch {
        return; // the notice area already shows why the library is unreachable
      }
      for (const r of recoveries) once(`recovery ${r.at} ${r.file}`, describeRecovery(r));
      for (const a of articles) if (a.unavailable !== undefined) once(`unavailable ${a.id} ${a.unavailable}`, describeUnavailable(a));
    },
  };
}
