import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { COLORS } from '../../shared/colors.js';
import type { Article, Highlight } from '../../shared/model.js';
import { clickPainted, paintedPassages, startReader, type ReaderSession } from './harness.js';
import { toBase64Pieces } from '../../shared/contract/import-request.js';

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

  /** Each test has a reader of its own, over a fresh library holding only the sample article, open. */
  beforeEach(async () => {
    session = await startReader();
    await session.page.goto(session.url);
    await session.page.locator('.article-title', { hasText: 'Putin Says' }).waitFor();
    articleId = (await session.call<{ id: string }[]>('listArticles'))[0]!.id;
    text = await session.page.locator('.article').evaluate((article) => [...article.children].map((block) => block.textContent).join('\n'));
  });
  afterEach(() => session?.close());

  const wordAt = (offset: number) => {
    const start = text.lastIndexOf(' ', offset) + 1;
    const end = text.indexOf(' ', start + 1);
    return { start, end: end < 0 ? text.length : end };
  };

  /** Two yellow highlights of the sample article, overlapping on "State": 'Secretary of State' and 'State John Kerry'. */
  const PHRASE = 'Secretary of State John Kerry';
  const overlappingYellow = async () => {
    const at = text.indexOf(PHRASE);
    expect(at).toBeGreaterThan(0);
    await session.call('createHighlight', { articleId, start: at, end: at + 'Secretary of State'.length, color: 'yellow' });
    await session.call('createHighlight', { articleId, start: at + 'Secretary of '.length, end: at + PHRASE.length, color: 'yellow' });
  };

  /** MANY one-word highlights in green, blue and pink, spread over the sample article. */
  const manyHighlights = async () => {
    const made: Highlight[] = [];
    for (let i = 0; i < MANY; i++) {
      const { start, end } = wordAt(Math.floor(((i + 0.5) / MANY) * (text.length - 40)) + 20);
      made.push(await session.call<Highlight>('createHighlight', { articleId, start, end, color: (['green', 'blue', 'pink'] as const)[i % 3] }));
    }
    return made;
  };

  /** A Markdown field guide with lists, a block quote and a table, imported through the contract. */
  const importFieldGuide = async () => {
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
    const { summary } = await session.call<{ summary: { id: string } }>('importFile', { fileName: 'field-guide.md', dataBase64: toBase64Pieces(Buffer.from(markdown)) });
    const { article } = await session.call<{ article: Article }>('getArticle', { articleId: summary.id });
    return { id: summary.id, text: articleText(documentFromJSON(article.document)).text };
  };

  it('paints overlapping highlights of one colour in two layers, and adds no element to the article', async () => {
    const { page } = session;
    await overlappingYellow();
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
    await overlappingYellow();
    await page.reload();
    await expect.poll(async () => (await paintedPassages(page)).length).toBe(2);
    const [first] = await paintedPassages(page);
    const { x, y, width, height } = first!.box!;
    // The cursor the reader sees at a point: the computed cursor of the element there.
    const cursorAt = (px: number, py: number) => page.evaluate(([px, py]) => getComputedStyle(document.elementFromPoint(px!, py!)!).cursor, [px, py]);
    await page.mouse.move(x + width / 2, y + height / 2);
    await expect.poll(() => cursorAt(x + width / 2, y + height / 2)).toBe('pointer');
    await page.mouse.move(x + width / 2, y + height * 3);
    await expect.poll(() => cursorAt(x + width / 2, y + height * 3)).not.toBe('pointer');
    await clickPainted(page, 'Secretary of State');
    await expect.poll(() => page.locator('.article mark.hl-active').textContent()).toBe('Secretary of State');
    await page.keyboard.press('Escape');
  });

  it(`lists ${MANY} highlights in document order, windowed, reachable by scrolling and by keys; a click in the list leaves it where it was`, async () => {
    const { page } = session;
    await overlappingYellow();
    const made = await manyHighlights();
    await page.reload();
    const rows = page.locator('.highlight-list.windowed > li');
    await expect.poll(() => rows.first().getAttribute('aria-setsize')).toBe(String(MANY + 2));
    expect((await paintedPassages(page)).length).toBe(MANY + 2);
    // Windowed: only the rows near the visible part of the list exist.
    expect(await rows.count()).toBeLessThan(MANY / 2);
    // Scrolled through from top to bottom, the list shows every highlight once, in document order.
    const listed = await page.locator('#highlight-list').evaluate(async (scroller) => {
      const byPosition = new Map<number, string>();
      for (let top = 0; ; top += scroller.clientHeight / 2) {
        scroller.scrollTop = top;
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        for (const row of scroller.querySelectorAll('.highlight-list.windowed > li')) {
          byPosition.set(Number(row.getAttribute('aria-posinset')), row.querySelector('.highlight-item')!.getAttribute('data-highlight-id')!);
        }
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
      }
      return [...byPosition].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
    });
    expect(listed).toHaveLength(MANY + 2);
    const inDocumentOrder = [...made].sort((a, b) => a.target.position.start - b.target.position.start);
    expect(listed.filter((id) => made.some((h) => h.id === id))).toEqual(inDocumentOrder.map((h) => h.id));
    // Each is painted on its own words.
    const paintedTexts = (await paintedPassages(page)).filter((p) => p.color !== 'yellow').map((p) => p.text);
    // (The DOM has no line break between blocks: a passage across two reads as its words run together.)
    expect(paintedTexts).toEqual(inDocumentOrder.map((h) => h.target.quote.exact.replace(/\n/g, '')));

    // By keys: one Tab stop; End goes to the last row (built on the way), ArrowUp to the one before.
    await page.locator('#highlight-list').evaluate((scroller) => (scroller.scrollTop = 0));
    await page.locator('.highlight-list.windowed .highlight-item[tabindex="0"]').focus();
    expect(await page.locator('.highlight-list.windowed .highlight-item[tabindex="0"]').count()).toBe(1);
    const focusedPosition = () => page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('aria-posinset'));
    await page.keyboard.press('End');
    expect(await focusedPosition()).toBe(String(MANY + 2));
    await page.keyboard.press('ArrowUp');
    expect(await focusedPosition()).toBe(String(MANY + 1));
    await page.keyboard.press('Home');
    expect(await focusedPosition()).toBe('1');

    // A click on the last row: it becomes current, and the list does not move under the pointer.
    const scroller = page.locator('#highlight-list');
    await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    const last = page.locator(`.highlight-item[data-highlight-id="${listed.at(-1)}"]`);
    const before = { top: await scroller.evaluate((element) => element.scrollTop), y: (await last.boundingBox())!.y };
    await last.click();
    await expect.poll(() => last.getAttribute('aria-current')).toBe('true');
    expect({ top: await scroller.evaluate((element) => element.scrollTop), y: (await last.boundingBox())!.y }).toEqual(before);
  });

  it('paints highlights inside lists, block quotes and tables, and one across list items, on their own words', async () => {
    const { page, call } = session;
    const { id: guideId, text } = await importFieldGuide();
    const passages = ['calling at dusk', 'salt marsh', 'small weather report', 'dunlin', 'turned at four', 'redshank\nnesting'];
    for (const [i, passage] of passages.entries()) {
      const start = text.indexOf(passage);
      expect(start, passage).toBeGreaterThan(0);
      await call('createHighlight', { articleId: guideId, start, end: start + passage.length, color: COLORS[i % COLORS.length] });
    }
    await page.reload();
    await page.locator(`.library-item[data-article-id="${guideId}"]`).click();
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
    await overlappingYellow();
    await manyHighlights();
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
    const { id, text: guideText } = await importFieldGuide();
    const guide = { id };
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
