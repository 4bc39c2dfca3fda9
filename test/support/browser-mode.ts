import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../main/core/create-core.ts';
import type { Core } from '../../main/core/types.ts';
import { rendererRoot } from '../../main/launcher/renderer-root.ts';
import { type BrowserServer, startBrowserServer } from '../../main/server/browser-server.ts';

export interface BrowserModeFixture {
  core: Core;
  server: BrowserServer;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real browser-mode stack (core + HTTP server + built renderer) on a temp data dir. */
export async function startBrowserMode(options: { dataDir?: string } = {}): Promise<BrowserModeFixture> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'midstance-e2e-'));
  const core = createCore({ shell: 'browser', dataDir });
  const server = await startBrowserServer({ core, rendererRoot: rendererRoot() });
  return {
    core,
    server,
    dataDir,
    async stop() {
      await server.close();
      await core.dispose();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
