import { Fragment, type Node as PMNode } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';

/**
 * Opening a book: the reader shows its first parts at once, so the first
 * screen is readable before the rest of the book exists in the page, then
 * adds the remaining parts in slices of a few milliseconds between the
 * reader's inputs and frames. Positions never move: parts are only ever
 * added at the end, so the view's document is always the start of the
 * article, with the article's own positions.
 */

/** Text shown before the first frame: enough parts to fill a tall window. */
export const FIRST_CHARACTERS = 6_000;
/** Stand-in heights before a part is laid out: per character of text, and per block (its margin, its last line). */
const DEFAULT_PX_PER_CHARACTER = 0.45;
export const PX_PER_BLOCK = 30;
/** Work per slice of loading, in milliseconds, before yielding to input and painting. */
const SLICE_MS = 8;

/** How far into an article the view shows it, and how to bring in the rest. */
export interface ArticleLoading {
  /** Shows the article at least up to this document position, now. */
  ensure(pos: number): void;
  /** Stops adding parts (another article opened). */
  cancel(): void;
  readonly done: boolean;
}

/** The first children of `article` (its title and first parts) that hold `characters` of text. */
export function firstParts(article: PMNode, characters = FIRST_CHARACTERS): PMNode {
  let count = 0;
  let text = 0;
  while (count < article.childCount && (count < 2 || text < characters)) text += article.child(count++).content.size;
  return article.copy(Fragment.fromArray(childrenOf(article, 0, count)));
}

const childrenOf = (node: PMNode, from: number, to: number): PMNode[] => {
  const children: PMNode[] = [];
  for (let i = from; i < to; i++) children.push(node.child(i));
  return children;
};

/** Yields to the browser (input, frames) and then runs `task`. */
const later = (task: () => void): void => {
  const scheduler = (globalThis as { scheduler?: { postTask(task: () => void, options: { priority: string }): Promise<void> } }).scheduler;
  if (scheduler) void scheduler.postTask(task, { priority: 'user-visible' });
  else setTimeout(task, 0);
};

/**
 * Adds the parts of `article` the view does not show yet, in slices, then
 * calls `onDone`. `onProgress` is called after each slice; `rest` is an
 * element after the article whose height stands in for the parts still to
 * come, so the scroll bar keeps its length.
 */
export function loadRest(view: EditorView, article: PMNode, rest: HTMLElement, onProgress: () => void): ArticleLoading {
  let cancelled = false;
  const shown = () => view.state.doc.childCount;
  const remaining = () => {
    let characters = 0;
    let blocks = 0;
    for (let i = shown(); i < article.childCount; i++) {
      characters += article.child(i).content.size;
      blocks += article.child(i).childCount;
    }
    return { characters, blocks };
  };
  // What a part's text takes on screen, for the heights that stand in for parts not laid out
  // (`contain-intrinsic-size` of the parts, and `rest`): measured on the first part once it is laid out.
  let perCharacter = DEFAULT_PX_PER_CHARACTER;
  const measure = () => {
    const part = view.dom.children[1];
    const node = view.state.doc.maybeChild(1);
    if (!(part instanceof HTMLElement) || !node || node.content.size < 2_000) return;
    const height = part.offsetHeight;
    if (height > 0) perCharacter = Math.max(0.05, (height - node.childCount * PX_PER_BLOCK) / node.content.size);
    (view.dom.parentElement ?? view.dom).style.setProperty('--px-per-char', perCharacter.toFixed(4));
  };
  const standIn = () => {
    const { characters, blocks } = remaining();
    rest.style.height = characters === 0 ? '' : `${Math.round(characters * perCharacter + blocks * PX_PER_BLOCK)}px`;
  };
  /** Adds parts up to (not including) child `end` of the article, in one transaction. */
  const addUpTo = (end: number) => {
    const from = shown();
    if (end <= from) return;
    const tr = view.state.tr.insert(view.state.doc.content.size, Fragment.fromArray(childrenOf(article, from, end)));
    view.dispatch(tr.setMeta('addToHistory', false));
  };
  const loading: ArticleLoading = {
    ensure(pos) {
      if (cancelled || pos <= view.state.doc.content.size) return;
      let end = shown();
      for (let at = view.state.doc.content.size; end < article.childCount && at < pos; end++) at += article.child(end).nodeSize;
      addUpTo(Math.min(article.childCount, end + 1));
      standIn();
      onProgress();
    },
    cancel() {
      cancelled = true;
    },
    get done() {
      return shown() >= article.childCount;
    },
  };
  let measured = false;
  const slice = () => {
    if (cancelled || loading.done) return;
    if (!measured) {
      measure();
      measured = true;
    }
    const started = performance.now();
    while (!loading.done && performance.now() - started < SLICE_MS) addUpTo(shown() + 1);
    standIn();
    onProgress();
    if (!loading.done) later(slice);
  };
  standIn();
  // After the first frame: the first screen is painted before any more work.
  requestAnimationFrame(() => later(slice));
  return loading;
}
