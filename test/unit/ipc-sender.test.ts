import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coreHandlers, openLibrary, type Library } from '../../main/core/index.js';
import { registerContract, type ContractIpcMain } from '../../main/electron/ipc.js';
import { APP_ENTRY_URL } from '../../main/electron/security-policy.js';
import { channelOf, OPERATIONS } from '../../shared/contract/index.js';
import { SAMPLE_ARTICLE, tempDir } from '../support/temp.js';

type Listener = (event: unknown, ...args: unknown[]) => unknown;

/**
 * A stand-in for Electron's ipcMain with its rules: one handler per channel
 * (a second registration throws, as Electron's does), and invoking a channel
 * with no handler fails. `invoke` is what a renderer's ipcRenderer.invoke
 * amounts to in main: the listener called with the sender's event.
 */
class FakeIpcMain {
  readonly listeners = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }
  async invoke(channel: string, senderFrame: Frame | null, payload: unknown): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener({ senderFrame, sender: {}, processId: 1, frameId: 1 }, payload);
  }
}

/** A frame as WebFrameMain describes it. */
interface Frame {
  url: string;
  parent: Frame | null;
}
const ourPage: Frame = { url: APP_ENTRY_URL, parent: null };

describe('the IPC contract in main', () => {
  let ipc: FakeIpcMain;
  let library: Library;
  let unregister: () => void;

  beforeEach(async () => {
    ipc = new FakeIpcMain();
    library = await openLibrary({ dataDir: await tempDir(), defaultArticlePath: SAMPLE_ARTICLE });
    const handlers = coreHandlers(library, {
      host: 'electron',
      version: '9.9.9',
      openLink: async () => true,
      chooseExportFolder: async () => null,
      saveMarkdownExport: async () => ({ status: 'cancelled' }),
    });
    unregister = registerContract(ipc as unknown as ContractIpcMain, handlers);
  });
  afterEach(async () => {
    unregister();
    await library.close();
  });

  it('registers one handler per operation, on its channel, and removes them all', () => {
    expect([...ipc.listeners.keys()].sort()).toEqual(OPERATIONS.map(channelOf).sort());
    unregister();
    expect(ipc.listeners.size).toBe(0);
  });

  it('answers our own page with the real library', async () => {
    await expect(ipc.invoke(channelOf('getAppInfo'), ourPage, {})).resolves.toMatchObject({ ok: true, value: { host: 'electron', version: '9.9.9' } });
    await expect(ipc.invoke(channelOf('listArticles'), { url: `${APP_ENTRY_URL}#article`, parent: null }, {})).resolves.toMatchObject({
      ok: true,
      value: [{ title: 'Putin Says He And Obama Took Step Forward On Syria' }],
    });
  });

  it.each<[string, Frame | null]>([
    ['a frame inside our page, even one showing our origin', { url: APP_ENTRY_URL, parent: ourPage }],
    ['a page of another origin', { url: 'https://evil.example/', parent: null }],
    ['a page whose host only starts like ours', { url: 'app://marginalia.evil/index.html', parent: null }],
    ['our host behind user info', { url: 'app://marginalia@evil/index.html', parent: null }],
    ['a local file', { url: 'file:///home/reader/page.html', parent: null }],
    ['a blank page (navigated away, or a new window)', { url: 'about:blank', parent: null }],
    ['a frame that is already gone', null],
  ])('refuses %s and changes nothing', async (_case, frame) => {
    const [article] = await library.listArticles();
    const create = { articleId: article!.id, start: 0, end: 5, color: 'yellow' };
    const refused = { ok: false, error: { code: 'forbidden', message: 'This request did not come from a Marginalia page.' } };
    await expect(ipc.invoke(channelOf('createHighlight'), frame, create)).resolves.toEqual(refused);
    await expect(ipc.invoke(channelOf('getAppInfo'), frame, {})).resolves.toEqual(refused);
    // The same request from our page goes through, so it was the sender that was refused.
    expect((await library.listArticles())[0]!.highlightCount).toBe(0);
    await expect(ipc.invoke(channelOf('createHighlight'), ourPage, create)).resolves.toMatchObject({ ok: true });
    expect((await library.listArticles())[0]!.highlightCount).toBe(1);
  });

  it.each<[string, string, unknown]>([
    ['a payload that is not an object', 'getArticle', 'a-aaaaaaaaaaaaaaaa'],
    ['an extra field', 'listArticles', { sneaky: true }],
    ['a highlight with no colour', 'createHighlight', { articleId: 'a-aaaaaaaaaaaaaaaa', start: 0, end: 4 }],
    ['an unsafe link', 'openLink', { url: 'HTTP://\u0000a' }],
    ['a file name that is a path', 'importFile', { fileName: '../x.txt', dataBase64: ['aGk='] }],
  ])('answers our page with invalid-request for %s', async (_case, op, payload) => {
    const answer = await ipc.invoke(channelOf(op as (typeof OPERATIONS)[number]), ourPage, payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringMatching(new RegExp(`^Invalid ${op} request`)) } });
    expect((await library.listArticles())[0]!.highlightCount).toBe(0);
  });
});
