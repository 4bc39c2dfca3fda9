/**
 * What the Electron preload exposes on `window.midstance` via contextBridge: a transport for
 * contract calls and events, nothing else. The renderer builds its typed client on top of it.
 */
export interface MidstanceBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  /**
   * The window is about to close: `flush` sends what is still being typed; main closes the window once it
   * has settled (or after a timeout). The page cannot be relied on to finish IPC calls during its own unload.
   */
  onBeforeClose(flush: () => Promise<unknown>): () => void;
}

export const BRIDGE_GLOBAL = 'midstance';
/** Main → page: the window wants to close; page → main: what was typed is saved, close now. */
export const IPC_BEFORE_CLOSE_CHANNEL = 'midstance:before-close';
export const IPC_CLOSE_READY_CHANNEL = 'midstance:close-ready';
export const IPC_INVOKE_CHANNEL = 'midstance:invoke';
export const IPC_EVENT_CHANNEL = 'midstance:event';
/** Custom scheme for frames in Electron: midstance-frame://frames/<clipId>/<index>?w=<width>. */
export const FRAME_SCHEME = 'midstance-frame';

export function frameUrlPath(clipId: string, index: number, width?: number): string {
  const query = width === undefined ? '' : `?w=${Math.round(width)}`;
  return `/frames/${encodeURIComponent(clipId)}/${index}${query}`;
}
