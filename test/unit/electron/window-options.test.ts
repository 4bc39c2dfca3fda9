import { describe, expect, it } from 'vitest';
import { buildWindowOptions } from '../../../main/electron/window-options.ts';

describe('buildWindowOptions', () => {
  const options = buildWindowOptions({ preloadPath: '/app/out/preload/preload.cjs', devTools: false });
  const web = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with Node kept out of every context', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and embedded content off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('stays offline: no spell-checker dictionary downloads', () => {
    expect(web.spellcheck).toBe(false);
  });

  it('uses the given preload and devtools setting', () => {
    expect(web.preload).toBe('/app/out/preload/preload.cjs');
    expect(web.devTools).toBe(false);
    expect(buildWindowOptions({ preloadPath: '/p.cjs', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('opens hidden (shown when ready) at a usable minimum size', () => {
    expect(options.show).toBe(false);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
  });

  it('never hands out a shared object that one caller could loosen for the next', () => {
    const first = buildWindowOptions({ preloadPath: '/a', devTools: false });
    first.webPreferences!.sandbox = false;
    expect(buildWindowOptions({ preloadPath: '/a', devTools: false }).webPreferences?.sandbox).toBe(true);
  });
});
