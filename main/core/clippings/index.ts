/**
 * Kindle clippings (`My Clippings.txt`): recognised by what they hold,
 * read, folded (a passage highlighted again is one highlight), and put onto
 * the book the library holds or into a quotes-only article for it, whose
 * highlights move onto the book when it is imported.
 */
export { isClippingsFile } from './detect.js';
export { importClippings, type ClippingsReport } from './import-clippings.js';
export { moveOntoBook, movedClippingsNote, type MovedClippings } from './move-to-book.js';
export type { ClippingsLibrary } from './library-side.js';
export { readClippings, type Clipping, type ClippingKind } from './entries.js';
export { readBookLine, type BookLine } from './book-line.js';
export { kindleDate } from './dates.js';
export { foldBook, type Passage } from './fold.js';
export { placePassages } from './placement.js';
