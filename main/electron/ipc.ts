import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../common/contract/bridge.ts';
import { type Envelope, MidstanceError } from '../../common/contract/errors.ts';
import { dispatch } from '../core/dispatch.ts';
import type { Core } from '../core/types.ts';
import { isTrustedSender } from './sender-check.ts';
import { APP_ENTRY_URL } from './schemes.ts';

/**
 * The IPC adapter: one channel into core's dispatcher (which validates every payload), answered
 * only for our own window's main frame at our own origin.
 */
export function registerIpc(core: Core, currentWindow: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<Envelope> => {
    if (!isFromMainWindow(event, currentWindow())) {
      const error = new MidstanceError('unauthorized', 'Request from an unknown page refused.');
      return { ok: false, error: error.toShape() };
    }
    // Long calls stop when the window that asked goes away.
    const abort = new AbortController();
    const onDestroyed = () => abort.abort();
    event.sender.once('destroyed', onDestroyed);
    try {
      return await dispatch(core.handlers, name, input, { signal: abort.signal });
    } finally {
      event.sender.off('destroyed', onDestroyed);
    }
  });
}

/** Forwards core events to the window for as long as it lives. */
export function forwardEvents(core: Core, window: BrowserWindow): void {
  const unsubscribe = core.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  window.once('closed', unsubscribe);
}

function isFromMainWindow(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  return (
    window !== null &&
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame.parent === null && // the top frame, never an iframe
    isTrustedSender(frame.url, APP_ENTRY_URL)
  );
}

