import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BRIDGE_GLOBAL,
  IPC_BEFORE_CLOSE_CHANNEL,
  IPC_CLOSE_READY_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type MidstanceBridge,
} from '../../../common/contract/bridge.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { createCore } from '../../../main/core/create-core.ts';
import type { Core, FrameSource } from '../../../main/core/types.ts';

/**
 * The Electron adapters run against a stand-in for the electron module (Electron itself cannot
 * start here): what they register is then driven like Electron would drive it.
 */
const fake = vi.hoisted(() => ({
  protocols: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  exposed: new Map<string, unknown>(),
  rendererListeners: new Map<string, (...args: unknown[]) => void>(),
  rendererInvokes: [] as unknown[][],
  rendererSends: [] as unknown[][],
}));

vi.mock('electron', () => ({
  protocol: { handle: (scheme: string, handler: (request: Request) => Promise<Response>) => fake.protocols.set(scheme, handler) },
  ipcMain: { handle: (channel: string, handler: never) => fake.ipcHandlers.set(channel, handler) },
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer: {
    send: (...args: unknown[]) => fake.rendererSends.push(args),
    invoke: async (...args: unknown[]) => {
      fake.rendererInvokes.push(args);
      return { ok: true, value: 'from main' };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => fake.rendererListeners.set(channel, listener),
    off: (channel: string, listener: unknown) => {
      if (fake.rendererListeners.get(channel) === listener) fake.rendererListeners.delete(channel);
    },
  },
}));

const { registerAppProtocol, registerFrameProtocol, ELECTRON_CSP } = await import('../../../main/electron/protocols.ts');
const { registerIpc, forwardEvents } = await import('../../../main/electron/ipc.ts');
const { APP_ENTRY_URL, APP_ORIGIN } = await import('../../../main/electron/schemes.ts');

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'midstance-wiring-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

describe('app protocol', () => {
  const serve = async (url: string, init?: RequestInit) => {
    const root = join(scratch, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Midstance</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(scratch, 'secret.txt'), 'outside the renderer');
    registerAppProtocol(root);
    return fake.protocols.get('midstance-app')!(new Request(url, init));
  };

  it('serves the renderer with the strict CSP that allows our frame scheme and nothing remote', async () => {
    const response = await serve(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Midstance</title>');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy');
    expect(csp).toBe(ELECTRON_CSP);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/img-src [^;]*midstance-frame:/);
    expect(csp).not.toMatch(/unsafe-eval|https?:|\*/);
  });

  it('serves bundle assets with their type', async () => {
    const response = await serve('midstance-app://app/assets/app.js');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toBe('console.log(1)');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const url of ['midstance-app://app/..%2Fsecret.txt', 'midstance-app://app/%2e%2e/secret.txt', 'midstance-app://app/../secret.txt']) {
      expect(await (await serve(url)).text()).not.toContain('outside the renderer');
    }
  });

  it('refuses another host on the app scheme', async () => {
    expect((await serve('midstance-app://elsewhere/index.html')).status).toBe(404);
  });

  it('refuses writes', async () => {
    expect((await serve(APP_ENTRY_URL, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});

describe('frame protocol', () => {
  const requests: unknown[] = [];
  const frames: FrameSource = {
    async getFrame(request) {
      requests.push(request);
      if (request.clipId === 'gone') throw new MidstanceError('not-found', 'That clip is no longer open.');
      return { data: new Uint8Array([0xff, 0xd8, 0xff]), contentType: 'image/jpeg' };
    },
  };
  const get = (url: string) => {
    registerFrameProtocol(frames);
    return fake.protocols.get('midstance-frame')!(new Request(url));
  };
  beforeEach(() => {
    requests.length = 0;
  });

  it('serves core frames, readable by our app origin only', async () => {
    const response = await get('midstance-frame://frames/clip_1/12?w=320');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0xff, 0xd8, 0xff]);
    expect(requests).toEqual([{ clipId: 'clip_1', index: 12, width: 320 }]);
  });

  it('answers a bad address with a JSON error and never asks core', async () => {
    const response = await get('midstance-frame://frames/..%2Fetc/1');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(requests).toEqual([]);
  });

  it('passes core’s error message on to the renderer', async () => {
    const response = await get('midstance-frame://frames/gone/1');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'not-found', message: 'That clip is no longer open.' } });
  });
});

describe('IPC adapter', () => {
  let core: Core;
  const webContents = Object.assign(new EventEmitter(), { send: vi.fn(), mainFrame: {} });
  let destroyed = false;
  const window = Object.assign(new EventEmitter(), { webContents, isDestroyed: () => destroyed });

  beforeEach(() => {
    destroyed = false;
    webContents.send.mockReset();
    core = createCore({ shell: 'test', dataDir: scratch });
    registerIpc(core, () => window as never);
  });

  const invoke = (name: unknown, input: unknown, sender: Partial<{ url: string; parent: unknown; contents: unknown }> = {}) =>
    fake.ipcHandlers.get(IPC_INVOKE_CHANNEL)!(
      { sender: sender.contents ?? webContents, senderFrame: { url: sender.url ?? APP_ENTRY_URL, parent: sender.parent ?? null } },
      name,
      input,
    );

  it('dispatches calls from our main frame into core', async () => {
    expect(await invoke('app.info', {})).toMatchObject({ ok: true, value: { name: 'Midstance', shell: 'test' } });
  });

  it('lets the dispatcher reject invalid payloads and unknown calls', async () => {
    expect(await invoke('recent.forget', { path: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await invoke('shell.exec', { command: 'rm' })).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it.each([
    ['a foreign page', { url: 'https://example.com/' }],
    ['a local file', { url: 'file:///tmp/evil.html' }],
    ['an iframe inside our page', { parent: {} }],
    ['another web contents', { contents: new EventEmitter() }],
  ])('refuses %s', async (_label, sender) => {
    expect(await invoke('app.info', {}, sender)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses calls once the window is gone', async () => {
    destroyed = true;
    expect(await invoke('app.info', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('does not leave a listener behind per call', async () => {
    await invoke('app.info', {});
    await invoke('app.info', {});
    expect(webContents.listenerCount('destroyed')).toBe(0);
  });

  it('forwards core events to the window until it closes', () => {
    forwardEvents(core, window as never);
    core.requestOpen('/runs/anna.midstance');
    expect(webContents.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, 'app.openRequested', {
      kind: 'project',
      path: '/runs/anna.midstance',
    });
    window.emit('closed');
    core.requestOpen('/runs/bert.mp4');
    expect(webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('preload bridge', async () => {
  await import('../../../preload/index.ts');
  const bridge = fake.exposed.get(BRIDGE_GLOBAL) as MidstanceBridge;

  it('exposes only invoke, subscribe and onBeforeClose', () => {
    expect([...fake.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onBeforeClose', 'subscribe']);
  });

  it('before the window closes: runs the flush, then tells main it may close (also when the flush failed)', async () => {
    let finish!: () => void;
    const off = bridge.onBeforeClose(() => new Promise<void>((resolve) => (finish = resolve)));
    fake.rendererListeners.get(IPC_BEFORE_CLOSE_CHANNEL)!({ sender: 'ipc internals' });
    await Promise.resolve();
    expect(fake.rendererSends).toEqual([]);
    finish();
    await vi.waitFor(() => expect(fake.rendererSends).toEqual([[IPC_CLOSE_READY_CHANNEL]]));
    off();
    expect(fake.rendererListeners.has(IPC_BEFORE_CLOSE_CHANNEL)).toBe(false);

    fake.rendererSends.length = 0;
    bridge.onBeforeClose(() => Promise.reject(new Error('disk full')));
    fake.rendererListeners.get(IPC_BEFORE_CLOSE_CHANNEL)!({ sender: 'ipc internals' });
    await vi.waitFor(() => expect(fake.rendererSends).toEqual([[IPC_CLOSE_READY_CHANNEL]]));
  });

  it('sends contract calls over the invoke channel', async () => {
    fake.rendererInvokes.length = 0;
    expect(await bridge.invoke('app.info', {})).toEqual({ ok: true, value: 'from main' });
    expect(fake.rendererInvokes).toEqual([[IPC_INVOKE_CHANNEL, 'app.info', {}]]);
  });

  it('refuses names outside the contract without bothering main', async () => {
    fake.rendererInvokes.length = 0;
    for (const name of ['fs.readFile', '__proto__', 'constructor', 42]) {
      expect(await bridge.invoke(name as string, {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    }
    expect(fake.rendererInvokes).toEqual([]);
  });

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.subscribe((...args) => received.push(args));
    const listener = fake.rendererListeners.get(IPC_EVENT_CHANNEL)!;
    listener({ sender: 'ipc internals' }, 'app.openRequested', { kind: 'video', path: '/a.mp4' });
    expect(received).toEqual([['app.openRequested', { kind: 'video', path: '/a.mp4' }]]);
    unsubscribe();
    expect(fake.rendererListeners.has(IPC_EVENT_CHANNEL)).toBe(false);
  });
});
