import type { Article, Highlight } from '../../../../shared/model.js';
import { codePoints } from '../../../../shared/offsets.js';

/** An article with every field set, to try a template on before exporting anything. */
export function sampleArticle(): Article {
  return {
    id: 'a-sample0000000001',
    title: 'A sample article',
    source: { kind: 'file', name: 'sample.txt', path: '/tmp/sample.txt' },
    metadata: { byline: 'A. Writer', url: 'https://example.org/a', siteName: 'Example', published: '2020-01-01' },
    importedAt: '2020-01-02T00:00:00.000Z',
    contentHash: '0'.repeat(64),
    tags: ['sample'],
    document: { type: 'doc', content: [] },
  };
}

/** Three highlights of the sample: one with a note and tags, one without, and an orphaned one. */
export function sampleHighlights(article: Article): Highlight[] {
  const base = {
    articleId: article.id,
    color: 'yellow' as const,
    createdAt: '2020-01-03T00:00:00.000Z',
    updatedAt: '2020-01-03T00:00:00.000Z',
  };
  return [
    {
      ...base,
      id: 'h-sample0000001',
      target: {
        position: { type: 'TextPositionSelector', start: codePoints(0), end: codePoints(6) },
        quote: { type: 'TextQuoteSelector', exact: 'A quote', prefix: '', suffix: '' },
      },
      note: 'A note.\nTwo lines.',
      tags: ['one', 'two'],
    },
    {
      ...base,
      id: 'h-sample0000002',
      target: {
        position: { type: 'TextPositionSelector', start: codePoints(10), end: codePoints(16) },
        quote: { type: 'TextQuoteSelector', exact: 'Another', prefix: '', suffix: '' },
      },
      note: '',
      tags: [],
    },
    {
      ...base,
      id: 'h-sample0000003',
      target: {
        position: { type: 'TextPositionSelector', start: codePoints(20), end: codePoints(26) },
        quote: { type: 'TextQuoteSelector', exact: 'Removed', prefix: '', suffix: '' },
      },
      note: 'Its passage is gone.',
      tags: ['one'],
      orphaned: true,
    },
  ];
}
