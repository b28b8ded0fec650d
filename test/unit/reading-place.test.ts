import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codePoints } from '../../shared/offsets.js';
import { openTestLibrary } from '../support/library.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';
import { layoutOf } from '../support/store-layout.js';

/** A library with the sample article imported from a file of its own (so that importing that file again makes a new version). */
async function readingLibrary() {
  const dataDir = await tempDir();
  const path = join(dataDir, 'putin.txt');
  const text = await readFile(SAMPLE_ARTICLE, 'utf8');
  await writeFile(path, text);
  let clock = Date.UTC(2026, 11, 1, 9);
  const now = () => new Date((clock += 60_000));
  const library = await openTestLibrary({ dataDir, now });
  const { summary } = await library.importFile({ fileName: 'putin.txt', bytes: Buffer.from(text), path });
  const articleText = await library.textOf(summary.id);
  /** The passage of these words, in code points of the article text. */
  const passageOf = (words: string) => {
    const at = articleText.indexOf(words);
    if (at < 0) throw new Error(`not in the sample: ${words}`);
    const start = [...articleText.slice(0, at)].length;
    return { start: codePoints(start), end: codePoints(start + [...words].length) };
  };
  return { dataDir, path, text, now, library, articleId: summary.id, passageOf };
}

describe('the reading place', () => {
  it('is kept across a restart, with when the article was read and how far through it the reader is', async () => {
    const { dataDir, now, library, articleId, passageOf } = await readingLibrary();
    expect((await library.openArticle(articleId)).place).toBeUndefined();
    const place = passageOf('The hard diplomacy on Syria');
    const { readAt } = await library.saveReading(articleId, place);
    await library.close();

    const reopened = await openTestLibrary({ dataDir, now });
    expect((await reopened.openArticle(articleId)).place).toEqual(place);
    const [summary] = await reopened.listArticles();
    expect(summary).toMatchObject({ readAt });
    expect(summary!.progress).toBeGreaterThan(0.05);
    expect(summary!.progress).toBeLessThan(0.95);
    // Opening it again without a place (the page not scrolled yet) keeps the place, and the time moves on.
    const later = await reopened.saveReading(articleId);
    expect(later.readAt > readAt).toBe(true);
    expect((await reopened.openArticle(articleId)).place).toEqual(place);
  });

  it('is found again in a new version of the article, moved with the text; a place whose words are gone opens at the top', async () => {
    const { path, text, library, articleId, passageOf } = await readingLibrary();
    const place = passageOf('The hard diplomacy on Syria');
    await library.saveReading(articleId, place);
    const added = 'A new paragraph the editors put at the top of the article, long enough to move everything after it.\n';
    const edited = text.replace(/\n/, `\n${added}`);
    await writeFile(path, edited);
    const again = await library.importFile({ fileName: 'putin.txt', bytes: Buffer.from(edited), path });
    expect(again.newVersion).toMatchObject({ version: 2 });
    const moved = (await library.openArticle(articleId)).place!;
    const newText = [...(await library.textOf(articleId))];
    expect(moved.start).toBeGreaterThan(place.start);
    expect(newText.slice(moved.start, moved.end).join('')).toBe('The hard diplomacy on Syria');

    const without = edited.replace(/[^\n]*The hard diplomacy on Syria[^\n]*\n/, '');
    await writeFile(path, without);
    await library.importFile({ fileName: 'putin.txt', bytes: Buffer.from(without), path });
    expect((await library.openArticle(articleId)).place).toBeUndefined();
  });

  it('a damaged reading.json goes to quarantine and is reported; the library opens, every article at the top', async () => {
    const { dataDir, now, library, articleId, passageOf } = await readingLibrary();
    await library.saveReading(articleId, passageOf('The hard diplomacy on Syria'));
    await library.close();
    await writeFile(join(layoutOf(dataDir).deviceDir, 'reading.json'), '{"version":1,"articles":{"a-xx');

    const reopened = await openTestLibrary({ dataDir, now });
    expect((await reopened.openArticle(articleId)).place).toBeUndefined();
    const [recovery] = await reopened.recoveries();
    expect(recovery).toMatchObject({ file: join(layoutOf(dataDir).deviceDir, 'reading.json'), reason: expect.stringMatching(/^not JSON/) });
    expect(existsSync(recovery!.quarantinedTo!)).toBe(true);
    expect((await readdir(join(dataDir, 'quarantine'))).some((name) => name.endsWith('reading.json'))).toBe(true);
    // Reading again records afresh.
    await reopened.saveReading(articleId, passageOf('The hard diplomacy on Syria'));
    expect((await reopened.openArticle(articleId)).place).toEqual(passageOf('The hard diplomacy on Syria'));
  });

  it('refuses a place outside the article, and an article that is not in the library, recording nothing', async () => {
    const { library, articleId } = await readingLibrary();
    const length = [...(await library.textOf(articleId))].length;
    await expect(library.saveReading(articleId, { start: codePoints(length), end: codePoints(length + 5) })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(library.saveReading('a-doesnotexist0', { start: codePoints(0), end: codePoints(5) })).rejects.toMatchObject({ code: 'not-found' });
    expect((await library.listArticles())[0]!.readAt).toBeUndefined();
  });
});
