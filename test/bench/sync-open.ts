/**
 * The child of bench:sync's open cost: in a fresh process (nothing cached),
 * times `Store.open` + `listEntries()` on a library as the given device,
 * then (with an expected-library file) reads every article's highlights
 * and counts those lost and duplicated. Prints one JSON line.
 *
 *   node --import tsx test/bench/sync-open.ts DATA_DIR DEVICE_ID [EXPECTED.json]
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Store } from '../../main/core/store/index.js';
import type { DeviceId } from '../../main/core/sync/index.js';
import type { ExpectedLibrary } from './sync-fixture.js';

const [dataDir, deviceId, expectedPath] = process.argv.slice(2);
const started = performance.now();
const store = await Store.open(dataDir!, { device: { id: deviceId as DeviceId, name: 'Bench' } });
const entries = await store.listEntries();
const ms = performance.now() - started;
const listed = entries.reduce((n, e) => n + e.highlightCount, 0);
const answer: Record<string, number> = { ms, articles: entries.length, highlights: listed, unavailable: entries.filter((e) => e.unavailable !== undefined).length };

if (expectedPath) {
  const expected = JSON.parse(await readFile(expectedPath, 'utf8')) as ExpectedLibrary;
  let lost = 0;
  let duplicated = 0;
  let wrongNotes = 0;
  let revived = 0;
  for (const [articleId, ids] of Object.entries(expected.articles)) {
    const highlights = (await store.readHighlights(articleId)).highlights;
    const seen = new Map<string, number>();
    for (const h of highlights) {
      seen.set(h.id, (seen.get(h.id) ?? 0) + 1);
      if (expected.notes[h.id] !== undefined && expected.notes[h.id] !== h.note) wrongNotes++;
    }
    for (const id of ids) if (!seen.has(id)) lost++;
    for (const [id, times] of seen) {
      if (ids.includes(id)) duplicated += times - 1;
      else revived += times; // a deleted highlight shown again
    }
  }
  Object.assign(answer, { lost, duplicated, wrongNotes, revived });
}
await store.close();
console.log(JSON.stringify(answer));
