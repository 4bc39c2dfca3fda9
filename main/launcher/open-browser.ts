import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

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

/** Opens the app window in Chromium's app mode when one is installed; reports what it did. */
export function openInChromium(url: string, profileDir: string): { opened: boolean; why?: string } {
  if (!canShowWindows()) return { opened: false, why: 'no display' };
  const chromium = findOnPath(CHROMIUM_NAMES);
  if (!chromium) return { opened: false, why: 'Chromium not found' };
  const child = spawn(chromium, [`--app=${url}`, `--user-data-dir=${profileDir}`, ...OFFLINE_CHROMIUM_FLAGS], {
    detached: true,
    stdio: 'ignore',
  });
  child.on('error', () => {});
  child.unref();
  return { opened: true };
}
