/**
 * Where a file listed in electron-builder.yml's `asarUnpack` really is in a
 * packaged app. Pure (no electron) so the mapping is unit-tested.
 */
import path from 'node:path';

/**
 * `file` as main sees it inside the archive (…/resources/app.asar/dist/…)
 * moved to the folder electron-builder unpacks it to
 * (…/resources/app.asar.unpacked/dist/…). A path outside any archive (a
 * development run on dist/) is returned as it is.
 */
export function unpackedPath(file: string, separator: string = path.sep): string {
  return file.replace(`app.asar${separator}`, `app.asar.unpacked${separator}`);
}
