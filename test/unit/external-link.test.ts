import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { dispatch, type Handlers } from '../../main/core/dispatch.js';
import { openCheckedLink } from '../../main/electron/open-link.js';
import { isExternalLink } from '../../main/electron/security-policy.js';
import { externalLinkProblem, MAX_LINK_LENGTH, MarginaliaError } from '../../shared/contract/index.js';

const links = JSON.parse(readFileSync(new URL('../fixtures/security/links.json', import.meta.url), 'utf8')) as {
  refused: { url: string; case: string }[];
  opened: { url: string; opens: string }[];
};
const tooLong = `https://example.com/${'a'.repeat(MAX_LINK_LENGTH)}`;
const refused: [string, string][] = [...links.refused.map((l): [string, string] => [l.case, l.url]), ['an address over the length limit', tooLong]];
const opened: [string, string][] = links.opened.map((l) => [l.url, l.opens]);

/** Handlers where only openLink answers, as the Electron host's would, recording what it was given. */
function openLinkHandlers() {
  const openLink = vi.fn(async (_request: { url: string }) => ({ opened: true }));
  return { handlers: { openLink } as unknown as Handlers, openLink };
}

describe('an address to open outside the app', () => {
  it.each(refused)('is refused by the contract: %s', async (_case, url) => {
    const problem = externalLinkProblem(url);
    expect(problem).toEqual(expect.any(String));
    const { handlers, openLink } = openLinkHandlers();
    const result = await dispatch(handlers, 'openLink', { url });
    expect(result).toEqual({ ok: false, error: { code: 'invalid-request', message: `Invalid openLink request (url): ${problem}.` } });
    expect(openLink).not.toHaveBeenCalled();
  });

  it.each(refused)('never reaches shell.openExternal from main, nor a new-window offer: %s', async (_case, url) => {
    const open = vi.fn(async (_address: string) => {});
    await expect(openCheckedLink(url, open)).rejects.toThrow(new MarginaliaError('invalid-request', `This link cannot be opened: ${externalLinkProblem(url)}.`));
    expect(open).not.toHaveBeenCalled();
    expect(isExternalLink(url)).toBe(false);
  });

  it.each(opened)('%s passes the contract and is opened as %s', async (url, opens) => {
    expect(externalLinkProblem(url)).toBeNull();
    const { handlers, openLink } = openLinkHandlers();
    expect(await dispatch(handlers, 'openLink', { url })).toEqual({ ok: true, value: { opened: true } });
    expect(openLink).toHaveBeenCalledWith({ url });
    const open = vi.fn(async (_address: string) => {});
    await openCheckedLink(url, open);
    expect(open.mock.calls).toEqual([[opens]]);
    expect(isExternalLink(url)).toBe(true);
  });
});
