import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronLookup = { found: true; path: string } | { found: false; reason: string };

export interface FindElectronOptions {
  /** The folder whose node_modules holds the electron package (the repo or an install). */
  appDir: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  timeoutMs?: number;
}

const DEFAULT_LOOKUP_TIMEOUT_MS = 20_000;

/** The executable inside an Electron dist folder, as the electron package names it. */
export function electronExecutableName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Finds the Electron binary without ever touching Electron from this process: the electron
 * package resolves (and, when missing, tries to download) its binary when required, so that
 * happens in a child Node process whose output is captured and whose time is bounded.
 */
export async function findElectron(options: FindElectronOptions): Promise<ElectronLookup> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, electronExecutableName(platform));
    return isExecutableFile(path)
      ? { found: true, path }
      : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${path} is not an executable file` };
  }
  const result = await runCaptured(
    process.execPath,
    ['-e', "process.stdout.write(String(require(require.resolve('electron', { paths: [process.argv[1]] }))))", options.appDir],
    { cwd: options.appDir, env, timeoutMs: options.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS },
  );
  if (result.timedOut) {
    return { found: false, reason: `looking for the Electron binary took longer than ${Math.round((options.timeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS) / 1000)} s` };
  }
  if (result.exitCode !== 0) return { found: false, reason: explainLookupFailure(result.stderr) };
  const path = result.stdout.trim();
  return isExecutableFile(path)
    ? { found: true, path }
    : { found: false, reason: `the electron package points at ${path || 'nothing'}, which is not an executable file` };
}

/** Turns the electron package's failure output into one line a user can act on. */
export function explainLookupFailure(stderr: string): string {
  if (/Cannot find module ['"]electron['"]/.test(stderr)) return 'the electron package is not installed';
  if (stderr.includes('Electron failed to install correctly')) {
    return 'the Electron binary is not installed and could not be downloaded';
  }
  const firstError = stderr.split('\n').find((line) => /error/i.test(line))?.trim();
  return `the electron package failed to load${firstError ? ` (${firstError.slice(0, 200)})` : ''}`;
}

export type ElectronRun = { started: true; exitCode: number } | { started: false; reason: string };

export interface LaunchElectronOptions {
  electronPath: string;
  appDir: string;
  files: string[];
  env?: NodeJS.ProcessEnv;
  /** A failure within this time means Electron could not start here (no display, sandbox, libraries). */
  startupGraceMs?: number;
}

/** Runs Electron on the app folder until it exits; its output goes straight to this terminal. */
export function launchElectron(options: LaunchElectronOptions): Promise<ElectronRun> {
  const env = { ...(options.env ?? process.env) };
  // Set, it would make Electron behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const startedAt = Date.now();
  const graceMs = options.startupGraceMs ?? 3000;
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(options.electronPath, [options.appDir, ...options.files], { stdio: 'inherit', env });
    } catch (error) {
      resolve({ started: false, reason: `Electron could not be started (${describe(error)})` });
      return;
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const settle = (run: ElectronRun) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(run);
    };
    child.once('error', (error) => settle({ started: false, reason: `Electron could not be started (${describe(error)})` }));
    child.once('exit', (code, signal) => {
      const failed = code !== 0;
      if (failed && Date.now() - startedAt < graceMs) {
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        settle({ started: false, reason: `Electron stopped right after starting (${how})` });
        return;
      }
      settle({ started: true, exitCode: code ?? 1 });
    });
  });
}

function isExecutableFile(path: string): boolean {
  if (!path) return false;
  try {
    if (!statSync(path).isFile()) return false;
    if (process.platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

interface CapturedRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a command with its output captured. On timeout the whole process group is killed: the
 * electron package starts its downloader as a grandchild, which would otherwise keep our pipes open.
 */
function runCaptured(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CapturedRun> {
  return new Promise((resolve) => {
    const ownGroup = process.platform !== 'win32';
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: ownGroup,
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let settled = false;
    const finish = (run: CapturedRun) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(run);
    };
    const timer = setTimeout(() => {
      try {
        if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
      child.stdout.destroy();
      child.stderr.destroy();
      finish({ exitCode: null, stdout, stderr, timedOut: true });
    }, options.timeoutMs);
    child.once('error', (error) => finish({ exitCode: null, stdout, stderr: `${stderr}\nerror: ${describe(error)}`, timedOut: false }));
    child.once('close', (code) => finish({ exitCode: code, stdout, stderr, timedOut: false }));
  });
}
