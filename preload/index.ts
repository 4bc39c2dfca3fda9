import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isCallName } from '../common/contract/api.ts';
import {
  BRIDGE_GLOBAL,
  IPC_BEFORE_CLOSE_CHANNEL,
  IPC_CLOSE_READY_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type MidstanceBridge,
} from '../common/contract/bridge.ts';
import type { Envelope } from '../common/contract/errors.ts';

/**
 * The whole surface the page gets: send a contract call, listen to contract events, save before the
 * window closes. No
 * ipcRenderer, no Node, no arbitrary channel. Call names are checked here too, so a compromised
 * page cannot even make main parse an unknown request.
 */
const bridge: MidstanceBridge = {
  invoke(name, input) {
    if (!isCallName(name)) {
      const refusal: Envelope = { ok: false, error: { code: 'unknown-call', message: `Unknown request "${String(name)}".` } };
      return Promise.resolve(refusal);
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input) as Promise<unknown>;
  },
  subscribe(listener) {
    // The IPC event object (with its sender) never reaches the page.
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.off(IPC_EVENT_CHANNEL, forward);
    };
  },
  onBeforeClose(flush) {
    // Answered also when the flush fails: the typed text stays in the page's autosaver either way.
    const beforeClose = () =>
      void Promise.resolve()
        .then(flush)
        .catch(() => undefined)
        .then(() => ipcRenderer.send(IPC_CLOSE_READY_CHANNEL));
    ipcRenderer.on(IPC_BEFORE_CLOSE_CHANNEL, beforeClose);
    return () => {
      ipcRenderer.off(IPC_BEFORE_CLOSE_CHANNEL, beforeClose);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
