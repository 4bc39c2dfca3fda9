import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';

/** The regular and bold files of the one font Midstance draws with (overlays on exports, the PDF report). */
export interface BundledFonts {
  regular: string;
  bold: string;
}

/** Where resources/fonts may be: beside the sources (CLI, tests), the bundled main (out/main) or a packaged app. */
export function fontFolderCandidates(): string[] {
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  return [
    join(import.meta.dirname, '..', '..', 'resources', 'fonts'),
    join(import.meta.dirname, '..', '..', '..', 'resources', 'fonts'),
    // Unpacked first: the native canvas cannot read inside the asar (pdfkit can, through Electron's fs).
    ...(typeof resources === 'string'
      ? [join(resources, 'app.asar.unpacked', 'resources', 'fonts'), join(resources, 'app.asar', 'resources', 'fonts'), join(resources, 'resources', 'fonts')]
      : []),
  ];
}

let found: BundledFonts | null = null;

/**
 * DejaVu Sans Condensed, shipped in resources/fonts (licence beside it), so overlays and reports look the
 * same on every machine, fonts installed or not. Looked up once.
 */
export function bundledFonts(): BundledFonts {
  return (found ??= findFonts(fontFolderCandidates()));
}

export function findFonts(candidates: readonly string[]): BundledFonts {
  for (const root of candidates) {
    const regular = join(root, 'DejaVuSansCondensed.ttf');
    const bold = join(root, 'DejaVuSansCondensed-Bold.ttf');
    if (existsSync(regular) && existsSync(bold)) return { regular, bold };
  }
  throw new MidstanceError('internal', `The font Midstance draws with (DejaVu Sans Condensed) is missing from this installation (looked in ${candidates.join(', ')}). Reinstall Midstance.`);
}
