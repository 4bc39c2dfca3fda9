import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../cli/command.ts';
import { type BrowserModeOptions, runBrowserMode } from './browser-mode.ts';
import { findElectron, launchElectron } from './electron-launch.ts';
import { canShowWindows } from './open-browser.ts';

export interface StartOptions {
  files: string[];
  /** Skip Electron and serve browser mode straight away. */
  browser: boolean;
  port: number | undefined;
  openBrowser: boolean;
  io: CliIo;
  env?: NodeJS.ProcessEnv;
  /** The app folder Electron runs (package.json "main" → out/main/electron.js). */
  appDir?: string;
  lookupTimeoutMs?: number;
}

export type BrowserModeRunner = (options: BrowserModeOptions) => Promise<void>;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ELECTRON_MAIN_BUNDLE = join('out', 'main', 'electron.js');

/**
 * `midstance start`: the Electron app where Electron can run here, otherwise — saying why —
 * the same app in browser mode. Returns the exit code.
 */
export async function startApp(options: StartOptions, runBrowser: BrowserModeRunner = runBrowserMode): Promise<number> {
  const files = options.files.map((file) => resolve(file));
  const browserMode = async (reason: string | undefined) => {
    await runBrowser({ files, port: options.port, openBrowser: options.openBrowser, io: options.io, reason });
    return 0;
  };
  if (options.browser) return browserMode(undefined);

  const env = options.env ?? process.env;
  const appDir = options.appDir ?? REPO_ROOT;
  const reason = whyElectronCannotRun(appDir, env);
  if (reason) return browserMode(reason);

  const lookup = await findElectron({ appDir, env, ...(options.lookupTimeoutMs ? { timeoutMs: options.lookupTimeoutMs } : {}) });
  if (!lookup.found) return browserMode(lookup.reason);

  const run = await launchElectron({ electronPath: lookup.path, appDir, files, env });
  if (!run.started) return browserMode(run.reason);
  return run.exitCode;
}

function whyElectronCannotRun(appDir: string, env: NodeJS.ProcessEnv): string | undefined {
  if (!canShowWindows(env)) return 'no display to show a window on';
  if (!existsSync(join(appDir, ELECTRON_MAIN_BUNDLE))) return 'the Electron app has not been built; run "npm run build"';
  return undefined;
}
