import { openLibrary, type Library, type LibraryOptions } from '../../main/core/index.js';
import { onCleanup } from './temp.js';

/** Opens a library that is closed (its index flushed) after the test, before its folder goes. */
export async function openTestLibrary(options: LibraryOptions): Promise<Library> {
  const library = await openLibrary(options);
  onCleanup(() => library.close());
  return library;
}
