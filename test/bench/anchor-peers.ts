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

/** Wraps every text node (part) inside a range in a <mark>, splitting text nodes at its ends. */
function wrapRange(range: Range): void {
  const { startContainer, startOffset, endContainer, endOffset } = range;
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  walker.currentNode = range.commonAncestorContainer;
  for (let n = walker.currentNode.nodeType === Node.TEXT_NODE ? walker.currentNode : walker.nextNode(); n; n = walker.nextNode()) {
    if (range.intersectsNode(n)) nodes.push(n as Text);
  }
  for (let node of nodes) {
    if (node === endContainer && endOffset < node.length) node.splitText(endOffset);
    if (node === startContainer && startOffset > 0) node = node.splitText(startOffset);
    const mark = document.createElement('mark');
    node.parentNode!.insertBefore(mark, node);
    mark.append(node);
  }
}

(window as unknown as Record<string, unknown>).peers = {
  textPosition(root: HTMLElement, selectors: { start: number; end: number }[]): number {
    const t = performance.now();
    // All ranges first (the library's own work), then the marks: DOM ranges are live, so they follow the splits.
    const ranges = selectors.map((s) => toRange(root, s));
    for (const range of ranges) if (range) wrapRange(range);
    void root.offsetHeight;
    return performance.now() - t;
  },
  async apache(root: HTMLElement, selectors: { exact: string; prefix: string; suffix: string }[]): Promise<number> {
    const t = performance.now();
    const scope = document.createRange();
    scope.selectNodeContents(root);
    for (const s of selectors) {
      const matcher = createTextQuoteSelectorMatcher({ type: 'TextQuoteSelector', ...s });
      for await (const range of matcher(scope)) {
        highlightText(range, 'mark');
        break;
      }
    }
    void root.offsetHeight;
    return performance.now() - t;
  },
};
