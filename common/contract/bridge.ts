/**
 * What the Electron preload exposes on `window.midstance` via contextBridge: a transport for
 * contract calls and events, nothing else. The renderer builds its typed client on top of it.
 */
export interface MidstanceBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export const BRIDGE_GLOBAL = 'midstance';
/**
 * A function the renderer puts on its window: sends what is still being typed and resolves once the core
 * has it. The Electron shell awaits it before the window closes (the page cannot be relied on to finish
 * IPC calls during its own unload).
 */
export const FLUSH_BEFORE_CLOSE_GLOBAL = 'midstanceFlushBeforeClose';
export const IPC_INVOKE_CHANNEL = 'midstance:invoke';
export const IPC_EVENT_CHANNEL = 'midstance:event';
/** Custom scheme for frames in Electron: midstance-frame://frames/<clipId>/<index>?w=<width>. */
export const FRAME_SCHEME = 'midstance-frame';

export function frameUrlPath(clipId: string, index: number, width?: number): string {
  const query = width === undefined ? '' : `?w=${Math.round(width)}`;
  return `/frames/${encodeURIComponent(clipId)}/${index}${query}`;
}
