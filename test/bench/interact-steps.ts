/**
 * The steps of `npm run bench:interact`, each done as a reader does it (a
 * click, a key, a drag) with Playwright, and timed in the page by
 * interact-probe.js from the input event to the painted frame.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchArticle } from '../support/highlighted-library.js';

interface Step {
  condition: string;
  args: Record<string, unknown>;
}

interface Armed {
  times: number[];
  start: number;
  shown: number;
}

/** Arms the probe for the next `eventType` (and key), runs `input`, and waits for the result. */
async function timed(page: Page, eventType: 'click' | 'keydown', key: string | null, steps: Step[], input: () => Promise<void>): Promise<Armed> {
  await page.evaluate(([e, k, s]) => (window as never as { __probe: { arm(...a: unknown[]): boolean } }).__probe.arm(e, k, s), [eventType, key, steps] as const);
  await input();
  return page.evaluate(() => (window as never as { __probe: { result(): Promise<Armed> } }).__probe.result());
}

const probe = <T>(page: Page, method: string, arg?: unknown): Promise<T> =>
  page.evaluate(([m, a]) => (window as never as { __probe: Record<string, (x: unknown) => T> }).__probe[m as string]!(a), [method, arg] as const);

/** Opens an article from the library: to readable, to complete, and to fully interactive. */
export async function openArticle(page: Page, article: BenchArticle): Promise<{ readable: number; complete: number; interactive: number }> {
  const args = { title: article.title, lastBlock: article.lastBlock, painted: article.highlights };
  const armed = await timed(page, 'click', null, [{ condition: 'readable', args }, { condition: 'complete', args }], () =>
    page.click(`.library-item[data-article-id="${article.id}"]`),
  );
  const [readable, complete] = armed.times as [number, number];
  const interactive = await probe<number>(page, 'interactiveAfter', { start: armed.start, shown: armed.start + complete });
  return { readable, complete, interactive };
}

/** Opens a plain page: to its first contentful paint, and to the frame after its load event. */
export async function openPlainPage(page: Page, url: string): Promise<{ readable: number; complete: number }> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return page.evaluate(async () => {
    const w = window as never as { __probe: { loadedFrame?: number } };
    while (w.__probe.loadedFrame === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    // The first contentful paint's entry can be recorded after the load event's frame: wait for it (10 s at most).
    let paint = performance.getEntriesByName('first-contentful-paint')[0];
    for (let waited = 0; !paint && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      paint = performance.getEntriesByName('first-contentful-paint')[0];
    }
    return { readable: paint?.startTime ?? NaN, complete: w.__probe.loadedFrame };
  });
}

/** Times between frames while scrolling from `fraction` of the way down. */
export const scrollAt = (page: Page, fraction: number): Promise<number[]> => probe(page, 'scrollFrames', { fraction });

/** The page's JS heap after a garbage collection, and its DOM nodes. */
export async function memoryOf(context: BrowserContext, page: Page): Promise<{ heapMb: number; domNodes: number }> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    return { heapMb: usedSize / (1024 * 1024), domNodes: nodes };
  } finally {
    await cdp.detach();
  }
}

/** Milliseconds of each interaction, in one pass over the open article. */
export interface Interactions {
  select: number;
  click: number;
  recolour: number;
  noteKey: number;
  tag: number;
  remove: number;
  highlightKey: number;
}

const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'];

/**
 * What `find` finds on screen; where it finds nothing, the reader scrolls a
 * screen at a time and looks again: up to the top first (the end of a short
 * article), then down, at most 40 screens.
 */
async function scrollUntil<T>(page: Page, find: () => Promise<T | null>): Promise<T | null> {
  let found = await find();
  let delta = -600;
  for (let tries = 0; !found && tries < 40; tries++) {
    const moved = await page.evaluate((delta) => new Promise<boolean>((resolve) => {
      const scroller = document.getElementById('reader-scroll')!;
      const before = scroller.scrollTop;
      scroller.scrollTop += delta;
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(scroller.scrollTop !== before)));
    }), delta);
    if (!moved && delta < 0) delta = 600;
    found = await find();
  }
  return found;
}

const activeId = (page: Page) => page.evaluate(() => document.querySelector('.article mark.hl-active')?.getAttribute('data-highlight-id') ?? null);
const activeColor = (page: Page) =>
  page.evaluate(() => [...(document.querySelector('.article mark.hl-active')?.classList ?? [])].find((c) => /^hl-(yellow|green|blue|pink|purple)$/.test(c))?.slice(3) ?? null);

/**
 * Select from the side list, click another highlight in the text, recolour
 * it, type in its note, add a tag, delete it, then select plain words and
 * press h. Each leaves the article as the next step needs it.
 */
export async function interactions(page: Page, run: number): Promise<Interactions> {
  await page.keyboard.press('Escape');
  const item = await probe<{ id: string; x: number; y: number } | null>(page, 'listItemAt', 0.5);
  if (!item) throw new Error('no item in the side list');
  const select = await timed(page, 'click', null, [{ condition: 'active', args: { id: item.id } }], () => page.mouse.click(item.x, item.y));

  // Another highlight on screen; where there is none, the reader scrolls on a little to find one.
  const other = await scrollUntil(page, () => probe<{ x: number; y: number } | null>(page, 'paintedOnScreen', true));
  if (!other) throw new Error('no other highlight on screen');
  const click = await timed(page, 'click', null, [{ condition: 'activeOther', args: { previous: item.id } }], () => page.mouse.click(other.x, other.y));
  const id = await activeId(page);
  if (!id) throw new Error('no active highlight after the click');

  const color = COLORS[(COLORS.indexOf((await activeColor(page)) ?? 'yellow') + 1) % COLORS.length]!;
  const recolour = await timed(page, 'click', null, [{ condition: 'activeColor', args: { id, color } }], () =>
    page.click(`.highlight-toolbar .swatch-button[data-color="${color}"]`),
  );

  await page.keyboard.press('n');
  await page.locator('textarea.note-editor').waitFor();
  const noteKey = await timed(page, 'keydown', 'x', [{ condition: 'noteEndsWith', args: { text: 'x' } }], () => page.keyboard.press('x'));
  await page.keyboard.press('Escape');
  await page.locator('textarea.note-editor').waitFor({ state: 'detached' });

  const tagName = `bench${run}`;
  await page.keyboard.press('t');
  await page.locator('.tag-input-field').waitFor();
  await page.keyboard.type(tagName);
  const tag = await timed(page, 'keydown', 'Enter', [{ condition: 'tagShown', args: { id, tag: tagName } }], () => page.keyboard.press('Enter'));
  await page.keyboard.press('Escape');
  await page.locator('.tag-input-field').waitFor({ state: 'detached' });

  const remove = await timed(page, 'keydown', 'Delete', [{ condition: 'deleted', args: { id } }], () => page.keyboard.press('Delete'));

  const words = await scrollUntil(page, () => probe<{ from: { x: number; y: number }; to: { x: number; y: number } } | null>(page, 'plainWordsOnScreen', 40));
  if (!words) throw new Error('no plain words on screen to select');
  await page.mouse.move(words.from.x, words.from.y);
  await page.mouse.down();
  await page.mouse.move((words.from.x + words.to.x) / 2, words.from.y, { steps: 3 });
  await page.mouse.move(words.to.x, words.to.y, { steps: 3 });
  await page.mouse.up();
  const highlightKey = await timed(page, 'keydown', 'h', [{ condition: 'activeOther', args: { previous: null } }], () => page.keyboard.press('h'));

  return {
    select: select.times[0]!,
    click: click.times[0]!,
    recolour: recolour.times[0]!,
    noteKey: noteKey.times[0]!,
    tag: tag.times[0]!,
    remove: remove.times[0]!,
    highlightKey: highlightKey.times[0]!,
  };
}
