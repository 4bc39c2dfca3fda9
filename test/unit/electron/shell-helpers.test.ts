import { describe, expect, it } from 'vitest';
import { appFiles } from '../../../main/electron/app-files.ts';
import { dialogFilters, withProjectExtension } from '../../../main/electron/dialog-filters.ts';
import { buildMenuTemplate } from '../../../main/electron/menu.ts';
import { APP_ORIGIN, PRIVILEGED_SCHEMES } from '../../../main/electron/schemes.ts';
import { FRAME_SCHEME } from '../../../common/contract/bridge.ts';
import { join } from 'node:path';

describe('dialogs', () => {
  it('offers projects for opening and saving, videos for importing', () => {
    expect(dialogFilters('open-project')[0]?.extensions).toEqual(['midstance']);
    expect(dialogFilters('save-project')[0]?.extensions).toEqual(['midstance']);
    expect(dialogFilters('open-video')[0]?.extensions).toEqual(expect.arrayContaining(['mp4', 'mov', 'mkv']));
  });

  it('gives a saved project its extension exactly once', () => {
    expect(withProjectExtension('/home/a/Anna')).toBe('/home/a/Anna.midstance');
    expect(withProjectExtension('/home/a/Anna.midstance')).toBe('/home/a/Anna.midstance');
    expect(withProjectExtension('C:\\runs\\Anna.MIDSTANCE')).toBe('C:\\runs\\Anna.MIDSTANCE');
  });
});

describe('menu', () => {
  it('has the macOS app menu only on macOS and developer items only in development', () => {
    const roles = (platform: NodeJS.Platform, dev: boolean) =>
      buildMenuTemplate(platform, dev).map((item) => item.role ?? item.label);
    expect(roles('darwin', false)).toEqual(['appMenu', 'fileMenu', 'editMenu', 'windowMenu']);
    expect(roles('linux', false)).toEqual(['fileMenu', 'editMenu', 'windowMenu']);
    expect(roles('win32', true)).toContain('Develop');
  });
});

describe('schemes and bundle paths', () => {
  it('registers the app and frame schemes as standard and secure; only frames are readable cross-origin', () => {
    const byName = new Map(PRIVILEGED_SCHEMES.map((scheme) => [scheme.scheme, scheme.privileges]));
    expect(byName.get('midstance-app')).toMatchObject({ standard: true, secure: true });
    expect(byName.get('midstance-app')?.corsEnabled).not.toBe(true);
    expect(byName.get(FRAME_SCHEME)).toMatchObject({ standard: true, secure: true, corsEnabled: true });
    expect(APP_ORIGIN).toBe('midstance-app://app');
  });

  it('points at the electron-vite bundles inside the app folder', () => {
    expect(appFiles('/opt/app.asar')).toEqual({
      preload: join('/opt/app.asar', 'out', 'preload', 'preload.cjs'),
      rendererRoot: join('/opt/app.asar', 'out', 'renderer'),
    });
  });
});
