import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  electronExecutableName,
  explainLookupFailure,
  findElectron,
  launchElectron,
} from '../../../main/launcher/electron-launch.ts';
import { createScratch } from './fake-electron.ts';

const posix = process.platform !== 'win32';
let scratch: ReturnType<typeof createScratch>;
beforeEach(() => {
  scratch = createScratch();
});
afterEach(() => scratch.cleanup());

/** The real electron package's failure when its binary is missing and cannot be downloaded. */
const DOWNLOAD_FAILS = `
  console.log('Downloading Electron binary...');
  console.error('RequestError: getaddrinfo ENOTFOUND github.com');
  throw new Error('Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.');
`;

describe('electronExecutableName', () => {
  it('matches the electron package layout per platform', () => {
    expect(electronExecutableName('linux')).toBe('electron');
    expect(electronExecutableName('win32')).toBe('electron.exe');
    expect(electronExecutableName('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe.skipIf(!posix)('findElectron', () => {
  it('uses ELECTRON_OVERRIDE_DIST_PATH without loading the electron package', async () => {
    const dist = scratch.dir('dist');
    const executable = scratch.fakeElectron(dist);
    // The package would fail: proof that the override short-circuits it.
    const appDir = scratch.appWithElectronPackage(DOWNLOAD_FAILS);
    const lookup = await findElectron({ appDir, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist } });
    expect(lookup).toEqual({ found: true, path: executable });
  });

  it('says what is wrong when the override folder has no executable Electron', async () => {
    const empty = scratch.dir('empty-dist');
    const missing = await findElectron({ appDir: scratch.root, env: { ELECTRON_OVERRIDE_DIST_PATH: empty } });
    expect(missing).toEqual({ found: false, reason: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH is set') });

    const notExecutable = scratch.dir('plain-dist');
    writeFileSync(join(notExecutable, 'electron'), 'not a program');
    const plain = await findElectron({ appDir: scratch.root, env: { ELECTRON_OVERRIDE_DIST_PATH: notExecutable } });
    expect(plain.found).toBe(false);
  });

  it('asks the electron package in a child process and returns the binary it names', async () => {
    const executable = scratch.fakeElectron(scratch.dir('pkg-dist'));
    const appDir = scratch.appWithElectronPackage(`
      console.error('noise the user must not see');
      module.exports = ${JSON.stringify(executable)};
    `);
    const env = { ...process.env };
    delete env.ELECTRON_OVERRIDE_DIST_PATH;
    expect(await findElectron({ appDir, env })).toEqual({ found: true, path: executable });
  });

  it('reports a binary that cannot be downloaded as a one-line reason', async () => {
    const appDir = scratch.appWithElectronPackage(DOWNLOAD_FAILS);
    const lookup = await findElectron({ appDir, env: { PATH: process.env.PATH } });
    expect(lookup).toEqual({ found: false, reason: 'the Electron binary is not installed and could not be downloaded' });
  });

  it('reports a missing electron package', async () => {
    const appDir = scratch.dir('no-electron-here');
    const lookup = await findElectron({ appDir, env: { PATH: process.env.PATH } });
    expect(lookup).toEqual({ found: false, reason: 'the electron package is not installed' });
  });

  it('refuses a path the package names when nothing executable is there', async () => {
    const appDir = scratch.appWithElectronPackage(`module.exports = '/nonexistent/electron';`);
    const lookup = await findElectron({ appDir, env: { PATH: process.env.PATH } });
    expect(lookup).toEqual({ found: false, reason: expect.stringContaining('/nonexistent/electron') });
  });

  it('gives up after the timeout and kills the downloader it started, too', async () => {
    const pidFile = join(scratch.root, 'downloader.pid');
    const appDir = scratch.appWithElectronPackage(`
      const { spawnSync } = require('node:child_process');
      // Like the real package: a synchronous downloader child sharing our output pipes.
      spawnSync(process.execPath, ['-e', ${JSON.stringify(
        `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setTimeout(() => {}, 60000);`,
      )}], { stdio: 'inherit' });
    `);
    const started = Date.now();
    const lookup = await findElectron({ appDir, env: { PATH: process.env.PATH }, timeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(lookup).toEqual({ found: false, reason: expect.stringContaining('took longer than') });
    expect(existsSync(pidFile)).toBe(true);
    const downloader = Number(readFileSync(pidFile, 'utf8'));
    expect(await diesWithin(downloader, 3000)).toBe(true);
  });
});

/** Whether a process is gone (or a zombie waiting to be reaped) within the time limit. */
async function diesWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A killed process whose parent is gone can linger as a zombie until init reaps it.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

describe('explainLookupFailure', () => {
  it('falls back to the first error line for unexpected failures', () => {
    expect(explainLookupFailure('at x\nSyntaxError: Unexpected token\n  at y')).toBe(
      'the electron package failed to load (SyntaxError: Unexpected token)',
    );
    expect(explainLookupFailure('')).toBe('the electron package failed to load');
  });
});

describe.skipIf(!posix)('launchElectron', () => {
  it('runs Electron on the app folder with the files, without ELECTRON_RUN_AS_NODE', async () => {
    const dist = scratch.dir('dist');
    const electronPath = scratch.fakeElectron(dist);
    const run = await launchElectron({
      electronPath,
      appDir: '/work/app',
      files: ['/data/anna.midstance', '/data/run 1.mp4'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(run).toEqual({ started: true, exitCode: 0 });
    expect(readFileSync(join(dist, 'args.txt'), 'utf8').split('\n')).toEqual([
      '/work/app',
      '/data/anna.midstance',
      '/data/run 1.mp4',
      '',
    ]);
    expect(readFileSync(join(dist, 'run-as-node.txt'), 'utf8')).toBe('');
  });

  it('treats an immediate failure as "cannot start here"', async () => {
    const electronPath = scratch.fakeElectron(scratch.dir('dist'), { exitCode: 3 });
    const run = await launchElectron({ electronPath, appDir: '/app', files: [] });
    expect(run).toEqual({ started: false, reason: 'Electron stopped right after starting (exit code 3)' });
  });

  it('passes on the exit code of a session that ran past start-up', async () => {
    const electronPath = scratch.fakeElectron(scratch.dir('dist'), { exitCode: 3, sleepSeconds: 0.4 });
    const run = await launchElectron({ electronPath, appDir: '/app', files: [], startupGraceMs: 100 });
    expect(run).toEqual({ started: true, exitCode: 3 });
  });

  it('reports a binary that cannot be executed', async () => {
    const run = await launchElectron({ electronPath: join(scratch.root, 'missing'), appDir: '/app', files: [] });
    expect(run).toEqual({ started: false, reason: 'Electron could not be started (ENOENT)' });
  });
});
