import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SHORTCUTS } from '../../renderer/shortcuts.js';

describe('the shortcuts', () => {
  it('the README lists every key the "?" dialog shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const keys = SHORTCUTS.flatMap((s) => s.keys.split(' or ').flatMap((k) => k.split(/ \/ | – /u))).map((k) => k.trim());
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) expect(readme, key).toContain(`\`${key}\``);
  });
});
