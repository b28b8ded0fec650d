import { mkdir, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe } from '../../shared/anchoring/index.js';
import { documentFromJSON } from '../../shared/article-schema.js';
import { articleText } from '../../shared/article-text.js';
import { importContent } from '../../main/core/import/index.js';
import { SNAPSHOT_VERSION, STORE_VERSION } from '../../main/core/store/files.js';
import { creationRecord, encodeHlc, newDeviceId } from '../../main/core/sync/index.js';
import type { Article, Highlight } from '../../shared/model.js';
import { utf16 } from '../../shared/offsets.js';
import { COLORS } from '../../shared/colors.js';

const SAMPLE = new URL('../../assets/putin-obama-syria.txt', import.meta.url).pathname;
const id = (prefix: string) => `${prefix}-${randomBytes(8).toString('hex').slice(0, 16)}`;

/** A random article id → highlights generator over the sample article's text. */
export function sampleContent() {
  const content = importContent('putin-obama-syria.txt', readFileSync(SAMPLE));
  const text = articleText(documentFromJSON(content.document)).text;
  return { content, text };
}

/** Makes `count` highlights over `text` for an article, as the app would store them. */
export function makeHighlights(articleId: string, text: string, count: number, at: string): Highlight[] {
  const highlights: Highlight[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(Math.random() * (text.length - 200));
    const end = start + 20 + Math.floor(Math.random() * 150);
    highlights.push({
      id: id('h'),
      articleId,
      target: describe(text, utf16(start), utf16(end)),
      color: COLORS[i % COLORS.length]!,
      note: i % 3 === 0 ? '' : `A note on this passage, number ${i}, about what it means for the argument.`,
      tags: i % 4 === 0 ? ['syria', `topic-${i % 7}`] : [],
      createdAt: at,
      updatedAt: at,
    });
  }
  return highlights;
}

/**
 * Writes a library of `articles` articles with `perArticle` highlights each,
 * straight into the store's files (fast, not durable: this is setup, not
 * what is measured), as a fold leaves them: each snapshot holds the creation
 * record of every highlight (made by one device) and the highlights they
 * merge into. Returns the article ids.
 */
export async function writeLibrary(dataDir: string, articles: number, perArticle: number): Promise<string[]> {
  const { content, text } = sampleContent();
  const hash = createHash('sha256').update(text).digest('hex');
  const ids: string[] = [];
  const device = newDeviceId();
  let wall = Date.UTC(2020, 0, 1);
  for (let i = 0; i < articles; i++) {
    const articleId = id('a');
    const at = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString();
    const article: Article = {
      id: articleId,
      title: `${content.title} (${i + 1})`,
      source: { kind: 'file', name: `article-${i + 1}.txt` },
      importedAt: at,
      contentHash: hash,
      tags: [],
      document: content.document,
    };
    const dir = join(dataDir, 'articles', articleId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'article.json'), JSON.stringify({ version: STORE_VERSION, article }));
    const highlights = makeHighlights(articleId, text, perArticle, at);
    const records = highlights.map((h) => creationRecord(h, { device, at: encodeHlc({ wall: ++wall, counter: 0, device }), changedAt: h.createdAt }));
    await writeFile(join(dir, 'highlights.json'), JSON.stringify({ version: SNAPSHOT_VERSION, articleId, generation: 0, highlights, records }));
    ids.push(articleId);
  }
  return ids;
}
