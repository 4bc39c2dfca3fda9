import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserModeOptions } from '../../../main/launcher/browser-mode.ts';
import { startApp } from '../../../main/launcher/start-app.ts';
import { createScratch } from './fake-electron.ts';

let scratch: ReturnType<typeof createScratch>;
beforeEach(() => {
  scratch = createScratch();
});
afterEach(() => scratch.cleanup());

const io = { stdout: () => {}, stderr: () => {} };

/** Records browser-mode launches instead of serving. */
function browserModeSpy() {
  const calls: BrowserModeOptions[] = [];
  return { calls, run: async (options: BrowserModeOptions) => void calls.push(options) };
}

/** An app folder that looks built (out/main/electron.js exists). */
function builtApp(): string {
  const appDir = scratch.dir('app');
  mkdirSync(join(appDir, 'out', 'main'), { recursive: true });
  writeFileSync(join(appDir, 'out', 'main', 'electron.js'), '');
  return appDir;
}

const withDisplay = { PATH: process.env.PATH, DISPLAY: ':0' };

describe('startApp', () => {
  it('goes straight to browser mode with --browser, passing files as absolute paths', async () => {
    const spy = browserModeSpy();
    const code = await startApp(
      { files: ['clip.mp4'], browser: true, port: 8123, openBrowser: false, io, env: withDisplay, appDir: builtApp() },
      spy.run,
    );
    expect(code).toBe(0);
    expect(spy.calls).toEqual([
      { files: [resolve('clip.mp4')], port: 8123, openBrowser: false, io, reason: undefined },
    ]);
  });

  it.skipIf(process.platform !== 'linux')('falls back when there is no display', async () => {
    const spy = browserModeSpy();
    await startApp({ files: [], browser: false, port: undefined, openBrowser: true, io, env: { PATH: process.env.PATH }, appDir: builtApp() }, spy.run);
    expect(spy.calls[0]?.reason).toBe('no display to show a window on');
  });

  it('falls back when the Electron bundle has not been built', async () => {
    const spy = browserModeSpy();
    await startApp({ files: [], browser: false, port: undefined, openBrowser: true, io, env: withDisplay, appDir: scratch.dir('unbuilt') }, spy.run);
    expect(spy.calls[0]?.reason).toMatch(/not been built/);
  });

  it('falls back with the reason when the electron package is missing', async () => {
    const spy = browserModeSpy();
    await startApp({ files: [], browser: false, port: undefined, openBrowser: true, io, env: withDisplay, appDir: builtApp() }, spy.run);
    expect(spy.calls[0]?.reason).toBe('the electron package is not installed');
  });

  it.skipIf(process.platform === 'win32')('runs Electron from ELECTRON_OVERRIDE_DIST_PATH and returns its exit code', async () => {
    const spy = browserModeSpy();
    const dist = scratch.dir('dist');
    scratch.fakeElectron(dist);
    const appDir = builtApp();
    const code = await startApp(
      { files: ['run.mov'], browser: false, port: undefined, openBrowser: true, io, env: { ...withDisplay, ELECTRON_OVERRIDE_DIST_PATH: dist }, appDir },
      spy.run,
    );
    expect(code).toBe(0);
    expect(spy.calls).toEqual([]);
    expect(readFileSync(join(dist, 'args.txt'), 'utf8').trim().split('\n')).toEqual([appDir, resolve('run.mov')]);
  });

  it.skipIf(process.platform === 'win32')('falls back when Electron dies on start (no sandbox, missing libraries …)', async () => {
    const spy = browserModeSpy();
    const dist = scratch.dir('dist');
    scratch.fakeElectron(dist, { exitCode: 1 });
    await startApp(
      { files: [], browser: false, port: undefined, openBrowser: true, io, env: { ...withDisplay, ELECTRON_OVERRIDE_DIST_PATH: dist }, appDir: builtApp() },
      spy.run,
    );
    expect(spy.calls[0]?.reason).toBe('Electron stopped right after starting (exit code 1)');
  });
});
