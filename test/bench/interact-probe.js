/*
 * The in-page half of `npm run bench:interact`, added to every page before its
 * own scripts (plain JavaScript: the page runs it as it is).
 *
 * It times what the reader waits for: from the input event's own timestamp
 * (`event.timeStamp`, taken by the browser when the input arrived) to the
 * frame painted after the page first shows the result. Each animation frame it
 * checks whether the result is on screen; the frame in which it first is gets
 * painted, and the next frame's callback runs after that paint, so that
 * callback's time is the end (input event → requestAnimationFrame ×2). No mark
 * of the app's own code is read.
 */
(() => {
  const probe = {};
  window.__probe = probe;

  /** Long tasks (> 50 ms) the main thread ran, for "fully interactive". */
  const longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing: "interactive" is then when everything is shown.
  }

  // A plain page's open: the frame painted after its load event.
  addEventListener('load', () => requestAnimationFrame(() => requestAnimationFrame(() => (probe.loadedFrame = performance.now()))));

  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const scroller = () => document.getElementById('reader-scroll') ?? document.scrollingElement;
  const visible = (rect) => rect.bottom > 0 && rect.top < innerHeight && rect.width > 0;
  const activeMark = () => document.querySelector('.article mark.hl-active[data-highlight-id]');

  /** Conditions a measurement waits for, by name; each is cheap (it runs once a frame). */
  const conditions = {
    /** The article with this title is shown and the first screen is filled with its text. */
    readable({ title, lastBlock }) {
      const heading = document.querySelector('.article .article-title');
      if (!heading || heading.textContent !== title) return false;
      const article = document.querySelector('.article');
      const box = article.getBoundingClientRect();
      // Filled: the article reaches past the bottom of the window, or it is all there (a short article).
      if (box.bottom >= innerHeight) return true;
      let last = article.lastElementChild;
      while (last && last.textContent !== lastBlock && last.lastElementChild) last = last.lastElementChild;
      return last?.textContent === lastBlock;
    },
    /** Readable, the whole article in the page (its last block), and every highlight painted. */
    complete({ title, painted, lastBlock }) {
      if (!conditions.readable({ title, lastBlock })) return false;
      // The last block, perhaps inside wrappers of the reader's own.
      let last = document.querySelector('.article').lastElementChild;
      while (last && last.textContent !== lastBlock && last.lastElementChild) last = last.lastElementChild;
      return last?.textContent === lastBlock && paintedCount() >= painted;
    },
    /** This highlight is the active one, and its passage is on screen. */
    active({ id }) {
      const mark = activeMark();
      return mark?.getAttribute('data-highlight-id') === id && visible(mark.getBoundingClientRect());
    },
    /** Some other highlight than `previous` is active, on screen. */
    activeOther({ previous }) {
      const mark = activeMark();
      return !!mark && mark.getAttribute('data-highlight-id') !== previous && visible(mark.getBoundingClientRect());
    },
    /** The active highlight is shown in this colour. */
    activeColor({ id, color }) {
      const mark = activeMark();
      return mark?.getAttribute('data-highlight-id') === id && mark.classList.contains(`hl-${color}`);
    },
    /** The highlight is no longer shown as active, nor listed in the side list. */
    deleted({ id }) {
      if (document.querySelector(`.article mark[data-highlight-id="${CSS.escape(id)}"]`)) return false;
      return !document.querySelector(`.highlight-item[data-highlight-id="${CSS.escape(id)}"]`);
    },
    /** The focused note editor shows this text at its end. */
    noteEndsWith({ text }) {
      const field = document.activeElement;
      return field instanceof HTMLTextAreaElement && field.value.endsWith(text);
    },
    /** The active highlight's margin card shows this tag as a chip. */
    tagShown({ id, tag }) {
      const card = document.querySelector(`.note-card[data-highlight-id="${CSS.escape(id)}"]`);
      if (!card) return false;
      return [...card.querySelectorAll('.tag-chip')].some((chip) => chip.textContent.replace(/^#/, '').replace(/×$/, '').trim() === tag);
    },
  };

  /** How many passages the CSS Custom Highlight API paints (0 where the reader uses <mark>s). */
  function paintedCount() {
    if (typeof CSS === 'undefined' || !CSS.highlights) return document.querySelectorAll('.article mark[data-highlight-id]').length;
    let count = 0;
    CSS.highlights.forEach((highlight) => (count += highlight.size));
    return count;
  }
  probe.paintedCount = paintedCount;

  /**
   * Arms a measurement: the next `eventType` event (captured before the app
   * sees it; for keys, the next press of `key`) starts the clock; each of
   * `steps` ({condition, args}) stops at the frame painted after its condition
   * first holds. `result()` gives, per step, the milliseconds from the event.
   */
  probe.arm = (eventType, key, steps, timeoutMs = 60_000) => {
    for (const step of steps) if (!conditions[step.condition]) throw new Error(`no condition ${step.condition}`);
    probe.pending = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const states = steps.map((step) => `${step.condition}: ${conditions[step.condition](step.args)}`).join(', ');
        reject(new Error(`${states} (painted ${paintedCount()}, ${document.querySelectorAll('.article > *').length} parts, title "${document.querySelector('.article-title')?.textContent}"): not all seen within ${timeoutMs} ms`));
      }, timeoutMs);
      const onInput = (event) => {
        if (key && event.key !== key) return;
        window.removeEventListener(eventType, onInput, true);
        const start = event.timeStamp;
        const times = new Array(steps.length).fill(undefined);
        let left = steps.length;
        const poll = () => {
          steps.forEach((step, i) => {
            if (times[i] !== undefined || !conditions[step.condition](step.args)) return;
            times[i] = null;
            requestAnimationFrame(() => {
              times[i] = performance.now() - start;
              if (--left === 0) {
                clearTimeout(timer);
                resolve({ times, start, shown: performance.now() });
              }
            });
          });
          if (times.some((t) => t === undefined)) requestAnimationFrame(poll);
        };
        requestAnimationFrame(poll);
      };
      window.addEventListener(eventType, onInput, true);
    });
    return true;
  };
  probe.result = () => probe.pending;

  /**
   * After a `complete` measurement: when the page became fully interactive,
   * i.e. everything was shown and no long task ran after it. Waits `quietMs`
   * of quiet first. Milliseconds from the same input event.
   */
  probe.interactiveAfter = async ({ start, shown }, quietMs = 1000) => {
    for (;;) {
      const lastEnd = longTasks.reduce((end, task) => (task.end > start ? Math.max(end, task.end) : end), 0);
      if (performance.now() - Math.max(lastEnd, shown) >= quietMs) return Math.max(lastEnd, shown) - start;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /** Long tasks since `since` (ms, page time): how many, and the longest. */
  probe.longTasksSince = (since) => {
    const after = longTasks.filter((t) => t.end > since);
    return { count: after.length, longest: Math.max(0, ...after.map((t) => t.end - t.start)) };
  };

  /**
   * Scrolls the reading area (or the plain page) by `step` pixels a frame for
   * `frames` frames from `fraction` of its height, after `settle` frames at
   * that place; returns the times between frames.
   */
  probe.scrollFrames = async ({ fraction, frames = 90, step = 45, settle = 30 }) => {
    const area = scroller();
    area.scrollTop = fraction * (area.scrollHeight - area.clientHeight);
    for (let i = 0; i < settle; i++) await frame();
    const gaps = [];
    let last = await frame();
    for (let i = 0; i < frames; i++) {
      area.scrollTop += step;
      const now = await frame();
      gaps.push(now - last);
      last = now;
    }
    return gaps;
  };

  /**
   * Whether the top-level block of the article holding `node` is on screen,
   * read from the block's own box: asking for the box of anything inside a
   * block that skips layout off screen would make the browser lay it out.
   */
  const topBlockOnScreen = (node, area) => {
    const element = node instanceof Element ? node : node.parentElement;
    const top = element?.closest('.article > *');
    if (!top) return false;
    const box = top.getBoundingClientRect();
    return box.bottom > area.top && box.top < area.bottom;
  };

  /** A point at the middle of the first painted highlight on screen that is not `except`, as the reader would click it. */
  probe.paintedOnScreen = (except) => {
    const area = scroller().getBoundingClientRect();
    const exceptRange = except && activeMark();
    const ranges = [];
    if (CSS.highlights) CSS.highlights.forEach((highlight) => highlight.forEach((r) => ranges.push(r)));
    else document.querySelectorAll('.article mark[data-highlight-id]').forEach((m) => { const r = document.createRange(); r.selectNodeContents(m); ranges.push(r); });
    for (const r of ranges) {
      if (!topBlockOnScreen(r.startContainer, area) && !topBlockOnScreen(r.endContainer, area)) continue;
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (exceptRange && range.intersectsNode(exceptRange)) continue;
      const box = [...range.getClientRects()].find((b) => b.width > 30 && b.top > area.top + 80 && b.bottom < area.bottom - 80);
      if (box) return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    return null;
  };

  /**
   * The first stretch of plain words on screen that no highlight covers: start
   * and end points for a mouse drag, as a reader selects a passage.
   */
  probe.plainWordsOnScreen = (length = 40) => {
    const area = scroller().getBoundingClientRect();
    const onScreen = (rect) => rect.bottom > area.top && rect.top < area.bottom;
    // The painted passages on screen, as live ranges (few: the check below is against each).
    const painted = [];
    const consider = (r) => {
      if (!topBlockOnScreen(r.startContainer, area) && !topBlockOnScreen(r.endContainer, area)) return;
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      if (onScreen(range.getBoundingClientRect())) painted.push(range);
    };
    if (CSS.highlights) CSS.highlights.forEach((h) => h.forEach(consider));
    const blocks = [...document.querySelectorAll('.article p')].filter((p) => {
      if (!topBlockOnScreen(p, area)) return false;
      const box = p.getBoundingClientRect();
      return box.top > area.top + 120 && box.top < area.bottom - 160;
    });
    for (const block of blocks) {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement.closest('mark, a')) continue;
        const text = node.data;
        for (let at = text.indexOf(' ') + 1; at > 0 && at + length < text.length; at = text.indexOf(' ', at + length) + 1) {
          const end = text.indexOf(' ', at + length);
          if (end < 0) break;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, end);
          const overlaps = painted.some((other) => range.compareBoundaryPoints(Range.END_TO_START, other) < 0 && range.compareBoundaryPoints(Range.START_TO_END, other) > 0);
          if (overlaps) continue;
          const boxes = [...range.getClientRects()];
          if (boxes.length !== 1 || boxes[0].top < area.top + 120 || boxes[0].bottom > area.bottom - 120) continue;
          const first = document.createRange();
          first.setStart(node, at);
          first.setEnd(node, at + 1);
          const last = document.createRange();
          last.setStart(node, end - 1);
          last.setEnd(node, end);
          const a = first.getBoundingClientRect();
          const b = last.getBoundingClientRect();
          return { from: { x: a.left + 1, y: a.top + a.height / 2 }, to: { x: b.right - 1, y: b.top + b.height / 2 }, text: range.toString() };
        }
      }
    }
    return null;
  };

  /** The side list's item at the middle of its visible part, after scrolling the list to `fraction`. */
  probe.listItemAt = async (fraction) => {
    const list = document.getElementById('highlight-list');
    let area = list;
    while (area && area !== document.body) {
      const style = getComputedStyle(area);
      if (/(auto|scroll)/.test(style.overflowY) && area.scrollHeight > area.clientHeight) break;
      area = area.parentElement;
    }
    if (!area || area === document.body) area = list;
    area.scrollTop = fraction * (area.scrollHeight - area.clientHeight);
    for (let i = 0; i < 3; i++) await frame();
    const listBox = list.getBoundingClientRect();
    const box = area.getBoundingClientRect();
    const top = Math.max(box.top, listBox.top);
    const bottom = Math.min(box.bottom, listBox.bottom, innerHeight);
    const x = listBox.left + listBox.width / 2;
    // The item nearest the middle of what is visible.
    let best = null;
    for (let y = top + 4; y < bottom; y += 8) {
      const item = document.elementFromPoint(x, y)?.closest('.highlight-item[data-highlight-id]');
      if (item && (!best || Math.abs(y - (top + bottom) / 2) < Math.abs(best.y - (top + bottom) / 2))) best = { id: item.getAttribute('data-highlight-id'), x, y };
    }
    return best;
  };
})();
