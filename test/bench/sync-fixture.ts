import { mkdir, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe } from '../../shared/anchoring/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { COLORS } from '../../shared/colors.js';
import type { Article, Highlight } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { importContent } from '../../main/core/import/index.js';
import { STORE_VERSION, SNAPSHOT_VERSION } from '../../main/core/store/files.js';
import {
  creationRecord,
  deletionRecord,
  editRecord,
  encodeHlc,
  journalName,
  mergeRecords,
  newDeviceId,
  recordLine,
  type DeviceId,
  type SyncRecord,
} from '../../main/core/sync/index.js';

/**
 * A synced library written straight into its files (setup, not what is
 * measured: fsyncing 110,000 changes through the store would take an hour):
 * articles of a few paragraphs, each with highlights made by one or by three
 * devices, some edited and deleted by another device, part of them already
 * folded into the shared snapshot and the rest still in the journals.
 */

/** Highlights made per article; one of them is deleted again, so each article shows one fewer. */
export const MADE_PER_ARTICLE = 11;
/** Of those, how many the snapshot holds (the rest, and every edit and delete, are in the journals). */
const IN_SNAPSHOT = 7;
/** Every EDIT_EVERY-th highlight gets a note from another device. */
const EDIT_EVERY = 4;
/** A text of a few paragraphs: the sample article's first ones (the articles are small on purpose). */
const ARTICLE_CHARACTERS = 1800;

const SAMPLE = new URL('../../assets/putin-obama-syria.txt', import.meta.url).pathname;
const id = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex')}`;

/** What the library must show: article id -> its highlights' ids (sorted), and each one's note. */
export interface ExpectedLibrary {
  articles: Record<string, string[]>;
  notes: Record<string, string>;
  highlights: number;
}

/** The devices of a fixture: the first is the one that opens it in the benchmark. */
export function fixtureDevices(count: number): DeviceId[] {
  return Array.from({ length: count }, () => newDeviceId());
}

/**
 * Writes `articles` articles into `dataDir`, with their highlights' records
 * spread over `devices` (round robin: highlight i is made by device i mod n,
 * edited by the next one and deleted by the one after). One device: the
 * same records, all its own. Returns what the library must then show.
 */
export async function writeSyncedLibrary(dataDir: string, articles: number, devices: readonly DeviceId[]): Promise<ExpectedLibrary> {
  const content = importContent('short.txt', Buffer.from(readFileSync(SAMPLE, 'utf8').slice(0, ARTICLE_CHARACTERS)));
  const text = articleText(documentFromJSON(content.document)).text;
  const hash = createHash('sha256').update(text).digest('hex');
  const expected: ExpectedLibrary = { articles: Object.create(null), notes: Object.create(null), highlights: 0 };
  let wall = Date.UTC(2026, 0, 1);
  const stampOf = (device: DeviceId) => {
    wall += 1;
    return { device, at: encodeHlc({ wall, counter: 0, device }), changedAt: new Date(wall).toISOString() };
  };
  for (let a = 0; a < articles; a++) {
    const articleId = id('a');
    const importedAt = new Date(wall).toISOString();
    const article: Article = {
      id: articleId,
      title: `${content.title} (${a + 1})`,
      source: { kind: 'file', name: `article-${a + 1}.txt` },
      importedAt,
      contentHash: hash,
      tags: [],
      document: content.document,
    };
    const snapshot: SyncRecord[] = [];
    const journals = new Map<DeviceId, string[]>(devices.map((d) => [d, []]));
    const write = (record: SyncRecord, folded: boolean) => (folded ? snapshot.push(record) : journals.get(record.device)!.push(recordLine(record)));
    const live: string[] = [];
    for (let i = 0; i < MADE_PER_ARTICLE; i++) {
      const maker = devices[i % devices.length]!;
      const highlight = highlightOn(articleId, text, i, importedAt);
      const made = creationRecord(highlight, stampOf(maker));
      write(made, i < IN_SNAPSHOT);
      if (i === MADE_PER_ARTICLE - 1) {
        write(deletionRecord(highlight, stampOf(devices[(i + 2) % devices.length]!)), false);
        continue;
      }
      let note = highlight.note;
      if (i % EDIT_EVERY === 0) {
        note = `Edited on another device: passage ${i} of article ${a + 1}.`;
        const edit = editRecord(highlight, { ...highlight, note }, stampOf(devices[(i + 1) % devices.length]!), { note: [made.at] });
        write(edit!, false);
      }
      live.push(highlight.id);
      expected.notes[highlight.id] = note;
    }
    const dir = join(dataDir, 'articles', articleId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'article.json'), JSON.stringify({ version: STORE_VERSION, article }));
    const merged = mergeRecords(snapshot);
    await writeFile(
      join(dir, 'highlights.json'),
      JSON.stringify({ version: SNAPSHOT_VERSION, articleId, generation: 0, highlights: merged.highlights.map((m) => m.highlight), records: snapshot }),
    );
    for (const [device, lines] of journals) if (lines.length) await writeFile(join(dir, journalName(device)), lines.join(''));
    expected.articles[articleId] = live.sort();
    expected.highlights += live.length;
  }
  return expected;
}

function highlightOn(articleId: string, text: string, i: number, at: string): Highlight {
  const start = (i * 131) % (text.length - 120);
  return {
    id: id('h'),
    articleId,
    target: describe(text, utf16(start), utf16(start + 20 + ((i * 37) % 90))),
    color: COLORS[i % COLORS.length]!,
    note: i % 3 === 0 ? '' : `A note on passage ${i}.`,
    tags: i % 5 === 0 ? ['syria', `topic-${i % 7}`] : [],
    createdAt: at,
    updatedAt: at,
  };
}
