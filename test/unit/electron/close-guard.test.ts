import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { guardCloseUntilFlushed } from '../../../main/electron/close-guard.ts';

/** A stand-in BrowserWindow: close() emits a cancellable 'close' and closes only when nobody prevented it. */
function fakeWindow() {
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
  };
  return window;
}

/** The page side: answers when the test says so. */
function fakeChannel() {
  const listeners = new Set<() => void>();
  return {
    requests: 0,
    listening: () => listeners.size,
    answer: () => [...listeners].forEach((listener) => listener()),
    requestFlush() {
      this.requests++;
    },
    onReady(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

describe('closing the Electron window', () => {
  it('waits until the page has saved what is being typed, then closes once', async () => {
    const window = fakeWindow();
    const channel = fakeChannel();
    guardCloseUntilFlushed(window, channel);

    window.close();
    window.close(); // a second click while saving
    expect(window.closed).toBe(0);
    expect(channel.requests).toBe(1);

    channel.answer();
    expect(window.closed).toBe(1);
    expect(channel.listening()).toBe(0);
  });

  it('closes after the timeout when the page does not answer', async () => {
    const window = fakeWindow();
    const channel = fakeChannel();
    guardCloseUntilFlushed(window, channel, { timeoutMs: 20 });
    window.close();
    expect(window.closed).toBe(0);
    await vi.waitFor(() => expect(window.closed).toBe(1));
    expect(channel.listening()).toBe(0);
    channel.answer(); // a late answer changes nothing
    expect(window.closed).toBe(1);
  });
});
