/**
 * Kindle clippings (`My Clippings.txt`): recognised by what they hold,
 * read, and folded (a passage highlighted again is one highlight).
 */
export { isClippingsFile } from './detect.js';
export { readClippings, type Clipping, type ClippingKind } from './entries.js';
export { readBookLine, type BookLine } from './book-line.js';
export { kindleDate } from './dates.js';
export { foldBook, type Passage } from './fold.js';
