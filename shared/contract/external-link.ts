/**
 * Which addresses the reader may open outside the app. In Electron the
 * answer is all that stands between an imported page's link and
 * `shell.openExternal`, which hands the address to the operating system, so
 * it is strict: a parsed http(s) address with a plain host name, or a mailto
 * address, written without anything that can hide, split or re-aim it.
 * Pure, so the contract's schema and main's last check share it.
 */

/**
 * The WHATWG URL parser: a global wherever shared/ runs (Node, Chromium),
 * declared here because shared/ compiles without DOM or Node types.
 */
interface ParsedUrl {
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
declare const URL: new (url: string) => ParsedUrl;

/** The longest address we open: a page means no longer link to be followed. */
export const MAX_LINK_LENGTH = 4096;

/** Controls (C0, DEL, C1), invisible format characters (zero-width, bidi overrides) and every kind of space or line break. */
const HIDDEN_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}]/u;
/** A percent-encoded C0 control, DEL or (as UTF-8) C1 control. */
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])/i;
/** Encoded tab, line feed and carriage return: how text with line breaks is written in a query or a mail body. */
const ENCODED_TEXT_BREAK = /%0[9ad]/gi;
/** A host as the URL parser leaves it: lower-case ASCII labels (IDN already in punycode), an IPv4 or a bracketed IPv6 address. */
const PLAIN_HOST = /^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/;

const hasEncodedControl = (part: string): boolean => ENCODED_CONTROL.test(part);
/** Encoded controls other than tab and line breaks: those are text where text belongs. */
const hasEncodedControlInText = (part: string): boolean => hasEncodedControl(part.replace(ENCODED_TEXT_BREAK, ''));

function parse(url: string): ParsedUrl | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Why a mailto address cannot be opened, or null: only a mail body may hold encoded line breaks (RFC 6068 §2). */
function mailtoProblem(parsed: ParsedUrl): string | null {
  if (parsed.pathname === '' && parsed.search.length <= 1) return 'the mail address is empty';
  if (hasEncodedControl(parsed.pathname) || hasEncodedControl(parsed.hash)) return 'the address contains an encoded control character';
  for (const field of parsed.search.slice(1).split('&')) {
    const [name = '', ...value] = field.split('=');
    if (hasEncodedControl(name)) return 'the address contains an encoded control character';
    const isBody = name.toLowerCase() === 'body';
    const text = value.join('=');
    if (isBody ? hasEncodedControlInText(text) : hasEncodedControl(text)) {
      return 'the address contains an encoded control character';
    }
  }
  return null;
}

/** Why an http(s) address cannot be opened, or null. */
function webProblem(url: string, parsed: ParsedUrl): string | null {
  // The parser also finds a host in `https:evil`, `https:/evil`, `https:\\evil` and `https:///evil`; other programs do not.
  if (!/^https?:\/\/(?!\/)/i.test(url)) return 'a web address must be http:// or https:// followed by its host';
  if (parsed.hostname === '') return 'the address has no host';
  if (parsed.username !== '' || parsed.password !== '') return 'the address hides its host behind user info';
  if (!PLAIN_HOST.test(parsed.hostname)) return 'the host name has characters a host name cannot have';
  if (hasEncodedControl(parsed.pathname)) return 'the address contains an encoded control character';
  if (hasEncodedControlInText(parsed.search) || hasEncodedControlInText(parsed.hash)) {
    return 'the address contains an encoded control character';
  }
  return null;
}

/**
 * Why `url` may not be opened outside the app, as a short reason for the
 * reader, or null when it may. Open the parsed form (`new URL(url).href`).
 */
export function externalLinkProblem(url: string): string | null {
  if (url.length > MAX_LINK_LENGTH) return `the address is longer than ${MAX_LINK_LENGTH} characters`;
  if (HIDDEN_OR_SPACE.test(url)) return 'the address contains a control, invisible or space character';
  if (url.includes('\\')) return 'the address contains a backslash';
  const parsed = parse(url);
  if (!parsed) return 'it is not a valid address';
  if (parsed.protocol === 'mailto:') return mailtoProblem(parsed);
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return webProblem(url, parsed);
  return 'only http(s) and mailto links can be opened';
}
