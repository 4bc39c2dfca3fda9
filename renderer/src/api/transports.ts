import { BRIDGE_GLOBAL, FRAME_SCHEME, type MidstanceBridge, frameUrlPath } from '../../../common/contract/bridge.ts';
import type { Transport } from '../../../common/contract/client.ts';

/** Electron: the preload's contextBridge object; frames through the custom protocol. */
export function electronTransport(bridge: MidstanceBridge): Transport {
  return {
    invoke: (name, input) => bridge.invoke(name, input),
    subscribe: (listener) => bridge.subscribe(listener),
    frameUrl: ({ clipId, index, width }) => `${FRAME_SCHEME}://frames${frameUrlPath(clipId, index, width).slice('/frames'.length)}`,
    onBeforeClose: (flush) => bridge.onBeforeClose(flush),
  };
}

/**
 * Browser mode: same-origin HTTP; the access token travels as an HttpOnly cookie the server set
 * when the launch address was opened, so no script ever holds it.
 */
export function httpTransport(): Transport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let source: EventSource | null = null;
  // From pagehide on, calls are sent with keepalive, so the last typed text still reaches the core when the
  // page is reloaded or closed (an ordinary fetch is cancelled with the page). Registered before any other
  // pagehide listener (the transport exists before the app renders), so their flushes go out this way.
  // keepalive bodies are limited to 64 KiB in total, which is why it is not used all the time.
  let unloading = false;
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => (unloading = true), { capture: true });
    window.addEventListener('pageshow', () => (unloading = false), { capture: true });
  }
  const ensureEvents = () => {
    if (source) return;
    source = new EventSource('/events');
    source.onmessage = (message) => {
      try {
        const { name, payload } = JSON.parse(message.data as string) as { name: string; payload: unknown };
        for (const listener of listeners) listener(name, payload);
      } catch {
        // A malformed event is dropped; calls still work.
      }
    };
  };
  return {
    async invoke(name, input) {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        keepalive: unloading,
      });
      try {
        return await response.json();
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: `Midstance did not answer properly (HTTP ${response.status}).` },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureEvents();
      return () => listeners.delete(listener);
    },
    frameUrl: ({ clipId, index, width }) => frameUrlPath(clipId, index, width),
  };
}

export function detectTransport(): Transport {
  const bridge = (globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as MidstanceBridge | undefined;
  return bridge ? electronTransport(bridge) : httpTransport();
}
