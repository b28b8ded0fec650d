import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { openLibrary } from '../../main/core/index.js';
import { openTestLibrary } from '../support/library.js';
import { corpus, tempDir } from '../support/temp.js';
import { layoutOf } from '../support/store-layout.js';
import { ENTRY_VERSION } from '../../main/core/store/files.js';

const ACLU = 'readability/test-pages/aclu/source.html';

describe('the library list', () => {
  it("says who wrote an article, on which site and when, as the page's metadata gives them", async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'aclu.html', bytes: await readFile(corpus(ACLU)) });
    const expected = { byline: 'Daniel Kahn Gillmor', siteName: 'American Civil Liberties Union', published: expect.stringMatching(/^2018-04-05/) };
    expect(summary).toMatchObject(expected);
    expect((await library.listArticles())[0]).toMatchObject(expected);
  });

  it('counts each article\'s highlights by tag, by colour, those with a note and the orphaned ones, for the library filters', async () => {
    const library = await openTestLibrary({ dataDir: await tempDir() });
    const { summary } = await library.importFile({ fileName: 'aclu.html', bytes: await readFile(corpus(ACLU)) });
    const at = (n: number) => n as never;
    await library.createHighlight({ articleId: summary.id, start: at(10), end: at(30), color: 'yellow', note: 'why', tags: ['privacy', 'constructor'] });
    await library.createHighlight({ articleId: summary.id, start: at(40), end: at(60), color: 'blue', tags: ['privacy/tracking'] });
    const [listed] = await library.listArticles();
    expect({ ...listed!.highlightTags }).toEqual({ privacy: 1, constructor: 1, 'privacy/tracking': 1 });
    expect(listed).toMatchObject({ notedCount: 1, orphanedCount: 0, highlightCount: 2, highlightColors: { yellow: 1, blue: 1 } });
  });

  it('fills in the site and date of an index entry written before the list showed them, once, from its article', async () => {
    const dataDir = await tempDir();
    const first = await openLibrary({ dataDir });
    await first.importFile({ fileName: 'aclu.html', bytes: await readFile(corpus(ACLU)) });
    await first.close();
    // The index as the previous build wrote it: no site, no date, no entry version.
    const indexPath = layoutOf(dataDir).index;
    const index = JSON.parse(await readFile(indexPath, 'utf8')) as { articles: Record<string, unknown>[] };
    for (const entry of index.articles) {
      delete entry.siteName;
      delete entry.published;
      delete entry.entryVersion;
    }
    await writeFile(indexPath, JSON.stringify(index));

    const library = await openTestLibrary({ dataDir });
    expect((await library.listArticles())[0]).toMatchObject({ siteName: 'American Civil Liberties Union', published: expect.stringMatching(/^2018-04-05/) });
    expect(await library.recoveries()).toEqual([]);
    await library.close();
    const rewritten = JSON.parse(await readFile(indexPath, 'utf8')) as { articles: Record<string, unknown>[] };
    expect(rewritten.articles[0]).toMatchObject({ siteName: 'American Civil Liberties Union', entryVersion: ENTRY_VERSION });
  });
});
