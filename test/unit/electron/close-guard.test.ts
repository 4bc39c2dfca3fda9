import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FLUSH_BEFORE_CLOSE_GLOBAL } from '../../../common/contract/bridge.ts';
import { guardCloseUntilFlushed } from '../../../main/electron/close-guard.ts';

/** A stand-in BrowserWindow: close() emits a cancellable 'close' and closes only when nobody prevented it. */
function fakeWindow(executeJavaScript: (code: string) => Promise<unknown>) {
  const emitter = new EventEmitter();
  let destroyed = false;
  const window = {
    closed: 0,
    on: (event: 'close', listener: (event: { preventDefault(): void }) => void) => emitter.on(event, listener),
    close() {
      let prevented = false;
      emitter.emit('close', { preventDefault: () => (prevented = true) });
      if (!prevented) {
        destroyed = true;
        window.closed++;
      }
    },
    isDestroyed: () => destroyed,
    webContents: { executeJavaScript },
  };
  return window;
}

describe('closing the Electron window', () => {
  it('waits until the renderer has saved what is being typed, then closes once', async () => {
    let finishFlush!: () => void;
    const execute = vi.fn((_code: string) => new Promise<unknown>((resolve) => (finishFlush = () => resolve(undefined))));
    const window = fakeWindow(execute);
    guardCloseUntilFlushed(window);

    window.close();
    window.close(); // a second click while saving
    expect(window.closed).toBe(0);
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0]![0]).toContain(FLUSH_BEFORE_CLOSE_GLOBAL);

    finishFlush();
    await vi.waitFor(() => expect(window.closed).toBe(1));
  });

  it('closes after the timeout when the renderer does not answer, and when the flush fails', async () => {
    const hung = fakeWindow(() => new Promise(() => {}));
    guardCloseUntilFlushed(hung, { timeoutMs: 20 });
    hung.close();
    expect(hung.closed).toBe(0);
    await vi.waitFor(() => expect(hung.closed).toBe(1));

    const failing = fakeWindow(() => Promise.reject(new Error('renderer gone')));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    guardCloseUntilFlushed(failing);
    failing.close();
    await vi.waitFor(() => expect(failing.closed).toBe(1));
    quiet.mockRestore();
  });
});
