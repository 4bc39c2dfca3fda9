import { join } from 'node:path';
import type { App } from 'electron';
import { defaultDataDir } from '../platform/paths.ts';

/**
 * Electron and browser mode share one data folder (settings, recent files), honouring
 * MIDSTANCE_HOME. Chromium's own session data (caches, local storage) goes to a subfolder.
 * Must run before the single-instance lock, which lives in the user-data folder.
 */
export function useSharedDataDir(app: App): string {
  const dataDir = defaultDataDir();
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'electron-session'));
  return dataDir;
}
