/**
 * npm run bench:export — exporting a lifetime of reading.
 *
 * 100,000 highlights across 1,000 articles, built in memory from Moby-Dick
 * passages (20–300 characters, a third with notes, some with tags), exported
 * with the real template, folder writer and sync state into a temp folder:
 * - render: every article to its Markdown string (per preset);
 * - total: render + durable writes of 1,000 files + their sync state, into an
 *   empty folder;
 * - re-export into the same folder with nothing changed (every file compared,
 *   nothing rewritten);
 * - re-export after 100 files were edited by hand and 1,000 notes changed in
 *   the app (100 three-way merges).
 * Median of 5 (render) or 3 (writes). Last line: one JSON object.
 */
import { readFileSync } from 'node:fs';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportToFolder, pageText, presetTemplate, PRESET_NAMES, type ArticleSource } from '../../main/core/export/index.js';
import type { Article, ArticleSummary, Highlight } from '../../shared/model.js';
import { codePoints } from '../../shared/offsets.js';
import { randomGenerator } from './edits.js';
import { median, printTable, round } from './table.js';

const ARTICLES = 1000;
const PER_ARTICLE = 100;
const book = readFileSync(new URL('../../../shared/corpus/books/moby-dick.txt', import.meta.url), 'utf8');
const random = randomGenerator(2701);
const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
const TAGS = ['whale', 'sea', 'ahab', 'ishmael', 'ship'];

function passage(): { start: number; text: string } {
  let start = Math.floor(random() * (book.length - 400));
  while (start > 0 && !/\s/.test(book[start - 1]!)) start--;
  const text = book.slice(start, start + 20 + Math.floor(random() * 281)).trim();
  return text ? { start, text } : passage();
}

function buildLibrary(): Map<string, { article: Article; highlights: Highlight[] }> {
  const library = new Map<string, { article: Article; highlights: Highlight[] }>();
  for (let a = 0; a < ARTICLES; a++) {
    const id = `a-bench${String(a).padStart(10, '0')}`;
    const words = passage().text.split(/\s+/).slice(0, 6).join(' ');
    const article: Article = {
      id,
      // Every 50th title repeats, so file names collide and take "(2)".
      title: a % 50 === 49 ? 'Loomings' : `Chapter ${a + 1}: ${words}`,
      source: { kind: 'file', name: `chapter-${a + 1}.txt` },
      importedAt: new Date(Date.UTC(2026, 0, 1) + a * 60_000).toISOString(),
      contentHash: '0'.repeat(64),
      tags: a % 7 === 0 ? ['classic'] : [],
      document: { type: 'doc', content: [] },
    };
    const highlights: Highlight[] = [];
    for (let h = 0; h < PER_ARTICLE; h++) {
      const { start, text } = passage();
      highlights.push({
        id: `h-b${String(a).padStart(4, '0')}${String(h).padStart(4, '0')}`,
        articleId: id,
        target: {
          position: { type: 'TextPositionSelector', start: codePoints(start), end: codePoints(start + [...text].length) },
          quote: { type: 'TextQuoteSelector', exact: text, prefix: '', suffix: '' },
        },
        color: COLORS[h % COLORS.length]!,
        note: h % 3 === 0 ? passage().text : '',
        tags: h % 10 === 0 ? [TAGS[h % TAGS.length]!] : [],
        createdAt: article.importedAt,
        updatedAt: article.importedAt,
      });
    }
    library.set(id, { article, highlights });
  }
  return library;
}

const library = buildLibrary();
const source: ArticleSource = {
  listArticles: async () =>
    [...library.values()].map(({ article, highlights }): ArticleSummary => ({ ...article, highlightCount: highlights.length })),
  getArticle: async (id) => library.get(id)!,
};
const exportedAt = new Date('2026-11-25T10:00:00Z');
const now = () => exportedAt;

function renderAll(preset: (typeof PRESET_NAMES)[number]): number {
  const template = presetTemplate(preset);
  let bytes = 0;
  for (const { article, highlights } of library.values()) bytes += pageText(template.render(article, highlights, { exportedAt })).length;
  return bytes;
}

async function timed(runs: number, run: () => Promise<unknown> | unknown, setup?: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup?.();
    global.gc?.();
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

const scratch = await mkdtemp(join(tmpdir(), 'marginalia-bench-export-'));
try {
  const render = new Map<string, number>();
  let markdownBytes = 0;
  for (const preset of PRESET_NAMES) {
    markdownBytes = renderAll(preset); // warm-up
    render.set(preset, await timed(5, () => renderAll(preset)));
  }

  // First export into an empty folder (fresh sync state each run).
  let run = 0;
  let folder = '';
  let stateDir = '';
  const fresh = async () => {
    run++;
    folder = join(scratch, `vault-${run}`);
    stateDir = join(scratch, `state-${run}`);
  };
  const exportAll = () => exportToFolder(source, { all: true }, { folder, stateDir, now });
  const total = await timed(3, exportAll, fresh);

  // Again into the last folder: nothing changed on either side.
  let unchanged = 0;
  const again = await timed(3, async () => {
    const report = await exportAll();
    unchanged = report.files.filter((f) => f.status === 'unchanged').length;
  });

  // 100 files edited by hand, and in the app 10 notes changed in each of those articles.
  let merged = 0;
  let conflicts = 0;
  const edited = [...library.values()].slice(0, 100);
  const withEdits = await timed(
    3,
    async () => {
      const report = await exportAll();
      merged = report.files.filter((f) => f.status === 'updated').length;
      conflicts = report.conflicts;
    },
    async () => {
      const report = await exportAll(); // back in sync
      const paths = new Map(report.files.map((f) => [f.articleId, f.path]));
      for (const [k, entry] of edited.entries()) {
        await appendFile(paths.get(entry.article.id)!, `\nMy thoughts on this chapter, take ${run}.\n`);
        entry.highlights = entry.highlights.map((h, i) => (i % 10 === 0 ? { ...h, note: `Changed in the app, take ${run}, ${k}.` } : h));
      }
      run++;
    },
  );

  printTable(
    `Export of ${ARTICLES.toLocaleString('en')} articles × ${PER_ARTICLE} highlights (${(markdownBytes / 1e6).toFixed(1)} MB of Markdown)`,
    ['step', 'ms', 'target'],
    [
      ...PRESET_NAMES.map((p) => [`render all to strings, ${p} (median of 5)`, round(render.get(p)!), '< 1,000']),
      ['total: render + write 1,000 files + sync state, empty folder (median of 3)', round(total), '< 3,000'],
      [`re-export, nothing changed (${unchanged} files unchanged, none rewritten)`, round(again), ''],
      [`re-export, 100 files edited + 1,000 notes changed (${merged} merged, ${conflicts} conflicts)`, round(withEdits), ''],
    ],
  );
  console.log(
    JSON.stringify({
      bench: 'export',
      highlights: ARTICLES * PER_ARTICLE,
      render_ms: round(render.get('obsidian')!),
      total_ms: round(total),
    }),
  );
} finally {
  await rm(scratch, { recursive: true, force: true });
}
