import { readFileSync } from 'node:fs';

export const APP_NAME = 'Midstance';

/**
 * Read from package.json at start so the CLI, the server and the app report one version.
 * Bundled builds define __MIDSTANCE_VERSION__ instead of reading the file.
 */
declare const __MIDSTANCE_VERSION__: string | undefined;

export const APP_VERSION: string =
  typeof __MIDSTANCE_VERSION__ === 'string'
    ? __MIDSTANCE_VERSION__
    : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
