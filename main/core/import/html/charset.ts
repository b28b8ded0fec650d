/** How many bytes at the start of a page are searched for its declared encoding. */
const PRESCAN_BYTES = 4096;

/**
 * The encoding a web page declares near its start: `<meta charset="…">`,
 * `<meta http-equiv="Content-Type" content="…; charset=…">`, or an XML
 * declaration's `encoding="…"`. Returns the label as written (or undefined);
 * `decodeText` checks that TextDecoder knows it. A byte-order mark wins over
 * all of these, and is handled there.
 */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 maps every byte to one character, so ASCII markup survives whatever the real encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, PRESCAN_BYTES));
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1];
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    const charset = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (charset) return charset[1];
  }
  return undefined;
}
