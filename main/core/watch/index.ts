/**
 * Following changes made to the library folder from outside this process
 * (another device through a sync engine, the CLI): a watch with a fallback
 * poll that tells the store to look, and a feed of what it found that pages
 * wait on.
 */
export { POLL_MS, SETTLE_MS, isTempFile, watchFolder, type Changed, type FolderWatch, type FolderWatchOptions } from './folder-watch.js';
export { ChangeFeed, WAIT_MS, type Changes } from './change-feed.js';
