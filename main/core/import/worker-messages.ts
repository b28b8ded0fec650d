import type { ErrorJSON } from '../../../shared/contract/errors.js';
import type { DocumentJSON } from '../../../shared/model.js';
import type { ImportedContent, ImportOptions } from './imported-content.js';

/**
 * What the host asks of the worker: an import (`bytes` is the worker's own
 * copy, transferred), or the next part of an imported article.
 */
export type HostMessage =
  | { kind: 'import'; id: number; fileName: string; bytes: Uint8Array; options: ImportOptions }
  | { kind: 'more'; id: number };

/**
 * What the worker says about an import: that it began (its time limit runs
 * from then, not from the worker's start-up), then how it ended. An
 * imported article comes with what prepareImport derives from it (its hash,
 * and its JSON, transferred); its blocks and its text come a part at a time,
 * each when the host asks for it (`more` says whether any are left), so that
 * reading a large article out of the messages never holds the host for long.
 */
export type WorkerMessage =
  | { kind: 'started'; id: number }
  | {
      kind: 'imported';
      id: number;
      /** The content with its first blocks. */
      content: ImportedContent;
      contentHash: string;
      documentJSON: Uint8Array;
      /** The first part of the article text. */
      text: string;
      more: boolean;
    }
  | { kind: 'blocks'; id: number; blocks: DocumentJSON[]; text: string; more: boolean }
  | { kind: 'failed'; id: number; error: ErrorJSON };
