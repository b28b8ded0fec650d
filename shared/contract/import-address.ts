/**
 * Which web addresses Marginalia fetches a page from when the reader asks:
 * http(s) with a host, and nothing that would send credentials. Pure, so
 * the contract's schema, main's fetch (again for every redirect) and the
 * renderer's paste check share one rule.
 */

/** The WHATWG URL parser: a global wherever shared/ runs, declared here because shared/ compiles without DOM or Node types. */
interface ParsedUrl {
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
}
declare const URL: new (url: string) => ParsedUrl;

/** Controls, invisible format characters and every kind of space: an address never holds one unencoded. */
const HIDDEN_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}]/u;

/**
 * Why the page at `address` may not be fetched, as a sentence for the
 * reader, or null when it may. The length is the contract's to check
 * (MAX_ADDRESS_CHARS).
 */
export function importAddressProblem(address: string): string | null {
  if (address.length === 0) return 'The address is empty.';
  if (HIDDEN_OR_SPACE.test(address)) return 'The address contains a space or a control character.';
  let parsed: ParsedUrl;
  try {
    parsed = new URL(address);
  } catch {
    return `"${shortened(address)}" is not a web address.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `Only http:// and https:// addresses can be imported, not ${parsed.protocol} ones.`;
  }
  // The parser also finds a host in `https:host` and `https:/host`; other programs do not, so neither do we.
  if (!/^https?:\/\/(?!\/)/i.test(address) || parsed.hostname === '') return 'A web address starts with http:// or https:// and its host.';
  if (parsed.username !== '' || parsed.password !== '') {
    return 'The address carries a user name or password (user:pass@); Marginalia never sends credentials.';
  }
  return null;
}

/** Whether `text` (a paste, say) is one web address Marginalia would fetch, and nothing else. */
export function isImportableAddress(text: string): boolean {
  return importAddressProblem(text.trim()) === null;
}

const shortened = (text: string): string => (text.length > 60 ? `${text.slice(0, 59)}…` : text);
