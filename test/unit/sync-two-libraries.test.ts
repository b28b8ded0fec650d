import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Highlight } from '../../shared/model.js';
import { syncthingVersion } from '../support/syncthing.js';
import { SyncedLibraries, acknowledged, filesUnder, type LibraryDevice } from '../support/syncthing-libraries.js';
import { killWriterAfter } from '../support/syncthing-writer.js';
import { corpus } from '../support/temp.js';

// Issue 17: one library folder kept in sync by real Syncthing between two devices on 127.0.0.1,
// each side a Marginalia library used through the CLI as its own device.
const version = syncthingVersion();
if (!version) console.warn('sync-two-libraries.test.ts: skipped, the `syncthing` binary is not on PATH (.ci/run installs the Debian package `syncthing`)');

/** A step takes seconds here; the margin is for a full `npm test` sharing two cores. */
const STEP_TIMEOUT_MS = 120_000;
/** Acknowledged changes the killed writer makes before its SIGKILL. */
const WRITES_BEFORE_KILL = 25;

/** What a highlight should be, as far as this test's changes go. */
type Expected = Pick<Highlight, 'color' | 'note' | 'tags'>;
const expectedOf = (h: Highlight): Expected => ({ color: h.color, note: h.note, tags: h.tags });

/** Passages of the sample article (corpus/sample/putin-obama-syria.txt). */
const QUOTES = {
  candid: 'the President described it as “candid” and “blunt”',
  kerry: 'Secretary of State John Kerry',
  summit: 'Group of 20 summit in Hangzhou',
  lavrov: 'Sergey Lavrov',
  norms: 'cybersecurity norms',
};

/**
 * Syncthing's name for a conflict copy of an article's snapshot (`highlights.json`, the file every
 * device folds into): date, time and the losing device's short id.
 */
const SNAPSHOT_CONFLICT = /^highlights\.sync-conflict-(\d{8})-(\d{6})-([A-Z0-9]{7})\.json$/;

describe.skipIf(!version)(`two libraries synced by real Syncthing (${version ?? 'absent'}), each its own device`, () => {
  let synced: SyncedLibraries;
  let a: LibraryDevice;
  let b: LibraryDevice;
  let articleId: string;
  /** Every acknowledged change, folded: highlight id -> what both sides must show. */
  const expected = new Map<string, Expected>();
  const ids: Record<string, string> = {};
  /** The conflict copies of the article's snapshot Syncthing made when the link came back. */
  const snapshotConflicts: string[] = [];
  const conflictCopies = async (device: LibraryDevice) => (await readdir(join(device.dataDir, 'articles', articleId))).filter((n) => SNAPSHOT_CONFLICT.test(n));

  /**
   * Both sides list the article's highlights, one after the other with a sync in between (a run
   * may fold the journals into the snapshot; two at once would only make another conflict copy).
   * The lists must be the same, with no id twice.
   */
  async function bothSidesList(article = articleId): Promise<Highlight[]> {
    const onA = await a.highlights(article);
    await synced.settle();
    const onB = await b.highlights(article);
    await synced.settle();
    expect(new Set(onA.map((h) => h.id)).size, 'a highlight listed twice on A').toBe(onA.length);
    expect(onB, 'B lists other highlights than A').toEqual(onA);
    return onA;
  }

  function expectAcknowledged(listed: Highlight[]) {
    expect(new Map(listed.map((h) => [h.id, expectedOf(h)]))).toEqual(expected);
  }

  beforeAll(async () => {
    synced = await SyncedLibraries.start(2);
    [a, b] = [synced.device('A'), synced.device('B')];
    articleId = await acknowledged(a.cli('import', corpus('sample/putin-obama-syria.txt')), 'A imports the sample');
    await synced.settle();
  }, STEP_TIMEOUT_MS);

  afterAll(async () => {
    await synced?.stop();
  });

  it('each device is a device of its own, its id kept outside the library; the article arrived on B', async () => {
    const [onA, onB] = await Promise.all([a.cli('list', '--json'), b.cli('list', '--json')]);
    expect(JSON.parse(onB.stdout)).toMatchObject([{ id: articleId, title: 'Putin Says He And Obama Took Step Forward On Syria' }]);
    expect(JSON.parse(onA.stdout)).toMatchObject([{ id: articleId }]);
    // Each CLI made its identity in its own device file, outside the synced folder: two different ids.
    const idOf = async (device: LibraryDevice) => (JSON.parse(await readFile(device.deviceFile, 'utf8')) as { id: string }).id;
    const [idA, idB] = [await idOf(a), await idOf(b)];
    expect(idA).toMatch(/^d-[a-z0-9]{12}$/);
    expect(idB).not.toBe(idA);
    // Once synced, each side's library knows both devices (each announces itself in devices/<its id>/).
    await synced.settle();
    for (const device of [a, b]) {
      const files = await filesUnder(device.dataDir);
      expect(files, device.name).toContain(`articles/${articleId}/article.json`);
      expect(files.filter((f) => f.startsWith(`devices/${idA}/`) && f.endsWith('device.json')), `${device.name} knows A`).toHaveLength(1);
      expect(files.filter((f) => f.startsWith(`devices/${idB}/`) && f.endsWith('device.json')), `${device.name} knows B`).toHaveLength(1);
    }
  }, STEP_TIMEOUT_MS);

  it('while connected, both add, edit (note, colour, tags) and delete highlights on the same article: both list the same, every change there', async () => {
    // Both at once: A adds two highlights while B adds one.
    await Promise.all([
      (async () => {
        ids.candid = await acknowledged(a.cli('highlight', articleId, '--quote', QUOTES.candid, '--note', 'from A'), 'A highlights');
        ids.kerry = await acknowledged(a.cli('highlight', articleId, '--quote', QUOTES.kerry, '--color', 'green'), 'A highlights');
      })(),
      (async () => {
        ids.summit = await acknowledged(b.cli('highlight', articleId, '--quote', QUOTES.summit, '--tag', 'from-b'), 'B highlights');
      })(),
    ]);
    expected.set(ids.candid!, { color: 'yellow', note: 'from A', tags: [] });
    expected.set(ids.kerry!, { color: 'green', note: '', tags: [] });
    expected.set(ids.summit!, { color: 'yellow', note: '', tags: ['from-b'] });
    await synced.settle();

    // Each edits the other's highlights, at the same time, different fields.
    await Promise.all([
      (async () => {
        await acknowledged(a.cli('color', ids.summit!, 'purple'), 'A colours B’s highlight');
        await acknowledged(a.cli('note', ids.kerry!, 'Kerry pushed for the deal'), 'A notes');
      })(),
      (async () => {
        await acknowledged(b.cli('note', ids.candid!, 'B read A’s highlight'), 'B notes A’s highlight');
        await acknowledged(b.cli('set-tags', ids.candid!, '--tag', 'diplomacy', '--tag', 'russia/putin'), 'B tags A’s highlight');
      })(),
    ]);
    expected.set(ids.summit!, { ...expected.get(ids.summit!)!, color: 'purple' });
    expected.set(ids.kerry!, { ...expected.get(ids.kerry!)!, note: 'Kerry pushed for the deal' });
    expected.set(ids.candid!, { color: 'yellow', note: 'B read A’s highlight', tags: ['diplomacy', 'russia/putin'] });
    await synced.settle();

    // B deletes a highlight A made.
    await acknowledged(b.cli('unhighlight', ids.kerry!), 'B deletes A’s highlight');
    expected.delete(ids.kerry!);
    await synced.settle();

    expectAcknowledged(await bothSidesList());
  }, STEP_TIMEOUT_MS);

  it('while the link is cut both keep changing; reconnected, both list the same, and the note changed on both sides resolves the same way', async () => {
    await synced.cut(a, b);
    await Promise.all([
      (async () => {
        ids.lavrov = await acknowledged(a.cli('highlight', articleId, '--quote', QUOTES.lavrov, '--color', 'blue'), 'A highlights while cut');
        await acknowledged(a.cli('note', ids.candid!, 'A rewrote this while cut off'), 'A notes while cut');
        await acknowledged(a.cli('color', ids.candid!, 'pink'), 'A colours while cut');
        await acknowledged(a.cli('unhighlight', ids.summit!), 'A deletes B’s highlight while cut');
      })(),
      (async () => {
        ids.norms = await acknowledged(b.cli('highlight', articleId, '--quote', QUOTES.norms, '--note', 'B, offline'), 'B highlights while cut');
        await acknowledged(b.cli('note', ids.candid!, 'B rewrote this while cut off'), 'B notes while cut');
        await acknowledged(b.cli('set-tags', ids.candid!, '--tag', 'cut-off'), 'B tags while cut');
      })(),
    ]);
    expected.set(ids.lavrov!, { color: 'blue', note: '', tags: [] });
    expected.set(ids.norms!, { color: 'yellow', note: 'B, offline', tags: [] });
    expected.delete(ids.summit!);

    // Each side sees only its own changes until the link is back.
    expect((await a.highlights(articleId)).map((h) => h.id)).not.toContain(ids.norms);
    expect((await b.highlights(articleId)).map((h) => h.id)).not.toContain(ids.lavrov);

    await synced.reconnect(a, b);
    await synced.settle();
    // Both sides rewrote highlights.json while cut (each run folds its journal when it closes): the engine kept both.
    const [copiesOnA, copiesOnB] = await Promise.all([conflictCopies(a), conflictCopies(b)]);
    snapshotConflicts.push(...new Set([...copiesOnA, ...copiesOnB]));
    expect(snapshotConflicts, 'Syncthing made no conflict copy of the snapshot').not.toEqual([]);

    const listed = await bothSidesList();
    // Different fields of one highlight: both kept. The same field: one of the two notes on both sides, the other kept as a conflict.
    const candid = listed.find((h) => h.id === ids.candid)!;
    expect(candid).toMatchObject({ color: 'pink', tags: ['cut-off'] });
    const notes = ['A rewrote this while cut off', 'B rewrote this while cut off'];
    expect(notes).toContain(candid.note);
    expected.set(ids.candid!, { color: 'pink', note: candid.note, tags: ['cut-off'] });
    expectAcknowledged(listed);
    // The losing note is not thrown away: its record stays in the article's snapshot on both sides.
    const loser = notes.find((n) => n !== candid.note)!;
    for (const device of [a, b]) {
      const snapshot = await readFile(join(device.dataDir, 'articles', articleId, 'highlights.json'), 'utf8');
      expect(snapshot, `${device.name}: the losing note's record in highlights.json`).toContain(JSON.stringify(loser));
    }
  }, STEP_TIMEOUT_MS);

  it('the conflict copy Syncthing made of the snapshot was merged, then moved to quarantine/ (not deleted), no highlight lost', async () => {
    for (const name of snapshotConflicts) {
      // Named after the device whose change lost, by the first 7 characters of its Syncthing id.
      expect([a.syncthing.deviceId.slice(0, 7), b.syncthing.deviceId.slice(0, 7)]).toContain(SNAPSHOT_CONFLICT.exec(name)![3]);
    }
    // Since then, each side has run once (bothSidesList): each copy was merged (the last test's lists hold
    // both sides' changes) and moved out of the article folder into quarantine/, on both sides.
    for (const device of [a, b]) {
      expect(await conflictCopies(device), `${device.name}: a conflict copy left beside the snapshot`).toEqual([]);
      const quarantined = (await filesUnder(join(device.dataDir, 'quarantine'))).map((f) => f.split('/').pop()!);
      for (const name of snapshotConflicts) {
        expect(quarantined.filter((q) => q.includes(name.replace(/\.json$/, ''))), `${device.name}: ${name} in quarantine/ (${quarantined.join(', ')})`).toHaveLength(1);
      }
    }
    expectAcknowledged(await bothSidesList());
  }, STEP_TIMEOUT_MS);

  it('a device killed with SIGKILL in the middle of its writes while syncing loses nothing it acknowledged, on either side', async () => {
    const second = await acknowledged(a.cli('import', corpus('readability/test-pages/wikipedia/source.html')), 'A imports a second article');
    await synced.settle();
    // A writes (adds, edits, deletes) as fast as it can while Syncthing carries its journal to B, and B adds too.
    const [writer, fromB] = await Promise.all([
      killWriterAfter(WRITES_BEFORE_KILL, { dataDir: a.dataDir, articleId: second, deviceFile: a.deviceFile }),
      (async () => {
        const text = (await acknowledged(b.cli('text', second, '--body'), 'B reads the article')).split('\n').filter((l) => l.length > 80);
        const made: string[] = [];
        for (const line of text.slice(0, 2)) made.push(await acknowledged(b.cli('highlight', second, '--quote', line.slice(0, 40), '--note', 'B, during the writes'), 'B highlights'));
        return made;
      })(),
    ]);
    expect(writer.acknowledged.size + writer.deleted.size).toBeGreaterThanOrEqual(WRITES_BEFORE_KILL / 2);

    await synced.settle();
    // The killed device starts again (a run that reads its own torn journal), then both sides settle.
    await a.highlights(second);
    await synced.settle();
    const listed = await bothSidesList(second);
    const byId = new Map(listed.map((h) => [h.id, h]));
    const lost: string[] = [];
    for (const [id, note] of writer.acknowledged) {
      const found = byId.get(id);
      if (writer.inFlight?.id === id && (writer.inFlight.op === 'delete' ? !found : found?.note === writer.inFlight.note)) continue;
      if (found?.note !== note) lost.push(`${id}: "${note}" acknowledged, found ${found ? `"${found.note}"` : 'nothing'}`);
    }
    for (const id of writer.deleted) if (byId.has(id) && writer.inFlight?.id !== id) lost.push(`${id}: deleted, still listed`);
    for (const id of fromB) if (byId.get(id)?.note !== 'B, during the writes') lost.push(`${id}: B's highlight missing`);
    expect(lost, 'acknowledged changes missing after the kill').toEqual([]);
    // Nothing appears that nobody wrote (an add killed before its acknowledgement may be there, whole).
    const unexpected = listed.filter((h) => !writer.acknowledged.has(h.id) && !fromB.includes(h.id) && !(writer.inFlight?.op === 'add' && h.note === writer.inFlight.note));
    expect(unexpected.map((h) => h.id)).toEqual([]);
  }, STEP_TIMEOUT_MS);
});
