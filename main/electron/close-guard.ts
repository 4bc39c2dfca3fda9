/** The part of a BrowserWindow the guard needs (structural, so it can be tested without Electron). */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

/** How main asks this window's page to save what is being typed, and hears that it has. */
export interface CloseChannel {
  requestFlush(): void;
  /** Calls `listener` when the page answers; returns how to stop listening. */
  onReady(listener: () => void): () => void;
}

/**
 * Before the window closes (its close button, quitting the app), the page sends what is still being typed
 * and waits for the core's answer; only then does the window close. A page cannot be relied on to finish IPC
 * calls during its own unload, and main refuses calls from a window that is already destroyed. A page that
 * does not answer within `timeoutMs` (hung, or still loading) does not keep the window open.
 */
export function guardCloseUntilFlushed(window: ClosableWindow, channel: CloseChannel, { timeoutMs = 5000 } = {}): void {
  let state: 'open' | 'flushing' | 'flushed' = 'open';
  window.on('close', (event) => {
    if (state === 'flushed') return;
    event.preventDefault();
    if (state === 'flushing') return;
    state = 'flushing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = () => {
      if (state !== 'flushing') return;
      stopListening();
      clearTimeout(timer);
      state = 'flushed';
      if (!window.isDestroyed()) window.close();
    };
    const stopListening = channel.onReady(finish);
    timer = setTimeout(finish, timeoutMs);
    channel.requestFlush();
  });
}
