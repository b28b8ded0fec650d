import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openLibrary } from '../../main/core/index.js';
import { newDeviceId } from '../../main/core/sync/index.js';
import type { Highlight } from '../../shared/model.js';
import { closeReader, highlightQuote, ROOT, sampleArticleId, startReader, type ReaderSession } from './harness.js';

/** The bound for a change on disk to reach the screen: noticed (150 ms after the write, or the 2 s poll), then painted. */
const ON_SCREEN_TIMEOUT_MS = 10_000;

let reader: ReaderSession | undefined;
let elsewhere: string | undefined;
afterEach(async () => {
  const violations = reader?.log.cspViolations ?? [];
  if (reader) await closeReader(reader);
  if (elsewhere) await rm(elsewhere, { recursive: true, force: true });
  reader = elsewhere = undefined;
  expect(violations).toEqual([]);
});

describe('a note written on two devices at once', () => {
  test('shows the other device’s note beside the one shown, and keeping it settles the note here and on disk', async () => {
    reader = await startReader();
    const { page } = reader;
    const articleId = await sampleArticleId(reader);
    const h = await highlightQuote(reader, articleId, 'Obama', { color: 'yellow', note: 'first thought' });

    // The desktop has a copy of the library as it is now, and changes the note there, while this device does too.
    elsewhere = await mkdtemp(join(tmpdir(), 'marginalia-desktop-'));
    await cp(reader.dataDir, elsewhere, { recursive: true, filter: (src) => !src.includes(`${join(reader!.dataDir, 'devices')}`) });
    const desktopDevice = { id: newDeviceId(), name: 'Desktop' };
    const desktop = await openLibrary({ dataDir: elsewhere, device: desktopDevice });
    await desktop.updateHighlight({ articleId, highlightId: h.id, note: 'the **desktop**’s thought' });
    const journal = `journal.${desktopDevice.id}.jsonl`;
    // As the engine will carry it (closing would fold it into the desktop's snapshot and empty it).
    const carried = await readFile(join(elsewhere, 'articles', articleId, journal));
    await desktop.close();
    await reader.call('updateHighlight', { articleId, highlightId: h.id, note: 'this device’s thought' });

    await page.goto(reader.url);
    await page.waitForFunction(() => document.title.startsWith('Putin'));
    const card = page.locator(`.note-card[data-highlight-id="${h.id}"]`);
    await card.locator('.note-text').first().waitFor();
    expect(await card.locator('.note-conflicts').count()).toBe(0);

    // Then the sync engine brings the desktop's journal and name: the margin shows both notes, without a reload.
    await mkdir(join(reader.dataDir, 'devices', desktopDevice.id), { recursive: true });
    await cp(join(elsewhere, 'devices', desktopDevice.id, 'device.json'), join(reader.dataDir, 'devices', desktopDevice.id, 'device.json'));
    await writeFile(join(reader.dataDir, 'articles', articleId, journal), carried);
    await card.locator('.note-conflicts').waitFor({ timeout: ON_SCREEN_TIMEOUT_MS });
    const shown = await reader.call<{ highlights: Highlight[] }>('getArticle', { articleId });
    const [mine] = shown.highlights;
    const other = mine!.note === 'this device’s thought' ? 'the **desktop**’s thought' : 'this device’s thought';
    expect(mine!.noteConflicts?.map((c) => [c.note, c.device])).toEqual([[other, other.includes('desktop') ? 'Desktop' : (await reader.call<{ thisDevice: { name: string } }>('devices')).thisDevice.name]]);
    await expect.poll(() => card.locator('.note-conflict-label').textContent()).toMatch(/^Also written on .+, .+:$/);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ROOT, 'docs/screenshots/note-conflict.png') });

    // Keeping the other note: it is the note now, here and on disk, and no conflict is left.
    await card.getByRole('button', { name: 'Keep this note' }).click();
    await expect.poll(() => card.locator('.note-conflicts').count(), { timeout: ON_SCREEN_TIMEOUT_MS }).toBe(0);
    const after = await reader.call<{ highlights: Highlight[] }>('getArticle', { articleId });
    expect([after.highlights[0]!.note, after.highlights[0]!.noteConflicts]).toEqual([other, undefined]);
  });
});
