import { describe, expect, it } from 'vitest';
import { isEmptyPlaceholder, isLibraryFileName, journalDevice, journalName, syncEngineFile, type DeviceId } from '../../main/core/sync/index.js';

const DEVICE = 'd-k3v9q2m7x1z4' as DeviceId;
const JOURNAL = journalName(DEVICE);

describe('the files sync engines leave beside a library’s own', () => {
  it.each([
    // Syncthing: <name>.sync-conflict-<date>-<time>-<short device id>.<last extension>
    ['highlights.sync-conflict-20240115-093012-D4LGQYW.json', 'highlights.json', 'syncthing'],
    [`journal.${DEVICE}.sync-conflict-20261205-101500-ABCDEF7.jsonl`, JOURNAL, 'syncthing'],
    ['snapshot.sync-conflict-20261205-101500-.jsonl', 'snapshot.jsonl', 'syncthing'], // no device recorded: the dash stays
    ['library.sync-conflict-20250301-000000-7XQ2ZZZ.json', 'library.json', 'syncthing'],
    // Dropbox: <name> (<host or person>'s conflicted copy <date>).<ext>, old ones without the date, repeats numbered
    ["highlights (Ann's MacBook Pro's conflicted copy 2024-01-15).json", 'highlights.json', 'dropbox'],
    ['snapshot (Laptop’s conflicted copy 2026-12-05).jsonl', 'snapshot.jsonl', 'dropbox'],
    ["snapshot (Laptop's conflicted copy 2026-12-05 (1)).jsonl", 'snapshot.jsonl', 'dropbox'],
    ["snapshot (Laptop's conflicted copy 2026-12-05) (2).jsonl", 'snapshot.jsonl', 'dropbox'],
    ["article (michael johnson's conflicted copy) (michael johnson's conflicted copy) (1).json", 'article.json', 'dropbox'],
    // OneDrive: <name>-<computer>.<ext>, then -2, -3 — only for Marginalia's own names
    ['highlights-john-laptop.json', 'highlights.json', 'onedrive'],
    ['highlights-john-laptop-2.json', 'highlights.json', 'onedrive'],
    [`journal.${DEVICE}-DESKTOP-7K2.jsonl`, JOURNAL, 'onedrive'],
    ['library (2).json', 'library.json', 'onedrive'],
  ])('%s is a conflict copy of %s (%s)', (name, original, engine) => {
    expect(syncEngineFile(name)).toEqual({ original, engine, kind: 'conflict-copy' });
  });

  it('reads a Syncthing conflict copy of a Dropbox conflict copy as a copy of the first original', () => {
    expect(syncEngineFile("snapshot (Laptop's conflicted copy 2026-12-05).sync-conflict-20261206-080000-ABCDEFG.jsonl")).toEqual({ original: 'snapshot.jsonl', engine: 'syncthing', kind: 'conflict-copy' });
  });

  it('knows placeholders and downloads in progress, which are read later, not merged', () => {
    expect(syncEngineFile('.highlights.json.icloud')).toEqual({ original: 'highlights.json', engine: 'icloud', kind: 'placeholder' });
    expect(syncEngineFile('.article.json-tef.icloud')).toEqual({ original: 'article.json', engine: 'icloud', kind: 'placeholder' });
    expect(syncEngineFile(`.syncthing.${JOURNAL}.tmp`)).toEqual({ original: JOURNAL, engine: 'syncthing', kind: 'in-progress' });
    expect(syncEngineFile('~syncthing~snapshot.jsonl.tmp')).toEqual({ original: 'snapshot.jsonl', engine: 'syncthing', kind: 'in-progress' });
  });

  it.each([
    'highlights.json',
    'snapshot.jsonl',
    JOURNAL,
    'journal.jsonl',
    'article.v3.json',
    'notes-work.txt', // could be a OneDrive copy of notes.txt, but notes.txt is not ours: left alone
    'Romeo and Juliet (Conflicts between families).pdf',
    'my-article.json',
    'highlights (final).json',
  ])('%s is not a sync engine’s file', (name) => {
    expect(syncEngineFile(name)).toBeNull();
  });

  it('takes an empty snapshot or article for a placeholder, but not an empty journal', () => {
    expect(isEmptyPlaceholder('snapshot.jsonl', 0)).toBe(true);
    expect(isEmptyPlaceholder('article.json', 0)).toBe(true);
    expect(isEmptyPlaceholder(JOURNAL, 0)).toBe(false);
    expect(isEmptyPlaceholder('article.json', 12)).toBe(false);
  });

  it('names each device’s journal after the device, and reads the device back', () => {
    expect(JOURNAL).toBe('journal.d-k3v9q2m7x1z4.jsonl');
    expect(journalDevice(JOURNAL)).toBe(DEVICE);
    expect(journalDevice('journal.jsonl')).toBeNull();
    expect(isLibraryFileName(JOURNAL)).toBe(true);
    expect(() => journalName('../../etc' as DeviceId)).toThrow(/not a device id/);
  });
});
