/**
 * What bytes 0x80–0x9F mean in windows-1252 (the encoding browsers use for
 * pages labelled ISO-8859-1, Latin-1 or windows-1252). Some Node versions
 * decode that label as ISO-8859-1 and give C1 control characters there
 * instead (“ would come out as U+0093); this table puts the right characters
 * back. The five bytes windows-1252 leaves undefined stay control characters.
 */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Replaces C1 control characters with the windows-1252 characters of the same byte values. */
export function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => HIGH[c.charCodeAt(0) - 0x80]!);
}
