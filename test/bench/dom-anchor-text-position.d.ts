/** dom-anchor-text-position ships no types; the one function the anchoring benchmark uses. */
declare module 'dom-anchor-text-position' {
  export function toRange(root: Node, selector: { start: number; end: number }): Range | null;
}
