/**
 * The peers of bench:anchor, bundled for the page: dom-anchor-text-position
 * (toRange, then each range wrapped in <mark>) and @apache-annotator/dom
 * (text-quote matcher, then highlightText).
 */
import { toRange } from 'dom-anchor-text-position';
import * as apacheDom from '@apache-annotator/dom';

// The package's .d.ts re-exports without file extensions, which NodeNext resolution cannot follow;
// these are its documented functions, typed here.
const { createTextQuoteSelectorMatcher, highlightText } = apacheDom as unknown as {
  createTextQuoteSelectorMatcher(selector: { type: 'TextQuoteSelector'; exact: string; prefix?: string; suffix?: string }): (scope: Range) => AsyncIterable<Range>;
  highlightText(range: Range, tagName: string): () => void;
};

/**
 * Wraps the text of a range in <mark>s, one per text node it touches, splitting
 * text nodes at its ends. It walks from the range's first text node to its last
 * (not over the whole common ancestor), so each highlight costs what it covers.
 */
function wrapRange(range: Range): void {
  const { startContainer, startOffset, endContainer, endOffset } = range;
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  walker.currentNode = startContainer;
  for (let n: Node | null = startContainer; n; n = walker.nextNode()) {
    const text = n as Text;
    const empty = (text === startContainer && startOffset >= text.length) || (text === endContainer && endOffset === 0);
    if (!empty && text.length > 0) nodes.push(text);
    if (n === endContainer) break;
  }
  for (let node of nodes) {
    if (node === endContainer && endOffset < node.length) node.splitText(endOffset);
    if (node === startContainer && startOffset > 0) node = node.splitText(startOffset);
    const mark = document.createElement('mark');
    node.parentNode!.insertBefore(mark, node);
    mark.append(node);
  }
}

/** Resolves once the next frame has been painted: a task queued from its animation frame runs after the paint. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

(window as unknown as Record<string, unknown>).peers = {
  /** Milliseconds to a forced layout, and to the next painted frame. */
  async textPosition(root: HTMLElement, selectors: { start: number; end: number }[]): Promise<{ layout: number; frame: number }> {
    const t = performance.now();
    // One highlight at a time, as an annotator anchors and paints: a <mark> never changes the
    // page's text, so the next offsets still hold.
    for (const s of selectors) {
      const range = toRange(root, s);
      if (range) wrapRange(range);
    }
    void root.offsetHeight;
    const layout = performance.now() - t;
    await nextFrame();
    return { layout, frame: performance.now() - t };
  },
  async apache(root: HTMLElement, selectors: { exact: string; prefix: string; suffix: string }[]): Promise<{ ms: number; found: number }> {
    const t = performance.now();
    let found = 0;
    const scope = document.createRange();
    scope.selectNodeContents(root);
    for (const s of selectors) {
      // As the library documents: read all matches before changing the DOM (highlighting while
      // its search runs "can mess up and result in an error or an infinite loop", issue #112).
      // A quote with context is meant to occur once; the first match is highlighted.
      const matches: Range[] = [];
      for await (const range of createTextQuoteSelectorMatcher({ type: 'TextQuoteSelector', ...s })(scope)) matches.push(range);
      if (matches[0]) highlightText(matches[0], 'mark');
      if (matches[0]) found++;
    }
    void root.offsetHeight;
    return { ms: performance.now() - t, found };
  },
};
