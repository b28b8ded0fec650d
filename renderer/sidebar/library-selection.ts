/**
 * The articles chosen in the library for a batch action (delete, export),
 * as file managers choose: Ctrl/⌘-click toggles one, Shift-click takes every
 * article listed between the anchor (the last one clicked) and this one.
 */
export class ArticleSelection {
  private chosen = new Set<string>();
  private anchor: string | null = null;

  get size(): number {
    return this.chosen.size;
  }

  has(articleId: string): boolean {
    return this.chosen.has(articleId);
  }

  /** The chosen articles, in the order they are listed. */
  inOrder(listed: readonly string[]): string[] {
    return listed.filter((id) => this.chosen.has(id));
  }

  /** Adds or removes one article; it becomes the anchor. */
  toggle(articleId: string): void {
    if (!this.chosen.delete(articleId)) this.chosen.add(articleId);
    this.anchor = articleId;
  }

  /** Chooses the articles listed from the anchor to this one (just this one when there is no anchor listed). */
  extendTo(articleId: string, listed: readonly string[]): void {
    const from = this.anchor === null ? -1 : listed.indexOf(this.anchor);
    const to = listed.indexOf(articleId);
    if (to < 0) return;
    this.chosen = new Set(from < 0 ? [articleId] : listed.slice(Math.min(from, to), Math.max(from, to) + 1));
    if (from < 0) this.anchor = articleId;
  }

  /** Chooses nothing; the next Shift-click extends from `anchor`. */
  clear(anchor: string | null = this.anchor): void {
    this.chosen.clear();
    this.anchor = anchor;
  }

  /** Drops the articles no longer listed (deleted, or filtered out): a batch acts only on what the reader sees. */
  keepListed(listed: ReadonlySet<string>): boolean {
    let dropped = false;
    for (const id of this.chosen) {
      if (listed.has(id)) continue;
      this.chosen.delete(id);
      dropped = true;
    }
    return dropped;
  }
}
