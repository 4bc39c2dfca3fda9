import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
}

/**
 * The one main window. Everything security-relevant is spelled out, even where it matches
 * Electron's default, so a future default change cannot loosen it silently.
 */
export function buildWindowOptions({ preloadPath, devTools }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: 'Midstance',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false, // shown on ready-to-show, so no white flash
    backgroundColor: '#0f1412', // the renderer's --bg
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // The spell checker downloads dictionaries from a Google CDN; this app stays offline.
      spellcheck: false,
      devTools,
    },
  };
}
