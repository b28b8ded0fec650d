import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importContent } from '../../main/core/import/index.js';
import { readerText } from '../../main/cli/reader-text.js';

const FIXTURES = new URL('../fixtures/import/', import.meta.url).pathname;
const page = (options = {}) => importContent('news-page.html', readFileSync(`${FIXTURES}news-page.html`), options);
const lines = (content: ReturnType<typeof page>) => readerText(content.document, { body: true }).split('\n');

/**
 * What Readability keeps of a news page that is the site's, not the
 * article's, stays out of the article: the reader highlights, searches and
 * exports only the article.
 */
describe('HTML import: the site’s lines stay out of the article', () => {
  it('keeps every paragraph of the article and nothing else', () => {
    expect(lines(page())).toEqual([
      'For the first time in forty years, harbour seals have been counted in the estuary in numbers large enough to speak of a colony, the river trust said on Tuesday, after a winter survey of the sandbanks below the old pier.',
      'The trust\'s volunteers counted sixty-two seals over three days, twenty of them pups, and saw them hauled out on the same banks at every low tide. Most of them stayed, the trust said, through the storms of early spring.',
      'The seals feed on flatfish and on the eels that have come back since the weir was opened, and they seem to have learned to avoid the ferries, which now slow down near the banks from March to June.',
      // A picture in a sentence still reads as its description, as a browser shows a missing picture.
      '"We did not expect them so soon," said the trust\'s director, pointing to a pup (seal) no bigger than a cat. "They found the river before we were sure it was clean."',
    ]);
  });

  it('keeps what it leaves out of the text where it belongs: the byline in the metadata', () => {
    const content = page();
    expect(content.title).toBe('Harbour seals return to the estuary');
    expect(content.metadata).toMatchObject({ byline: 'By Ada Marsh', url: 'https://herald.example/science/harbour-seals-return.html' });
  });

  it('judges links as navigation only when they go to other pages of the page’s own site', () => {
    // Saved from another address, the page's links lead elsewhere: its lines of links are the article's own.
    const elsewhere = lines(page({ pageUrl: 'https://mirror.example/seals.html' }));
    expect(elsewhere).toContain('How a river was cleaned in twenty years');
    expect(elsewhere).toContain('The return of the salmon, counted by school children');
    expect(elsewhere).not.toContain('Read more: Otters are back on the river too'); // a prompt whatever it links to
  });

  it('keeps a caption when its picture is kept in the article', () => {
    const html = readFileSync(`${FIXTURES}news-page.html`, 'utf8').replace(
      'https://cdn.herald.example/seals.jpg',
      `data:image/png;base64,${readFileSync(`${FIXTURES}pictures/dot.png`).toString('base64')}`,
    );
    const content = importContent('news-page.html', new TextEncoder().encode(html));
    expect(lines(content)).toContain('Three seals on the sandbank near the old pier (Image: Getty)');
  });
});
