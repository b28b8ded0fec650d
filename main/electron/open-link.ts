/**
 * The last check before an address leaves the app for the operating system.
 * Free of `electron` imports (the opener is passed in) so unit tests can
 * show that nothing unsafe ever reaches it.
 */
import { externalLinkProblem } from '../../shared/contract/external-link.js';
import { MarginaliaError } from '../../shared/contract/errors.js';

/**
 * Hands `url` to `open` (shell.openExternal) only when it is a safe http(s)
 * or mailto address, and then in its parsed form, so the operating system
 * gets exactly the address that was checked. Otherwise throws
 * `invalid-request` with the reason, and `open` is never called.
 */
export async function openCheckedLink(url: string, open: (address: string) => Promise<void>): Promise<void> {
  const problem = externalLinkProblem(url);
  if (problem) throw new MarginaliaError('invalid-request', `This link cannot be opened: ${problem}.`);
  await open(new URL(url).href);
}
