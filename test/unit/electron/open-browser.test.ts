import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWindowLaunch, lastComplaint, openInChromium } from '../../../main/launcher/open-browser.ts';
import { createScratch } from './fake-electron.ts';

let scratch: ReturnType<typeof createScratch>;
const started: number[] = [];
beforeEach(() => {
  scratch = createScratch();
});
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  scratch.cleanup();
});

/** A stand-in `chromium` on PATH: records its arguments and pid, complains on stderr, then exits or stays. */
function fakeChromium(body: string): { env: NodeJS.ProcessEnv; bin: string } {
  const bin = scratch.dir('bin');
  const path = join(bin, 'chromium');
  writeFileSync(path, ['#!/bin/sh', `printf '%s\\n' "$@" > "${join(bin, 'args.txt')}"`, `echo $$ > "${join(bin, 'pid.txt')}"`, body, ''].join('\n'));
  chmodSync(path, 0o755);
  return { env: { PATH: `${bin}:/usr/bin:/bin`, DISPLAY: ':0' }, bin };
}

describe.skipIf(process.platform === 'win32')('openInChromium', () => {
  it('reports a Chromium that exits at once as not opened, with its own last stderr line', async () => {
    const { env } = fakeChromium(
      [
        'echo "/usr/bin/chromium: 9: [: 25276071936: unexpected operator" >&2',
        'echo "[11710:11710:1203/073619.374036:ERROR:content/browser/zygote_host/zygote_host_impl_linux.cc:103] Running as root without --no-sandbox is not supported. See https://crbug.com/638180." >&2',
        'exit 1',
      ].join('\n'),
    );
    const launch = await openInChromium('http://127.0.0.1:9/?token=t', scratch.dir('profile'), { env, settleMs: 3000 });
    expect(launch.opened).toBe(false);
    expect(launch.why).toBe(
      'Chromium exited at once with code 1: Running as root without --no-sandbox is not supported. See https://crbug.com/638180.',
    );
    const text = describeWindowLaunch(launch);
    expect(text).toContain('Running as root without --no-sandbox');
    expect(text).toMatch(/Open the address above in your web browser/);
    expect(text).not.toMatch(/Opened a Chromium window/);
  });

  it('reports a window that is still running after the settle time as opened, with the app address', async () => {
    const { env, bin } = fakeChromium('exec sleep 30');
    const profile = scratch.dir('profile');
    const launch = await openInChromium('http://127.0.0.1:9/?token=t', profile, { env, settleMs: 300 });
    started.push(Number(readFileSync(join(bin, 'pid.txt'), 'utf8')));
    expect(launch).toEqual({ opened: true });
    expect(describeWindowLaunch(launch)).toBe('Opened a Chromium window.\n');
    const args = readFileSync(join(bin, 'args.txt'), 'utf8').trim().split('\n');
    expect(args).toContain('--app=http://127.0.0.1:9/?token=t');
    expect(args).toContain(`--user-data-dir=${profile}`);
  });

  it('counts a hand-over to a Chromium already running on the profile (exit 0) as opened', async () => {
    const { env } = fakeChromium('exit 0');
    expect(await openInChromium('http://127.0.0.1:9/', scratch.dir('profile'), { env, settleMs: 3000 })).toEqual({ opened: true });
  });

  it('says so when a Chromium is killed by a signal without a word', async () => {
    const { env } = fakeChromium('kill -TERM $$');
    const launch = await openInChromium('http://127.0.0.1:9/', scratch.dir('profile'), { env, settleMs: 3000 });
    expect(launch).toEqual({ opened: false, why: 'Chromium was stopped by SIGTERM' });
  });

  it('does not try without a display or without Chromium', async () => {
    const profile = join(scratch.root, 'never');
    expect(await openInChromium('http://x/', profile, { env: { PATH: '/nonexistent' }, settleMs: 10 })).toEqual(
      process.platform === 'linux' ? { opened: false, why: 'no display' } : { opened: false, why: 'Chromium not found' },
    );
    expect(await openInChromium('http://x/', profile, { env: { PATH: '/nonexistent', DISPLAY: ':0' }, settleMs: 10 })).toEqual({
      opened: false,
      why: 'Chromium not found',
    });
    expect(existsSync(profile)).toBe(false);
  });
});

describe('lastComplaint', () => {
  it('keeps the message of the last line and drops Chromium’s log prefix', () => {
    expect(lastComplaint('first\n[1:2:0101/000000.1:FATAL:foo.cc(12)] Profile locked\n\n')).toBe('Profile locked');
    expect(lastComplaint('plain words\n')).toBe('plain words');
    expect(lastComplaint('')).toBeNull();
  });
});
