/** A tag in use, as the library counts it. */
export interface CountedTag {
  tag: string;
  highlights: number;
  articles: number;
}

/** A row of the tag pane: a tag, under its parent (`parent/child`), with what it and its nested tags count. */
export interface TagRow {
  tag: string;
  /** What the row shows: the part after its parent's name (the whole tag at the top level). */
  name: string;
  /** 0 at the top level, 1 under a parent, … */
  depth: number;
  /** Highlights carrying the tag or a tag nested under it. */
  highlights: number;
  /** The tag's own counts; null for a parent no highlight carries itself (only its nested tags). */
  own: CountedTag | null;
  /** Whether tags are nested under it. */
  parent: boolean;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

interface TreeNode {
  tag: string;
  own: CountedTag | null;
  children: Map<string, TreeNode>;
}

/**
 * The tags in use as a tree, flattened in the order the pane lists them:
 * each tag followed by those nested under it, siblings by name. A parent no
 * highlight carries itself (`a` of `a/b`) is listed too, so nesting is
 * always shown under a name. Tags are only ever keys of Maps.
 */
export function tagTree(counts: readonly CountedTag[]): TagRow[] {
  const nodes = new Map<string, TreeNode>();
  const roots = new Map<string, TreeNode>();
  const nodeOf = (tag: string): TreeNode => {
    let node = nodes.get(tag);
    if (node) return node;
    node = { tag, own: null, children: new Map() };
    nodes.set(tag, node);
    const slash = tag.lastIndexOf('/');
    // A parent is a name before a '/', never empty ("/a" is a tag of its own).
    if (slash > 0) nodeOf(tag.slice(0, slash)).children.set(tag, node);
    else roots.set(tag, node);
    return node;
  };
  for (const count of counts) nodeOf(count.tag).own = count;

  const rows: TagRow[] = [];
  const visit = (node: TreeNode, depth: number, parentTag: string | null): number => {
    const row: TagRow = {
      tag: node.tag,
      name: parentTag === null ? node.tag : node.tag.slice(parentTag.length + 1),
      depth,
      highlights: 0,
      own: node.own,
      parent: node.children.size > 0,
    };
    rows.push(row);
    let total = node.own?.highlights ?? 0;
    for (const child of sorted(node.children)) total += visit(child, depth + 1, node.tag);
    row.highlights = total;
    return total;
  };
  for (const root of sorted(roots)) visit(root, 0, null);
  return rows;
}

function sorted(nodes: ReadonlyMap<string, TreeNode>): TreeNode[] {
  return [...nodes.values()].sort((a, b) => collator.compare(a.tag, b.tag) || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
