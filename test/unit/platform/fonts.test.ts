import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFonts, findFonts, fontFolderCandidates } from '../../../main/platform/fonts.ts';
import { reportFonts } from '../../../main/report/pdf-writer.ts';

describe('the one font lookup (exports and report)', () => {
  it('finds the shipped DejaVu files from the sources, and the report uses the same ones', () => {
    const fonts = bundledFonts();
    expect(fonts.regular).toMatch(/resources[\\/]fonts[\\/]DejaVuSansCondensed\.ttf$/);
    expect(fonts.bold).toMatch(/DejaVuSansCondensed-Bold\.ttf$/);
    expect(reportFonts()).toEqual(fonts);
    expect(fontFolderCandidates()[0]).toMatch(/resources[\\/]fonts$/);
  });
});

describe('a missing font', () => {
  it('is one clear internal error naming where it looked (a folder with only the regular file does not count)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'midstance-fonts-'));
    try {
      mkdirSync(join(dir, 'fonts'));
      writeFileSync(join(dir, 'fonts', 'DejaVuSansCondensed.ttf'), 'x');
      expect(() => findFonts([join(dir, 'fonts'), join(dir, 'nowhere')])).toThrow(/DejaVu Sans Condensed\) is missing .*looked in .*fonts, .*nowhere/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
