import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../main/core/index.js';
import { Store } from '../../main/core/store/index.js';
import { Layout } from '../../main/core/store/layout.js';
import { newDeviceId, type Device } from '../../main/core/sync/index.js';
import { utf16 } from '../../shared/offsets.js';
import { corpus, onCleanup, tempDir } from '../support/temp.js';

/**
 * The store on a folder that a sync engine keeps in step with other
 * devices: each device writes only its own journal, and reads every
 * device's; conflict copies are merged then set aside; files not there yet
 * wait. The engine is played here by copying files between two folders
 * (test/unit/sync-two-libraries*.test.ts does it with real Syncthing).
 */
const laptop: Device = { id: newDeviceId(), name: 'Laptop' };
const desktop: Device = { id: newDeviceId(), name: 'Desktop' };
const SAMPLE = corpus('sample/putin-obama-syria.txt');

async function open(dataDir: string, device: Device): Promise<Library> {
  const library = await openLibrary({ dataDir, device });
  onCleanup(() => library.close());
  return library;
}

async function highlight(library: Library, articleId: string, quote: string, extra: { note?: string } = {}) {
  const index = await library.indexOf(articleId);
  const at = index.text.indexOf(quote);
  return library.createHighlight({ articleId, start: index.toCodePoint(utf16(at)), end: index.toCodePoint(utf16(at + quote.length)), color: 'yellow', ...extra });
}

/**
 * What a sync engine does from one device's folder to another's: a file the
 * other side lacks is copied; a device's journal goes from its own device to
 * the others; a shared file (the snapshot) changed on both sides is kept as
 * the receiver has it, with the sender's version beside it as a Syncthing
 * conflict copy.
 */
async function syncArticles(from: string, fromDevice: Device, to: string): Promise<void> {
  for (const id of await readdir(join(from, 'articles'))) {
    await mkdir(join(to, 'articles', id), { recursive: true });
    for (const name of await readdir(join(from, 'articles', id))) {
      const [source, target] = [join(from, 'articles', id, name), join(to, 'articles', id, name)];
      const sent = await readFile(source);
      const there = existsSync(target) ? await readFile(target) : null;
      if (there === null || name === `journal.${fromDevice.id}.jsonl`) await writeFile(target, sent);
      else if (name === 'highlights.json' && !there.equals(sent)) {
        await writeFile(join(to, 'articles', id, `highlights.sync-conflict-20261205-101500-${fromDevice.id.slice(2, 9).toUpperCase()}.json`), sent);
      }
    }
  }
  await cp(join(from, 'devices', fromDevice.id, 'device.json'), join(to, 'devices', fromDevice.id, 'device.json'), { force: true }).catch(() => {});
}

/** Two devices' folders, and the sample article imported on the laptop (not yet carried to the desktop). */
async function sampleOnLaptop() {
  const [left, right] = [await tempDir(), await tempDir()];
  const a = await open(left, laptop);
  const { summary } = await a.importFile({ fileName: 'sample.txt', bytes: await readFile(SAMPLE) });
  return { left, right, a, summary };
}

const view = async (library: Library, articleId: string) =>
  (await library.getArticle(articleId)).highlights.map((h) => ({ id: h.id, color: h.color, note: h.note, tags: h.tags })).sort((a, b) => a.id.localeCompare(b.id));

describe('one library kept in sync between two devices', () => {
  it('writes each device’s changes to its own journal only, and both read the same highlights', async () => {
    const dataDir = await tempDir();
    const a = await open(dataDir, laptop);
    const { summary } = await a.importFile({ fileName: 'sample.txt', bytes: await readFile(SAMPLE) });
    const h1 = await highlight(a, summary.id, 'Syria', { note: 'from the laptop' });
    // The desktop opens the same folder (as if the sync engine had brought every file at once).
    const b = await open(dataDir, desktop);
    await b.updateHighlight({ articleId: summary.id, highlightId: h1.id, color: 'green' });
    const h2 = await highlight(b, summary.id, 'Obama', { note: 'from the desktop' });
    await a.updateHighlight({ articleId: summary.id, highlightId: h2.id, note: 'the laptop answers' });

    const names = (await readdir(join(dataDir, 'articles', summary.id))).sort();
    expect(names).toEqual(['article.json', 'highlights.json', `journal.${desktop.id}.jsonl`, `journal.${laptop.id}.jsonl`].sort());
    const laptopLines = (await readFile(join(dataDir, 'articles', summary.id, `journal.${laptop.id}.jsonl`), 'utf8')).trim().split('\n');
    expect(laptopLines.map((line) => /"device":"(d-[a-z0-9]+)"/.exec(line)?.[1])).toEqual(laptopLines.map(() => laptop.id));
    expect(await view(a, summary.id)).toEqual(await view(b, summary.id));
    expect(await view(a, summary.id)).toEqual(
      [
        { id: h1.id, color: 'green', note: 'from the laptop', tags: [] },
        { id: h2.id, color: 'yellow', note: 'the laptop answers', tags: [] },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    // Who changed each highlight last, by name.
    const authors = await (await Store.open(dataDir, { device: laptop })).highlightAuthors(summary.id);
    expect(authors.get(h1.id)?.deviceName).toBe('Desktop');
    expect(authors.get(h2.id)?.deviceName).toBe('Laptop');
  });

  it('resolves a note changed on both devices while apart the same way on both, and keeps the other note as a conflict', async () => {
    const { left, right, a, summary } = await sampleOnLaptop();
    const h = await highlight(a, summary.id, 'Syria', { note: 'first' });
    await a.close();
    await syncArticles(left, laptop, right);
    const b = await open(right, desktop);
    // Apart: each device edits the same note, and the desktop also the colour.
    await a.updateHighlight({ articleId: summary.id, highlightId: h.id, note: 'laptop version' });
    await b.updateHighlight({ articleId: summary.id, highlightId: h.id, note: 'desktop version', color: 'blue' });
    await a.close();
    await b.close();
    await syncArticles(left, laptop, right);
    await syncArticles(right, desktop, left);
    const onLaptop = await view(await open(left, laptop), summary.id);
    const onDesktop = await view(await open(right, desktop), summary.id);
    expect(onLaptop).toEqual(onDesktop);
    expect(onLaptop[0]!.color).toBe('blue'); // a different field: both changes kept
    expect(['laptop version', 'desktop version']).toContain(onLaptop[0]!.note);
    // The reader sees the other note beside the one shown, on both devices, with where it was written.
    const shown = (await (await open(left, laptop)).getArticle(summary.id)).highlights[0]!;
    const loser = shown.note === 'laptop version' ? { note: 'desktop version', device: 'Desktop' } : { note: 'laptop version', device: 'Laptop' };
    expect(shown.noteConflicts).toEqual([{ ...loser, changedAt: expect.any(String) }]);
    expect((await (await open(right, desktop)).getArticle(summary.id)).highlights[0]!.noteConflicts).toEqual(shown.noteConflicts);
    // The note that lost is not lost: its record stays in the snapshot each device folds.
    const layout = new Layout(left, laptop.id);
    const reader = await open(left, laptop);
    await view(reader, summary.id);
    await reader.close(); // the conflict copy read is folded in, and set aside
    const folded = await readFile(layout.highlights(summary.id), 'utf8');
    expect(folded).toContain('laptop version');
    expect(folded).toContain('desktop version');
    // Writing the note again settles it on every device: keeping the one shown (the same text)…
    const settle = async (kept: string) => {
      const settled = await reader.updateHighlight({ articleId: summary.id, highlightId: h.id, note: kept });
      expect(settled.noteConflicts).toBeUndefined();
      await reader.close();
      await syncArticles(left, laptop, right);
      for (const [dir, device] of [[left, laptop], [right, desktop]] as const) {
        const [after] = (await (await open(dir, device)).getArticle(summary.id)).highlights;
        expect([device.name, after!.note, after!.noteConflicts]).toEqual([device.name, kept, undefined]);
      }
    };
    await settle(shown.note);
    // …or the other one, after a second pair of notes written apart.
    const [a2, b2] = [await open(left, laptop), await open(right, desktop)];
    await a2.updateHighlight({ articleId: summary.id, highlightId: h.id, note: 'laptop again' });
    await b2.updateHighlight({ articleId: summary.id, highlightId: h.id, note: 'desktop again' });
    await a2.close();
    await b2.close();
    await syncArticles(right, desktop, left);
    const [again] = (await reader.getArticle(summary.id)).highlights;
    expect([again!.note, ...(again!.noteConflicts ?? []).map((c) => c.note)].sort()).toEqual(['desktop again', 'laptop again']);
    await settle(again!.noteConflicts![0]!.note);
  });

  it('merges a conflict copy made by the sync engine record by record, then moves it to quarantine', async () => {
    const { left, right, a, summary } = await sampleOnLaptop();
    await a.close();
    await syncArticles(left, laptop, right);
    const b = await open(right, desktop);
    const fromA = await highlight(a, summary.id, 'Syria', { note: 'folded on the laptop' });
    const fromB = await highlight(b, summary.id, 'Obama', { note: 'folded on the desktop' });
    await a.close(); // each folds into its own highlights.json: the engine sees two versions of one file
    await b.close();
    // The engine keeps the laptop's as the file, and the desktop's as a Syncthing conflict copy; the journals were emptied by the folds.
    const folder = join(left, 'articles', summary.id);
    const copy = `highlights.sync-conflict-20261205-101500-${desktop.id.slice(2, 9).toUpperCase()}.json`;
    await cp(join(right, 'articles', summary.id, 'highlights.json'), join(folder, copy));
    const reopened = await open(left, laptop);
    expect((await view(reopened, summary.id)).map((h) => h.id).sort()).toEqual([fromA.id, fromB.id].sort());
    await reopened.close(); // the fold merges the copy into highlights.json and sets it aside
    expect((await readdir(folder)).filter((n) => n.includes('sync-conflict'))).toEqual([]);
    expect((await readdir(join(left, 'quarantine'))).some((n) => n.endsWith(copy))).toBe(true);
    const snapshot = JSON.parse(await readFile(join(folder, 'highlights.json'), 'utf8')) as { highlights: { id: string }[] };
    expect(snapshot.highlights.map((h) => h.id).sort()).toEqual([fromA.id, fromB.id].sort());
    expect((await view(await open(left, laptop), summary.id)).length).toBe(2);
  });

  it('merges a OneDrive copy (NAME-HOST.json) of the snapshot the same way', async () => {
    const { left, right, a, summary } = await sampleOnLaptop();
    await a.close();
    await syncArticles(left, laptop, right);
    const b = await open(right, desktop);
    const fromB = await highlight(b, summary.id, 'Obama', { note: 'only in the copy' });
    await b.close();
    const folder = join(left, 'articles', summary.id);
    await cp(join(right, 'articles', summary.id, 'highlights.json'), join(folder, 'highlights-DESKTOP-7.json'));
    const reader = await open(left, laptop);
    expect((await view(reader, summary.id)).map((h) => h.id)).toEqual([fromB.id]);
    await reader.close();
    expect((await readdir(folder)).filter((n) => n.includes('DESKTOP'))).toEqual([]);
    expect((await readdir(join(left, 'quarantine'))).some((n) => n.endsWith('highlights-DESKTOP-7.json'))).toBe(true);
  });

  it('reads a Dropbox conflicted copy of another device’s journal too', async () => {
    const dataDir = await tempDir();
    const a = await open(dataDir, laptop);
    const { summary } = await a.importFile({ fileName: 'sample.txt', bytes: await readFile(SAMPLE) });
    const b = await open(dataDir, desktop);
    const h = await highlight(b, summary.id, 'Syria');
    await b.close();
    const folder = join(dataDir, 'articles', summary.id);
    const journal = `journal.${desktop.id}.jsonl`;
    // Only the copy holds the desktop's record (as when the engine renamed its version aside).
    await rename(join(folder, journal), join(folder, `journal.${desktop.id} (Desktop's conflicted copy 2026-12-05).jsonl`));
    expect((await view(await open(dataDir, laptop), summary.id)).map((x) => x.id)).toEqual([h.id]);
  });

  it('waits for an article whose journal arrived before it, without listing, removing or repairing anything', async () => {
    const { left, right, a, summary } = await sampleOnLaptop();
    const h = await highlight(a, summary.id, 'Syria', { note: 'made before the article reached the desktop' });
    const b = await open(right, desktop);
    // Only the laptop's journal has arrived on the desktop.
    await mkdir(join(right, 'articles', summary.id), { recursive: true });
    await cp(join(left, 'articles', summary.id, `journal.${laptop.id}.jsonl`), join(right, 'articles', summary.id, `journal.${laptop.id}.jsonl`));
    expect((await b.listArticles()).map((x) => x.id)).not.toContain(summary.id);
    expect(existsSync(join(right, 'articles', summary.id, `journal.${laptop.id}.jsonl`))).toBe(true);
    expect(await b.recoveries()).toEqual([]);
    // Then the rest arrives: the highlight is there, nothing was repaired.
    await syncArticles(left, laptop, right);
    const changed = await (b as unknown as { store: Store }).store.noticeChanges();
    expect(changed).toContain(summary.id);
    expect((await view(b, summary.id)).map((x) => x.id)).toEqual([h.id]);
    expect(await b.recoveries()).toEqual([]);
  });

  it('skips a placeholder of a snapshot not downloaded yet (iCloud) instead of taking it for damage', async () => {
    const { left, right, a, summary } = await sampleOnLaptop();
    const h = await highlight(a, summary.id, 'Syria');
    await syncArticles(left, laptop, right);
    const folder = join(right, 'articles', summary.id);
    await rename(join(folder, 'highlights.json'), join(folder, '.highlights.json.icloud'));
    const b = await open(right, desktop);
    expect((await view(b, summary.id)).map((x) => x.id)).toEqual([h.id]); // from the laptop's journal
    expect(await b.recoveries()).toEqual([]);
    expect(existsSync(join(right, 'quarantine'))).toBe(false);
  });

  it('notices another device’s change while open, and tells who listens', async () => {
    const dataDir = await tempDir();
    const storeA = await Store.open(dataDir, { device: laptop });
    onCleanup(() => storeA.close());
    const a = await open(dataDir, laptop);
    const { summary } = await a.importFile({ fileName: 'sample.txt', bytes: await readFile(SAMPLE) });
    expect(await storeA.noticeChanges()).toContain(summary.id);
    expect(await storeA.noticeChanges()).toEqual([]); // nothing new: nothing to tell
    const heard: string[] = [];
    storeA.onEntryChanged((id) => heard.push(id));
    const b = await open(dataDir, desktop);
    await highlight(b, summary.id, 'Syria', { note: 'from the desktop' });
    expect(await storeA.noticeChanges()).toEqual([summary.id]);
    expect(heard).toContain(summary.id);
    expect((await storeA.listEntries()).find((e) => e.id === summary.id)?.highlightCount).toBe(1);
    // A change taken in by an index flush (which re-reads entries whose files changed) is still told, once.
    await highlight(b, summary.id, 'Obama');
    await storeA.flush();
    expect(await storeA.noticeChanges()).toEqual([summary.id]);
    expect(await storeA.noticeChanges()).toEqual([]);
    const devices = await storeA.devices();
    expect(devices.map((d) => [d.name, d.thisDevice])).toEqual([
      ['Laptop', true],
      ['Desktop', false],
    ]);
  });
});

describe('a device whose clock is wrong', () => {
  it('is named with how far ahead its clock is, from the dates of the changes it wrote; its change still orders after what it read', async () => {
    const dataDir = await tempDir();
    const a = await open(dataDir, laptop);
    const { summary } = await a.importFile({ fileName: 'sample.txt', bytes: await readFile(SAMPLE) });
    const h = await highlight(a, summary.id, 'Syria', { note: 'today' });
    // The desktop's clock is a day ahead: its library's clock says so.
    const dayAhead = new Date(Date.now() + 24 * 3600_000);
    const b = await openLibrary({ dataDir, device: desktop, now: () => dayAhead });
    onCleanup(() => b.close());
    await b.updateHighlight({ articleId: h.articleId, highlightId: h.id, note: 'tomorrow, by its clock' });
    // This device then writes the note again, having read the desktop's: its change is the later one, whatever the clocks.
    await a.updateHighlight({ articleId: h.articleId, highlightId: h.id, note: 'after reading it' });
    expect((await view(a, summary.id))[0]!.note).toBe('after reading it');
    const store = await Store.open(dataDir, { device: laptop });
    onCleanup(() => store.close());
    await store.readHighlights(summary.id);
    const seen = await store.devices();
    expect(seen.find((d) => d.id === desktop.id)?.clockAheadMs).toBeGreaterThan(23 * 3600_000);
    expect(seen.find((d) => d.id === laptop.id)?.clockAheadMs).toBeUndefined();
  });
});

describe('upgrading a library of the previous format (version 2)', () => {
  it('reads every highlight, note and tag of the fixture, in its snapshot and its journal, and folds them into version 3 without loss', async () => {
    const dataDir = await tempDir();
    await cp(new URL('../fixtures/store-v2', import.meta.url).pathname, dataDir, { recursive: true });
    const library = await open(dataDir, laptop);
    const putin = 'a-ait9rnmc7s0v4621';
    const note = 'a-zqntdcgmnccc5cf8';
    const expected = {
      [putin]: [
        { id: 'h-3f3e4ucv5bufiztm', color: 'green', note: 'the country at the centre', tags: ['places', 'edited-in-journal'] },
        { id: 'h-nwqesezruesylp0j', color: 'blue', note: 'edited before the fold', tags: [] },
        { id: 'h-t5agemkpxyh4e5ca', color: 'purple', note: 'in the journal only', tags: ['un'] },
      ],
      [note]: [{ id: 'h-dc7cgdgqyyfm2lhb', color: 'yellow', note: 'journal, second article', tags: [] }],
    };
    for (const [id, highlights] of Object.entries(expected)) expect(await view(library, id)).toEqual(highlights.sort((x, y) => x.id.localeCompare(y.id)));
    expect((await library.listArticles()).map((a) => [a.id, a.highlightCount]).sort()).toEqual([
      [putin, 3],
      [note, 1],
    ].sort());
    await library.close();
    const layout = new Layout(dataDir, laptop.id);
    for (const [id, highlights] of Object.entries(expected)) {
      const names = await readdir(layout.articleDir(id));
      expect(names).not.toContain('journal.jsonl'); // retired, not deleted:
      expect(existsSync(join(layout.backupsDir, id, 'journal.v2.jsonl'))).toBe(true);
      const file = JSON.parse(await readFile(layout.highlights(id), 'utf8')) as { version: number; records: unknown[]; highlights: { id: string }[] };
      expect(file.version).toBe(3);
      expect(file.highlights.map((h) => h.id).sort()).toEqual(highlights.map((h) => h.id).sort());
    }
    // What version 2 kept for the whole folder is now this device's.
    expect(existsSync(join(dataDir, 'library.json'))).toBe(false);
    expect(existsSync(join(layout.backupsDir, putin, 'highlights.0.json'))).toBe(true);
    const again = await open(dataDir, laptop);
    for (const [id, highlights] of Object.entries(expected)) expect(await view(again, id)).toEqual(highlights);
    // A second device opening the upgraded library sees the same.
    const other = await open(dataDir, desktop);
    for (const [id, highlights] of Object.entries(expected)) expect(await view(other, id)).toEqual(highlights);
  });

  it('upgrades the same version 2 files on two devices without duplicating a highlight', async () => {
    const [left, right] = [await tempDir(), await tempDir()];
    const fixture = new URL('../fixtures/store-v2', import.meta.url).pathname;
    await cp(fixture, left, { recursive: true });
    await cp(fixture, right, { recursive: true });
    const a = await open(left, laptop);
    const b = await open(right, desktop);
    await a.close();
    await b.close();
    // Both folded their own upgrade; the engine keeps one highlights.json and the other as a conflict copy.
    const id = 'a-ait9rnmc7s0v4621';
    await cp(join(right, 'articles', id, 'highlights.json'), join(left, 'articles', id, 'highlights (Desktop conflicted copy 2026-12-05).json'));
    await rm(join(left, 'devices', desktop.id), { recursive: true, force: true });
    const reread = await open(left, laptop);
    expect((await view(reread, id)).map((h) => h.id)).toEqual(['h-3f3e4ucv5bufiztm', 'h-nwqesezruesylp0j', 'h-t5agemkpxyh4e5ca']);
  });
});
