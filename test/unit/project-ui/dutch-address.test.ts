import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Dutch texts address the user one way: informally ("je"), as the rest of the app does. A formal "u" or "uw"
 * among them reads as two writers. Unit names such as km/u are not a form of address.
 */
const root = join(import.meta.dirname, '..', '..', '..');
const dutchSources = [
  ...readdirSync(join(root, 'renderer/src/i18n'))
    .filter((name) => /(^|-)nl\.ts$/.test(name))
    .map((name) => join('renderer/src/i18n', name)),
  'common/error-text.ts',
  'common/media-warning-text.ts',
  'common/gait/gait-text.ts',
  'resources/checklists/running-technique.json',
];

describe('Dutch texts', () => {
  it.each(dutchSources)('%s says "je", never the formal "u"/"uw"', (file) => {
    const text = readFileSync(join(root, file), 'utf8').replaceAll('km/u', '');
    const formal = [...text.matchAll(/(?<![\p{L}/])(u|uw|U|Uw)(?![\p{L}/])/gu)].map((match) => text.slice(Math.max(0, match.index - 30), match.index + 30));
    expect(formal).toEqual([]);
  });
});
