import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../main/core/watch/index.js';

describe('the feed of changes pages wait on', () => {
  it('a page starting (no version yet) is answered at once with the version to ask from', async () => {
    const feed = new ChangeFeed();
    feed.record(['a-1']);
    expect(await feed.wait(undefined)).toEqual({ version: 1, articleIds: [] });
  });

  it('a wait is answered as soon as an article changes, with the articles changed since', async () => {
    const feed = new ChangeFeed();
    const waiting = feed.wait(0, 60_000);
    setTimeout(() => feed.record(['a-1', 'a-2']), 20);
    expect(await waiting).toEqual({ version: 1, articleIds: ['a-1', 'a-2'] });
  });

  it('changes made while the page was not waiting are answered at once, each article once', async () => {
    const feed = new ChangeFeed();
    feed.record(['a-1']);
    feed.record(['a-2', 'a-1']);
    feed.record(['a-3']);
    expect(await feed.wait(1)).toEqual({ version: 3, articleIds: ['a-1', 'a-2', 'a-3'] });
    expect(await feed.wait(0)).toEqual({ version: 3, articleIds: ['a-1', 'a-2', 'a-3'] });
  });

  it('a look that found nothing answers no wait', async () => {
    const feed = new ChangeFeed();
    const waiting = feed.wait(0, 200);
    feed.record([]);
    const started = Date.now();
    expect(await waiting).toEqual({ version: 0, articleIds: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('a wait with nothing changing is answered after its time with no articles', async () => {
    const feed = new ChangeFeed();
    expect(await feed.wait(0, 50)).toEqual({ version: 0, articleIds: [] });
  });

  it('a version the feed never gave (the page outlived a restart) is answered at once', async () => {
    const feed = new ChangeFeed();
    expect(await feed.wait(41, 60_000)).toEqual({ version: 0, articleIds: [] });
  });

  it('closing answers every wait, and later waits at once', async () => {
    const feed = new ChangeFeed();
    const waits = [feed.wait(0, 60_000), feed.wait(0, 60_000)];
    feed.close();
    expect(await Promise.all(waits)).toEqual([{ version: 0, articleIds: [] }, { version: 0, articleIds: [] }]);
    expect(await feed.wait(0, 60_000)).toEqual({ version: 0, articleIds: [] });
  });
});
