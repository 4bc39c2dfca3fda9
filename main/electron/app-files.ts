import { join } from 'node:path';

export interface AppFiles {
  preload: string;
  rendererRoot: string;
}

/** Where electron-vite puts the bundles, relative to the app folder (the repo or app.asar). */
export function appFiles(appPath: string): AppFiles {
  return {
    preload: join(appPath, 'out', 'preload', 'preload.cjs'),
    rendererRoot: join(appPath, 'out', 'renderer'),
  };
}
