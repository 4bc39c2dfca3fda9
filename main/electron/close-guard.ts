import { FLUSH_BEFORE_CLOSE_GLOBAL } from '../../common/contract/bridge.ts';

/** The part of a BrowserWindow the guard needs (structural, so it can be tested without Electron). */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
  webContents: { executeJavaScript(code: string, userGesture?: boolean): Promise<unknown> };
}

/**
 * Before the window closes (its close button, quitting the app), the renderer sends what is still being
 * typed and waits for the core's answer; only then does the window close. A page cannot be relied on to
 * finish IPC calls during its own unload, and main refuses calls from a window that is already destroyed.
 * A renderer that does not answer within `timeoutMs` (hung, or still loading) does not keep the window open.
 */
export function guardCloseUntilFlushed(window: ClosableWindow, { timeoutMs = 5000 } = {}): void {
  let state: 'open' | 'flushing' | 'flushed' = 'open';
  window.on('close', (event) => {
    if (state === 'flushed') return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    const flushed = window.webContents
      .executeJavaScript(`globalThis.${FLUSH_BEFORE_CLOSE_GLOBAL}?.()`, true)
      .catch((error: unknown) => console.error('Midstance could not save the last changes before closing:', error));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    void Promise.race([flushed, timedOut]).then(() => {
      clearTimeout(timer);
      state = 'flushed';
      if (!window.isDestroyed()) window.close();
    });
  });
}
