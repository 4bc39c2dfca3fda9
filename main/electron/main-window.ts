import { BrowserWindow } from 'electron';
import type { Core } from '../core/types.ts';
import { guardCloseUntilFlushed } from './close-guard.ts';
import { forwardEvents } from './ipc.ts';
import { APP_ENTRY_URL } from './schemes.ts';
import { buildWindowOptions } from './window-options.ts';

/** The one main window, loading the renderer from our own scheme. */
export function createMainWindow(core: Core, preloadPath: string, devTools: boolean): BrowserWindow {
  const window = new BrowserWindow(buildWindowOptions({ preloadPath, devTools }));
  window.once('ready-to-show', () => window.show());
  forwardEvents(core, window);
  guardCloseUntilFlushed(window);
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('Midstance could not load its user interface:', error);
  });
  return window;
}

export function bringToFront(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
