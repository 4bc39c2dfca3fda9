import { join, resolve } from 'node:path';
import type { CliIo } from '../cli/command.ts';
import { createCore } from '../core/create-core.ts';
import { startBrowserServer } from '../server/browser-server.ts';
import { defaultDataDir } from '../platform/paths.ts';
import { describeWindowLaunch, openInChromium } from './open-browser.ts';
import { rendererRoot } from './renderer-root.ts';

export interface BrowserModeOptions {
  files: string[];
  port: number | undefined;
  openBrowser: boolean;
  io: CliIo;
  /** Why Electron is not used, when we fell back to browser mode. */
  reason: string | undefined;
}

/** Serves the app on loopback until SIGINT/SIGTERM; resolves once shut down cleanly. */
export async function runBrowserMode(options: BrowserModeOptions): Promise<void> {
  const root = rendererRoot();
  const dataDir = defaultDataDir();
  const core = createCore({ shell: 'browser', dataDir });
  for (const file of options.files) core.requestOpen(resolve(file));
  if (options.files.length === 0) core.resumeLastProject();
  const server = await startBrowserServer({ core, rendererRoot: root, port: options.port });

  if (options.reason) options.io.stdout(`Electron is not available (${options.reason}); using browser mode.\n`);
  options.io.stdout(`Midstance is running in browser mode at:\n\n  ${server.url}\n\n`);
  options.io.stdout('Only this machine can reach it, and only with the token in that address. Press Ctrl+C to stop.\n');
  if (options.openBrowser) {
    options.io.stdout(describeWindowLaunch(await openInChromium(server.url, join(dataDir, 'browser-profile'))));
  }

  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  options.io.stdout('Stopping Midstance…\n');
  await server.close();
  await core.dispose();
}
