import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Temp folders standing in for an Electron dist or an app folder; removed by cleanup(). */
export function createScratch() {
  const root = mkdtempSync(join(tmpdir(), 'midstance-electron-'));
  return {
    root,
    dir(...parts: string[]) {
      const path = join(root, ...parts);
      mkdirSync(path, { recursive: true });
      return path;
    },
    /** An executable shell script that records its arguments (one per line) and environment. */
    fakeElectron(dir: string, { exitCode = 0, sleepSeconds = 0 } = {}) {
      const path = join(dir, 'electron');
      writeFileSync(
        path,
        [
          '#!/bin/sh',
          `printf '%s\\n' "$@" > "${join(dir, 'args.txt')}"`,
          `printf '%s' "$ELECTRON_RUN_AS_NODE" > "${join(dir, 'run-as-node.txt')}"`,
          sleepSeconds > 0 ? `sleep ${sleepSeconds}` : '',
          `exit ${exitCode}`,
          '',
        ].join('\n'),
      );
      chmodSync(path, 0o755);
      return path;
    },
    /** An app folder whose node_modules/electron/index.js has the given body. */
    appWithElectronPackage(indexJs: string) {
      const app = this.dir(`app-${Math.random().toString(36).slice(2)}`);
      const pkg = join(app, 'node_modules', 'electron');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
      writeFileSync(join(pkg, 'index.js'), indexJs);
      return app;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
