import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { COLORS } from '../../shared/colors.js';
import type { Article, Highlight } from '../../shared/model.js';
import { clickPainted, paintedPassages, startReader, type ReaderSession } from './harness.js';

/**
 * How the reader paints highlights: through the CSS Custom Highlight API, so a
 * highlight adds no element to the article; as <mark> decorations where a
 * browser lacks the API; and a long list of highlights built in chunks.
 */
describe('painting highlights', () => {
  let session: ReaderSession;
  let articleId: string;
  let text: string;
  const MANY = 150;

  beforeAll(async () => {
    session = await startReader();
    await session.page.goto(session.url);
    await session.page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
    articleId = (await session.call<{ id: string }[]>('listArticles'))[0]!.id;
    text = await session.page.locator('.article').evaluate((article) => [...article.children].map((block) => block.textContent).join('\n'));
  });
  afterAll(() => session?.close());

  const wordAt = (offset: number) => {
    const start = text.lastIndexOf(' ', offset) + 1;
    const end = text.indexOf(' ', start + 1);
    return { start, end: end < 0 ? text.length : end };
  };

  it('paints overlapping highlights of one colour in two layers, and adds no element to the article', async () => {
    const { page, call } = session;
    const phrase = 'Secretary of State John Kerry';
    const at = text.indexOf(phrase);
    expect(at).toBeGreaterThan(0);
    await call('createHighlight', { articleId, start: at, end: at + 'Secretary of State'.length, color: 'yellow' });
    await call('createHighlight', { articleId, start: at + 'Secretary of '.length, end: at + phrase.length, color: 'yellow' });
    await page.reload();
    await expect
      .poll(async () => (await paintedPassages(page)).map((p) => [p.color, p.layer, p.text]))
      .toEqual([
        ['yellow', 0, 'Secretary of State'],
        ['yellow', 1, 'State John Kerry'],
      ]);
    expect(await page.locator('.article mark').count()).toBe(0);
  });

  it('shows the pointer over a painted passage and not beside it; a click there makes it active', async () => {
    const { page } = session;
    const [first] = await paintedPassages(page);
    const { x, y, width, height } = first!.box!;
    await page.mouse.move(x + width / 2, y + height / 2);
    await expect.poll(() => page.locator('.article').getAttribute('class')).toContain('over-highlight');
    await page.mouse.move(x + width / 2, y + height * 3);
    await expect.poll(() => page.locator('.article').getAttribute('class')).not.toContain('over-highlight');
    await clickPainted(page, 'Secretary of State');
    await expect.poll(() => page.locator('.article mark.hl-active').textContent()).toBe('Secretary of State');
    await page.keyboard.press('Escape');
  });

  it(`lists ${MANY} highlights in document order, all of them, and a click in the list leaves the list where it was`, async () => {
    const { page, call } = session;
    const made: Highlight[] = [];
    for (let i = 0; i < MANY; i++) {
      const { start, end } = wordAt(Math.floor(((i + 0.5) / MANY) * (text.length - 40)) + 20);
      made.push(await call<Highlight>('createHighlight', { articleId, start, end, color: (['green', 'blue', 'pink'] as const)[i % 3] }));
    }
    await page.reload();
    const items = page.locator('.highlight-list .highlight-item');
    await expect.poll(() => items.count()).toBe(MANY + 2);
    expect((await paintedPassages(page)).length).toBe(MANY + 2);
    const listed = await items.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-highlight-id')));
    const inDocumentOrder = [...made].sort((a, b) => a.target.position.start - b.target.position.start);
    expect(listed.filter((id) => made.some((h) => h.id === id))).toEqual(inDocumentOrder.map((h) => h.id));
    // Each is painted on its own words.
    const paintedTexts = (await paintedPassages(page)).filter((p) => p.color !== 'yellow').map((p) => p.text);
    // (The DOM has no line break between blocks: a passage across two reads as its words run together.)
    expect(paintedTexts).toEqual(inDocumentOrder.map((h) => h.target.quote.exact.replace(/\n/g, '')));

    const scroller = await page.locator('#highlight-list').evaluateHandle((list) => {
      let element: Element | null = list;
      while (element && !(element.scrollHeight > element.clientHeight && getComputedStyle(element).overflowY !== 'visible')) element = element.parentElement;
      return element!;
    });
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    // Where the last item sits on screen, once the list has settled (items off screen get their real heights late).
    const settled = async () => {
      const tops: number[] = [];
      for (;;) {
        tops.push((await items.last().boundingBox())!.y);
        if (tops.length > 1 && tops.at(-1) === tops.at(-2)) return tops.at(-1)!;
        await page.waitForTimeout(100);
      }
    };
    const before = await settled();
    await items.last().click();
    await expect.poll(() => items.last().getAttribute('aria-current')).toBe('true');
    expect(await settled()).toBe(before);
  });

  it('paints highlights inside lists, block quotes and tables, and one across list items, on their own words', async () => {
    const { page, call } = session;
    const markdown = [
      '# Field guide',
      '',
      'Birds seen at the estuary in March.',
      '',
      '- the curlew, calling at dusk',
      '- the redshank',
      '  1. nesting in the salt marsh',
      '  2. feeding on the mud flats',
      '',
      '> Every bird is a small weather report.',
      '>',
      '> — an old warden',
      '',
      '| bird | count |',
      '| --- | --- |',
      '| dunlin | 240 |',
      '| knot | 35 |',
      '',
      'The tide turned at *four* in the afternoon.',
    ].join('\n');
    const { summary } = await call<{ summary: { id: string } }>('importFile', { fileName: 'field-guide.md', dataBase64: Buffer.from(markdown).toString('base64') });
    const { article } = await call<{ article: Article }>('getArticle', { articleId: summary.id });
    const { text } = articleText(documentFromJSON(article.document));
    const passages = ['calling at dusk', 'salt marsh', 'small weather report', 'dunlin', 'turned at four', 'redshank\nnesting'];
    for (const [i, passage] of passages.entries()) {
      const start = text.indexOf(passage);
      expect(start, passage).toBeGreaterThan(0);
      await call('createHighlight', { articleId: summary.id, start, end: start + passage.length, color: COLORS[i % COLORS.length] });
    }
    await page.reload();
    await page.locator(`.library-item[data-article-id="${summary.id}"]`).click();
    await page.locator('.article-title', { hasText: 'Field guide' }).waitFor();
    expect(await page.locator('.article ul ol li').count()).toBe(2);
    expect(await page.locator('.article blockquote').count()).toBe(1);
    expect(await page.locator('.article table td').count()).toBe(4);
    const inOrder = [...passages].sort((a, b) => text.indexOf(a) - text.indexOf(b));
    await expect.poll(async () => (await paintedPassages(page)).map((p) => p.text)).toEqual(inOrder.map((p) => p.replace('\n', '')));
    expect((await paintedPassages(page)).find((p) => p.text === 'redshanknesting')?.paragraphs).toBe(2);
    await page.locator(`.library-item[data-article-id="${articleId}"]`).click();
    await page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
  });

  it('falls back to <mark> decorations where the browser has no CSS Custom Highlight API', async () => {
    const page = await session.context.newPage();
    await page.addInitScript(() => {
      delete (window as { Highlight?: unknown }).Highlight;
    });
    await page.goto(session.url);
    await expect.poll(() => page.locator('.article mark.hl[data-highlight-id]').evaluateAll((marks) => new Set(marks.map((m) => m.getAttribute('data-highlight-id'))).size)).toBe(MANY + 2);
    expect(await page.locator('.article mark.hl-painted').count()).toBe(0);
    const background = await page.locator('.article mark.hl-green').first().evaluate((mark) => getComputedStyle(mark).backgroundColor);
    expect(background).not.toBe('rgba(0, 0, 0, 0)');
    await page.locator('.article mark.hl-blue').first().click();
    await expect.poll(() => page.locator('.article mark.hl-active').count()).toBeGreaterThan(0);
    await page.close();
    expect(session.log.pageErrors.map(String)).toEqual([]);
  });

  it('reaches a highlight inside the active one by clicking its words, and the outer one beside them', async () => {
    const { page, call } = session;
    const guide = (await call<{ id: string; title: string }[]>('listArticles')).find((a) => a.title === 'Field guide')!;
    const { article } = await call<{ article: Article }>('getArticle', { articleId: guide.id });
    const { text: guideText } = articleText(documentFromJSON(article.document));
    const sentence = 'Birds seen at the estuary in March.';
    const at = guideText.indexOf(sentence);
    const outer = await call<Highlight>('createHighlight', { articleId: guide.id, start: at, end: at + sentence.length, color: 'blue' });
    const innerAt = at + sentence.indexOf('the estuary');
    const inner = await call<Highlight>('createHighlight', { articleId: guide.id, start: innerAt, end: innerAt + 'the estuary'.length, color: 'pink' });
    await page.reload();
    await page.locator(`.library-item[data-article-id="${guide.id}"]`).click();
    await page.locator('.article-title', { hasText: 'Field guide' }).waitFor();
    const active = page.locator('.article mark.hl-active');
    // The outer passage's first word (its middle is the inner highlight).
    const clickOuter = async () => {
      const box = (await paintedPassages(page)).find((p) => p.text === sentence)!.box!;
      await page.mouse.click(box.x + 8, box.y + box.height / 2);
    };
    await clickOuter();
    await expect.poll(() => active.first().getAttribute('data-highlight-id')).toBe(outer.id);
    // The outer highlight's <mark> is now the click's target: the inner one is still found under it.
    await clickPainted(page, 'the estuary');
    await expect.poll(() => active.first().getAttribute('data-highlight-id')).toBe(inner.id);
    await clickOuter();
    await expect.poll(() => active.first().getAttribute('data-highlight-id')).toBe(outer.id);
  });
});
