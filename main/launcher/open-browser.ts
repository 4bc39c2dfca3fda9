import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
/** Chromium that cannot start (root without --no-sandbox, a profile locked elsewhere, no libraries) exits within this. */
const DEFAULT_SETTLE_MS = 2000;
const STDERR_LOG = 'midstance-chromium-stderr.log';

/** Flags that keep Chromium off the network: this app is offline, and so is its browser window. */
export const OFFLINE_CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findOnPath(names: string[], env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

export function canShowWindows(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export interface WindowLaunch {
  opened: boolean;
  why?: string;
}

/**
 * Opens the app window in Chromium's app mode when one is installed, and reports what happened: a window only
 * counts as opened when Chromium is still running after a moment (or handed the address to a Chromium already
 * running on the same profile, which exits 0). Otherwise `why` carries Chromium's own last line of complaint.
 */
export async function openInChromium(
  url: string,
  profileDir: string,
  options: { env?: NodeJS.ProcessEnv; settleMs?: number } = {},
): Promise<WindowLaunch> {
  const env = options.env ?? process.env;
  if (!canShowWindows(env)) return { opened: false, why: 'no display' };
  const chromium = findOnPath(CHROMIUM_NAMES, env);
  if (!chromium) return { opened: false, why: 'Chromium not found' };
  // Its stderr goes to a file, not a pipe: the window outlives this process's interest in it (and maybe the process).
  mkdirSync(profileDir, { recursive: true });
  const logPath = join(profileDir, STDERR_LOG);
  const log = openSync(logPath, 'w');
  const child = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profileDir}`, ...OFFLINE_CHROMIUM_FLAGS], {
    detached: true,
    stdio: ['ignore', 'ignore', log],
    env,
  });
  closeSync(log);
  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | 'running' | Error>((done) => {
    const timer = setTimeout(() => done('running'), options.settleMs ?? DEFAULT_SETTLE_MS);
    child.once('error', (error) => {
      clearTimeout(timer);
      done(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal });
    });
  });
  child.unref();
  if (outcome === 'running') return { opened: true };
  if (outcome instanceof Error) return { opened: false, why: `${chromium} could not be started (${outcome.message})` };
  if (outcome.code === 0) return { opened: true };
  const how = outcome.signal ? `was stopped by ${outcome.signal}` : `exited at once with code ${outcome.code}`;
  const said = lastComplaint(readText(logPath));
  return { opened: false, why: said ? `Chromium ${how}: ${said}` : `Chromium ${how}` };
}

/** What `midstance start`/`serve` prints about the window. */
export function describeWindowLaunch(launch: WindowLaunch): string {
  if (launch.opened) return 'Opened a Chromium window.\n';
  const why = (launch.why ?? 'unknown reason').replace(/^./, (first) => first.toUpperCase()).replace(/([^.])$/, '$1.');
  return `No Chromium window was opened. ${why}\nOpen the address above in your web browser.\n`;
}

/** Chromium's last non-empty stderr line, without its "[pid:tid:date:LEVEL:file.cc(line)] " prefix. */
export function lastComplaint(stderr: string): string | null {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.replace(/^\[[^\]]*:(?:ERROR|FATAL|WARNING|INFO|VERBOSE\d*)[^\]]*\]\s*/, '').trim())
    .filter(Boolean);
  return lines.at(-1) ?? null;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
