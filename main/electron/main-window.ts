import { BrowserWindow, type IpcMainEvent, ipcMain } from 'electron';
import { IPC_BEFORE_CLOSE_CHANNEL, IPC_CLOSE_READY_CHANNEL } from '../../common/contract/bridge.ts';
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
  guardCloseUntilFlushed(window, {
    requestFlush: () => window.webContents.send(IPC_BEFORE_CLOSE_CHANNEL),
    onReady(listener) {
      // Only this window's page may say it is ready.
      const ready = (event: IpcMainEvent) => {
        if (event.sender === window.webContents) listener();
      };
      ipcMain.on(IPC_CLOSE_READY_CHANNEL, ready);
      return () => ipcMain.off(IPC_CLOSE_READY_CHANNEL, ready);
    },
  });
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
