/**
 * The child process of the crash test: adds, edits and deletes highlights of
 * one article as fast as it can, announcing each change before it starts
 * ("intent") and once the library has acknowledged it ("ack"). The parent
 * kills it at random moments. Output lines are JSON.
 *
 * usage: tsx test/support/crash-writer.ts DATA_DIR ARTICLE_ID SEED
 */
import { openLibrary } from '../../main/core/index.js';
import { codePoints } from '../../shared/offsets.js';

const [dataDir, articleId, seedArg] = process.argv.slice(2);
let seed = Number(seedArg) || 1;
/** A small deterministic generator (mulberry32), so a failing run can be repeated. */
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// process.stdout is synchronous for pipes on Linux: a printed line is out before any kill.
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const library = await openLibrary({ dataDir: dataDir! });
const text = await library.textOf(articleId!);
const ids = (await library.getArticle(articleId!)).highlights.map((h) => h.id);
say({ ready: true });

for (let n = 0; ; n++) {
  const choice = random();
  const tag = `${process.pid}-${n}`;
  if (ids.length < 5 || choice < 0.55) {
    const start = Math.floor(random() * (text.length - 60));
    const note = `added ${tag}`;
    say({ intent: { op: 'add', note } });
    const h = await library.createHighlight({ articleId: articleId!, start: codePoints(start), end: codePoints(start + 10 + Math.floor(random() * 40)), color: 'yellow', note });
    ids.push(h.id);
    say({ ack: { op: 'add', id: h.id, note } });
  } else if (choice < 0.8) {
    const id = ids[Math.floor(random() * ids.length)]!;
    const note = `edited ${tag}`;
    say({ intent: { op: 'edit', id, note } });
    await library.updateHighlight({ articleId: articleId!, highlightId: id, note });
    say({ ack: { op: 'edit', id, note } });
  } else {
    const id = ids.splice(Math.floor(random() * ids.length), 1)[0]!;
    say({ intent: { op: 'delete', id } });
    await library.deleteHighlight({ articleId: articleId!, highlightId: id });
    say({ ack: { op: 'delete', id } });
  }
}
