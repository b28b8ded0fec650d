import { MAX_ADDRESS_CHARS } from '../../../shared/model.js';

/** Longest link address kept; longer ones are not worth keeping as data. */
const MAX_HREF = 4096;

/**
 * The address a link may keep, or null to keep only its text. Links are
 * data (the reader opens http(s) addresses in the system browser, on a
 * click), so only `http:`, `https:` and `mailto:` survive, plus `#fragment`
 * links within the page. A relative address is resolved against the page's
 * own address when it is known, and dropped otherwise — never against a
 * `<base>` element, which a page could use to send relative links elsewhere.
 */
export function safeLinkHref(raw: string, pageUrl: string | undefined): string | null {
  // Browsers ignore tabs and newlines anywhere in a URL, and spaces and controls around it:
  // `java&#x09;script:` is `javascript:`.
  const href = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (href === '' || href.length > MAX_HREF) return null;
  if (href.startsWith('#')) return href;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href)?.[1]?.toLowerCase();
  let url: URL;
  try {
    if (scheme) url = new URL(href);
    else if (pageUrl) url = new URL(href, pageUrl);
    else return null;
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'mailto:') return null;
  return url.href.length <= MAX_HREF ? url.href : null;
}

/** The page address to resolve relative links against: only an absolute http(s) URL qualifies. */
export function pageAddress(candidate: string | null | undefined): string | undefined {
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate.trim());
    const web = url.protocol === 'http:' || url.protocol === 'https:';
    return web && url.href.length <= MAX_ADDRESS_CHARS ? url.href : undefined;
  } catch {
    return undefined;
  }
}
