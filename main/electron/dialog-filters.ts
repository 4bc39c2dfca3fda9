import type { FileFilter } from 'electron';
import type { DialogPurpose } from '../core/app-handlers.ts';
import { PROJECT_EXTENSION, VIDEO_EXTENSIONS } from '../platform/paths.ts';

const PROJECT_FILTER: FileFilter = { name: 'Midstance project', extensions: [PROJECT_EXTENSION.slice(1)] };
const VIDEO_FILTER: FileFilter = { name: 'Video', extensions: [...VIDEO_EXTENSIONS].map((ext) => ext.slice(1)) };

export function dialogFilters(purpose: DialogPurpose, defaultName?: string): FileFilter[] {
  if (purpose === 'save-export') {
    const extension = exportExtension(defaultName);
    return extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [];
  }
  return purpose === 'open-video' ? [VIDEO_FILTER] : [PROJECT_FILTER];
}

const exportExtension = (name: string | undefined): string | null => /\.([A-Za-z0-9]{1,8})$/.exec(name ?? '')?.[1]?.toLowerCase() ?? null;

/** An export keeps the extension its format needs, whatever the dialog returned. */
export function withExtensionOf(path: string, defaultName: string | undefined): string {
  const extension = exportExtension(defaultName);
  return extension === null || path.toLowerCase().endsWith(`.${extension}`) ? path : `${path}.${extension}`;
}

/** Linux save dialogs do not add the extension a filter implies; a project must always carry it. */
export function withProjectExtension(path: string): string {
  return path.toLowerCase().endsWith(PROJECT_EXTENSION) ? path : `${path}${PROJECT_EXTENSION}`;
}
