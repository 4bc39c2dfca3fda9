import type { FileFilter } from 'electron';
import type { DialogPurpose } from '../core/app-handlers.ts';
import { PROJECT_EXTENSION, VIDEO_EXTENSIONS } from '../platform/paths.ts';

const PROJECT_FILTER: FileFilter = { name: 'Midstance project', extensions: [PROJECT_EXTENSION.slice(1)] };
const VIDEO_FILTER: FileFilter = { name: 'Video', extensions: [...VIDEO_EXTENSIONS].map((ext) => ext.slice(1)) };

export function dialogFilters(purpose: DialogPurpose): FileFilter[] {
  return purpose === 'open-video' ? [VIDEO_FILTER] : [PROJECT_FILTER];
}

/** Linux save dialogs do not add the extension a filter implies; a project must always carry it. */
export function withProjectExtension(path: string): string {
  return path.toLowerCase().endsWith(PROJECT_EXTENSION) ? path : `${path}${PROJECT_EXTENSION}`;
}
