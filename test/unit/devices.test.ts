import { describe, expect, it } from 'vitest';
import { openTestLibrary } from '../support/library.js';
import { onCleanup, SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { codePoints } from '../../shared/offsets.js';
import { contract } from '../../shared/contract/index.js';
import { newDeviceId, type Device } from '../../main/core/sync/index.js';
import { coreHandlers, dispatch } from '../../main/core/index.js';
import { AllHighlights } from '../../main/core/all-highlights.js';
import { Store } from '../../main/core/store/index.js';
import type { Library } from '../../main/core/index.js';

const NOTICE_TIMEOUT_MS = 5000;
const device = (name: string): Device => ({ id: newDeviceId(), name });

/** Waits until `library` has noticed a change from outside (the feed's version moved past `since`). */
async function noticed(library: Library, since: number): Promise<number> {
  const answer = await library.waitForChanges(since, NOTICE_TIMEOUT_MS);
  expect(answer.articleIds.length).toBeGreaterThan(0);
  return answer.version;
}

const host = (library: Library) =>
  coreHandlers(library, {
    host: 'browser',
    version: 'test',
    saveMarkdownExport: async () => ({ status: 'cancelled' }),
    openLink: async () => false,
    chooseExportFolder: async () => null,
  });

describe('the devices that change a library', () => {
  it('lists this device first, then the devices seen, with when each last opened the library', async () => {
    const dataDir = await tempDir();
    const laptopDevice = device('Laptop');
    const laptop = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, device: laptopDevice });
    const [sample] = await laptop.listArticles();
    const { version } = await laptop.waitForChanges();
    const desktopDevice = device('Desktop');
    const desktop = await openTestLibrary({ dataDir, device: desktopDevice });
    await desktop.createHighlight({ articleId: sample!.id, start: codePoints(0), end: codePoints(5), color: 'yellow', note: 'desktop' });
    await noticed(laptop, version);

    const answer = contract.devices.response.parse(await laptop.devices());
    expect(answer.thisDevice).toEqual({ id: laptopDevice.id, name: 'Laptop' });
    expect(answer.devices[0]).toMatchObject({ id: laptopDevice.id, name: 'Laptop', thisDevice: true });
    const seen = answer.devices.find((d) => d.id === desktopDevice.id);
    expect(seen).toMatchObject({ name: 'Desktop', thisDevice: false });
    expect(Date.parse(seen!.lastSeenAt!)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('renames this device; the other device shows the new name on its changes in All highlights', async () => {
    const dataDir = await tempDir();
    const laptop = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, device: device('Laptop') });
    const [sample] = await laptop.listArticles();
    let { version } = await laptop.waitForChanges();
    const desktop = await openTestLibrary({ dataDir, device: device('Desktop') });
    const made = await desktop.createHighlight({ articleId: sample!.id, start: codePoints(0), end: codePoints(5), color: 'yellow' });
    version = await noticed(laptop, version);
    let rows = (await laptop.listHighlights({}, 0, 50)).rows;
    expect(rows.map((r) => [r.id, r.changedOn])).toEqual([[made.id, 'Desktop']]);

    const renamed = await dispatch(host(desktop), 'renameDevice', { name: '  Study   desktop ' });
    expect(renamed).toMatchObject({ ok: true, value: { name: 'Study desktop' } });
    await desktop.updateHighlight({ articleId: sample!.id, highlightId: made.id, color: 'green' });
    await noticed(laptop, version);
    rows = (await laptop.listHighlights({}, 0, 50)).rows;
    expect(rows.map((r) => [r.id, r.color, r.changedOn])).toEqual([[made.id, 'green', 'Study desktop']]);
    expect((await laptop.devices()).devices.map((d) => d.name)).toContain('Study desktop');
  });

  it('a blank or overlong name is refused with a message, and the name stays', async () => {
    const laptop = await openTestLibrary({ dataDir: await tempDir(), device: device('Laptop') });
    expect(await dispatch(host(laptop), 'renameDevice', { name: '   ' })).toEqual({ ok: false, error: { code: 'invalid-request', message: 'A device needs a name.' } });
    const long = await dispatch(host(laptop), 'renameDevice', { name: 'x'.repeat(201) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('at most 200 characters') } });
    expect((await laptop.devices()).thisDevice.name).toBe('Laptop');
  });

  it('a library only this device changed names no device on its rows', async () => {
    const laptop = await openTestLibrary({ dataDir: await tempDir(), defaultArticlePath: SAMPLE_ARTICLE, device: device('Laptop') });
    const [sample] = await laptop.listArticles();
    await laptop.createHighlight({ articleId: sample!.id, start: codePoints(0), end: codePoints(5), color: 'yellow' });
    const { rows } = await laptop.listHighlights({}, 0, 50);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.changedOn).toBeUndefined();
  });

  it("paging through All highlights reads each article's authors once, not once a page", async () => {
    const dataDir = await tempDir();
    const laptop = await openTestLibrary({ dataDir, defaultArticlePath: SAMPLE_ARTICLE, device: device('Laptop') });
    const [sample] = await laptop.listArticles();
    const desktopDevice = device('Desktop');
    const desktop = await openTestLibrary({ dataDir, device: desktopDevice });
    // 60 highlights, one on each of the sample's first 60 five-letter stretches that hold a letter.
    const text = await desktop.textOf(sample!.id);
    let made = 0;
    for (let start = 0; made < 60 && start + 5 < text.length; start += 7) {
      if (!/\p{L}/u.test(text.slice(start, start + 5))) continue;
      await desktop.createHighlight({ articleId: sample!.id, start: codePoints(start), end: codePoints(start + 5), color: 'purple' });
      made++;
    }
    await desktop.close();
    await laptop.close();

    const store = await Store.open(dataDir, { device: device('Laptop') });
    onCleanup(() => store.close());
    let asked = 0;
    const authors = store.highlightAuthors.bind(store);
    store.highlightAuthors = (articleId) => {
      asked++;
      return authors(articleId);
    };
    const list = new AllHighlights(store, async () => true);
    const rows = [];
    for (let offset = 0; offset < 60; offset += 10) rows.push(...(await list.page({}, offset, 10)).rows);
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.changedOn))).toEqual(new Set(['Desktop']));
    expect(asked).toBe(1);
  });
});
