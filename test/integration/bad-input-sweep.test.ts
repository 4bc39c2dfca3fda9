import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../main/core/create-core.ts';
import type { Core } from '../../main/core/types.ts';
import { runCli } from '../../main/cli/main.ts';
import { liveProcessCount } from '../../main/media/processes.ts';
import { type BrowserServer, startBrowserServer } from '../../main/server/browser-server.ts';

/**
 * A sweep of bad inputs through the CLI and the browser-mode API. Every case must give one clear line
 * (CLI) or a typed error with a proper status (HTTP), a non-zero exit, change nothing on disk and leave
 * nothing running. Cases that need root (tmpfs mounts) or another user skip themselves where that is
 * not possible.
 */

const run = promisify(execFile);
const bin = new URL('../../bin/midstance.js', import.meta.url).pathname;
let dir: string;
const mounts: string[] = [];

function tryMount(name: string, options: string): string | null {
  const target = join(dir, name);
  mkdirSync(target);
  const result = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', target], { stdio: 'ignore' });
  if (result.status !== 0) return null;
  mounts.push(target);
  return target;
}

const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-sweep-'));
  chmodSync(dir, 0o755);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=30:d=0.5', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'clip.mp4')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=30', '-frames:v', '1', '-c:v', 'libx264', join(dir, 'one-frame.mp4')]);
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=64x64', '-frames:v', '1', join(dir, 'picture.png')]);
  copyFileSync(join(dir, 'picture.png'), join(dir, 'picture.mp4'));
  // Two frames ten hours apart.
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=1', '-frames:v', '2', '-c:v', 'libx264', '-bsf:v', 'setts=ts=N*36000000/TB', '-video_track_timescale', '1000', join(dir, 'ten-hour-gap.mp4')]);
  execFileSync('mkfifo', [join(dir, 'pipe.mp4')]);
  execFileSync('mkfifo', [join(dir, 'pipe.midstance')]);
  symlinkSync(join(dir, 'loop-b.midstance'), join(dir, 'loop.midstance'));
  symlinkSync(join(dir, 'loop.midstance'), join(dir, 'loop-b.midstance'));
  mkdirSync(join(dir, 'folder.midstance'));
  copyFileSync(join(dir, 'clip.mp4'), join(dir, 'private.mp4'));
  chmodSync(join(dir, 'private.mp4'), 0o600);
});

afterAll(() => {
  for (const target of mounts) spawnSync('umount', [target]);
  rmSync(dir, { recursive: true, force: true });
});

/** Names, sizes and times of everything under the sweep folder: "nothing changed on disk". */
function snapshot(): string {
  const lines: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        lines.push(`${path} (link)`);
        continue;
      }
      lines.push(`${path} ${stats.isFile() ? stats.size : 'x'} ${stats.mtimeMs}`);
      if (stats.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return lines.join('\n');
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A refused command: exit 2, one line on stderr naming the command, no stack, nothing on stdout. */
async function refused(args: string[], message: RegExp) {
  const before = snapshot();
  const result = await cli(args);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(new RegExp(`^midstance ${args[0]}: `));
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\bE[A-Z]{3,}:|Error:|Infinity|\n\s+at /);
  expect(snapshot()).toBe(before);
  expect(liveProcessCount()).toBe(0);
}

describe('CLI', () => {
  it.each([
    ['probe a pipe', ['probe', 'pipe.mp4'], /not a regular file but a pipe/],
    ['probe /dev/zero', ['probe', '/dev/zero'], /not a regular file but a device/],
    ['info a pipe', ['info', 'pipe.midstance'], /not a regular file but a pipe/],
    ['info /dev/zero', ['info', '/dev/zero'], /not a regular file but a device/],
    ['info a folder', ['info', 'folder.midstance'], /is a folder, not a project/],
    ['info a symlink loop', ['info', 'loop.midstance'], /loop of links/],
    ['probe a symlink loop', ['probe', 'loop.midstance'], /loop of links/],
    ['info a name too long', ['info', `${'n'.repeat(300)}.midstance`], /too long/],
    ['frame --index=', ['frame', 'clip.mp4', '--index=', '--out', 'f.png'], /--index must be a whole number/],
    ['frame --index 0x10', ['frame', 'clip.mp4', '--index', '0x10', '--out', 'f.png'], /--index must be a whole number/],
    ['frame --index 1e1', ['frame', 'clip.mp4', '--index', '1e1', '--out', 'f.png'], /--index must be a whole number/],
    ['frame --width 0x40', ['frame', 'clip.mp4', '--index', '1', '--width', '0x40', '--out', 'f.png'], /--width must be a whole number/],
    ['probe --capture-fps 0x78', ['probe', 'clip.mp4', '--capture-fps', '0x78'], /--capture-fps must be a positive number/],
    ['serve --port 0x10', ['serve', '--port', '0x10', '--no-open'], /--port must be a whole number/],
    ['frame into a missing folder', ['frame', 'clip.mp4', '--index', '1', '--out', 'no-such-folder/f.png'], /folder .*no-such-folder does not exist/],
    ['frame under /proc', ['frame', 'clip.mp4', '--index', '1', '--out', '/proc/f.png'], /No file can be created in \/proc/],
    ['frame onto a folder', ['frame', 'clip.mp4', '--index', '1', '--out', 'folder.midstance'], /Write the frame as .png or .jpg/],
    ['frame under a file', ['frame', 'clip.mp4', '--index', '1', '--out', 'clip.mp4/f.png'], /is a file, not a folder/],
    ['report of a pipe', ['report', 'pipe.midstance', '--out', 'r.pdf'], /not a regular file but a pipe/],
    ['report of a folder', ['report', 'folder.midstance', '--out', 'r.pdf'], /is a folder, not a project/],
    ['report into a missing folder', ['report', 'folder.midstance', '--out', 'no-such-folder/r.pdf'], /folder .*no-such-folder does not exist/],
    ['report under /proc', ['report', 'folder.midstance', '--out', '/proc/r.pdf'], /No file can be created in \/proc/],
    ['report under a file', ['report', 'folder.midstance', '--out', 'clip.mp4/r.pdf'], /is a file, not a folder/],
    ['report --lang de', ['report', 'folder.midstance', '--lang', 'de', '--out', 'r.pdf'], /--lang must be nl or en/],
  ])('%s', async (_name, args, message) => {
    const absolute = args.map((arg, i) => (i === 1 && !arg.startsWith('-') && !arg.startsWith('/') ? join(dir, arg) : arg));
    const out = absolute.indexOf('--out');
    if (out > 0 && !absolute[out + 1]!.startsWith('/')) absolute[out + 1] = join(dir, absolute[out + 1]!);
    await refused(absolute, message);
  });

  it.each([
    ['one-frame.mp4', /none \(a single frame\)/, /single frame, so it has no frame rate/],
    ['picture.mp4', /none \(a single frame\)/, /single frame, so it has no frame rate/],
    ['ten-hour-gap.mp4', /none \(the frames are too far apart\)/, /so far apart that it has no usable frame rate/],
  ])('probe %s says in words that there is no frame rate', async (name, rate, warning) => {
    const result = await cli(['probe', join(dir, name)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(rate);
    expect(result.stdout).toMatch(warning);
    expect(result.stdout).not.toMatch(/Infinity|NaN|\b0 fps|0 frames per second/);
  });

  it('a file it may not read: "no permission", not "damaged" (run as another user)', async (context) => {
    const nobody = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
    if (nobody.status !== 0) context.skip();
    const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, 'probe', join(dir, 'private.mp4')], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^midstance probe: You have no permission to use .*private\.mp4/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a full disk: a clear message and no partial file at the target', async (context) => {
    const small = tryMount('full', 'size=64k');
    if (!small) context.skip();
    writeFileSync(join(small!, 'filler'), Buffer.alloc(40 * 1024, 1));
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=s=1280x720:r=30:d=0.2', '-c:v', 'libx264', '-preset', 'ultrafast', join(dir, 'big.mp4')]);
    const result = await cli(['frame', join(dir, 'big.mp4'), '--index', '1', '--out', join(small!, 'still.png')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^midstance frame: The disk is full/);
    expect(readdirSync(small!)).toEqual(['filler']);
    expect(liveProcessCount()).toBe(0);
  });

  it('a read-only folder: said so, not "Input/output error"', async (context) => {
    const readOnly = tryMount('read-only', 'ro,size=64k');
    if (!readOnly) context.skip();
    await refused(['frame', join(dir, 'clip.mp4'), '--index', '1', '--out', join(readOnly!, 'still.png')], /on a disk that can only be read/);
  });

  it('as a real process: exit code and a single line', async () => {
    const result = await run(process.execPath, [bin, 'info', join(dir, 'loop.midstance')]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(result?.code).toBe(2);
    expect(result?.stderr).toMatch(/^midstance info: .*loop of links.*\n$/);
  });
});

describe('browser-mode API', () => {
  let core: Core;
  let server: BrowserServer;
  const logged = vi.spyOn(console, 'error');

  beforeAll(async () => {
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    core = createCore({ shell: 'browser', dataDir: join(dir, 'data') });
    server = await startBrowserServer({ core, rendererRoot: renderer });
  });
  afterAll(async () => {
    await server.close();
    await core.dispose();
  });

  function post(name: string, body: string | Buffer | Buffer[], timeoutMs = 5000) {
    return new Promise<{ status: number; json: { ok: boolean; error?: { code: string; message: string; details?: Record<string, unknown> } } }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: server.port,
            method: 'POST',
            path: `/api/${name}`,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, host: `127.0.0.1:${server.port}` },
            timeout: timeoutMs,
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
          },
        );
        req.on('timeout', () => req.destroy(new Error(`no answer to ${name} within ${timeoutMs} ms`)));
        req.on('error', reject);
        if (!Array.isArray(body)) {
          req.end(body);
          return;
        }
        // Sent in pieces without a length (chunked), so the server can only find out while reading.
        const pieces = [...body];
        const next = () => {
          const piece = pieces.shift();
          if (!piece) return req.end();
          if (req.write(piece)) setImmediate(next);
          else req.once('drain', next);
        };
        req.on('response', () => pieces.splice(0));
        next();
      },
    );
  }
  const call = (name: string, input: unknown) => post(name, JSON.stringify(input));

  async function refusedCall(name: string, input: unknown, status: number, code: string, message: RegExp) {
    const before = snapshot();
    logged.mockClear();
    const answer = await call(name, input);
    expect(answer.status).toBe(status);
    expect(answer.json.ok).toBe(false);
    expect(answer.json.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(answer.json.error!.message.split('\n')).toHaveLength(1);
    expect(logged).not.toHaveBeenCalled();
    expect(snapshot()).toBe(before);
    expect(liveProcessCount()).toBe(0);
    return answer.json.error!;
  }

  it('a path under /proc answers at once with a clear error, and the server keeps answering meanwhile', async () => {
    const started = Date.now();
    const [bad, other] = await Promise.all([call('project.create', { path: '/proc/nope/x.midstance' }), call('app.info', {})]);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(other.status).toBe(200);
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatchObject({ code: 'file-access', details: { path: '/proc/nope', fsCode: 'ENOENT' } });
    expect(bad.json.error!.message).toMatch(/No folder can be created in \/proc/);
  });

  it('save as under /proc, the same', async () => {
    await call('project.create', { path: join(dir, 'projects', 'Open.midstance') });
    const [bad, other] = await Promise.all([call('project.saveAs', { path: '/proc/nope/deeper/y.midstance' }), call('project.current', {})]);
    expect(other.status).toBe(200);
    expect(bad.json.error).toMatchObject({ code: 'file-access', details: { fsCode: 'ENOENT' } });
    expect((await call('project.current', {})).json).toMatchObject({ ok: true, value: { name: 'Open' } });
  });

  it('new project or save as on a read-only disk: said so, not "Something went wrong"', async (context) => {
    const readOnly = tryMount('read-only-api', 'ro,size=64k');
    if (!readOnly) context.skip();
    const create = await refusedCall('project.create', { path: join(readOnly!, 'New') }, 422, 'file-access', /can only be read/);
    expect(create.details).toMatchObject({ fsCode: 'EROFS' });
    await refusedCall('project.saveAs', { path: join(readOnly!, 'Copy') }, 422, 'file-access', /can only be read/);
  });

  it('symlink loop, pipe, device and folder as project: typed errors, no 500, nothing logged', async () => {
    await refusedCall('project.open', { path: join(dir, 'loop.midstance') }, 422, 'file-access', /loop of links/);
    const pipe = await refusedCall('project.open', { path: join(dir, 'pipe.midstance') }, 422, 'project-invalid', /not a regular file but a pipe/);
    expect(pipe.details).toMatchObject({ fileKind: 'pipe' });
    await refusedCall('project.open', { path: '/dev/zero' }, 422, 'project-invalid', /not a regular file but a device/);
    await refusedCall('project.open', { path: join(dir, 'folder.midstance') }, 422, 'project-invalid', /is a folder/);
    await refusedCall('project.create', { path: join(dir, 'pipe.midstance'), overwrite: true }, 400, 'invalid-request', /not a regular file but a pipe/);
    // A pipe where the change log would be: refused, not a read that waits forever.
    await call('project.close', {});
    const project = join(dir, 'projects', 'Piped.midstance');
    await call('project.create', { path: project });
    await call('project.close', {});
    execFileSync('mkfifo', [`${project}-wal`]);
    await refusedCall('project.open', { path: project }, 422, 'project-invalid', /not a regular file but a pipe/);
    rmSync(`${project}-wal`);
    await call('project.open', { path: join(dir, 'projects', 'Open.midstance') });
  });

  it('pipe and device as video: "not a regular file", at once', async () => {
    await refusedCall('media.open', { path: join(dir, 'pipe.mp4') }, 422, 'media-unreadable', /not a regular file but a pipe/);
    await refusedCall('media.open', { path: '/dev/zero' }, 422, 'media-unreadable', /not a regular file but a device/);
    await refusedCall('clips.add', { path: join(dir, 'pipe.mp4') }, 422, 'media-unreadable', /not a regular file but a pipe/);
  });

  it('folder listing of a file, a loop or a missing folder: typed errors', async () => {
    await refusedCall('files.list', { path: join(dir, 'clip.mp4') }, 422, 'file-access', /is a file, not a folder/);
    await refusedCall('files.list', { path: join(dir, 'loop.midstance') }, 422, 'file-access', /loop of links/);
    await refusedCall('files.list', { path: join(dir, 'gone') }, 404, 'not-found', /does not exist/);
  });

  it('malformed percent-encoding in the call name is an unknown call, not a 500', async () => {
    logged.mockClear();
    const answer = await post('%E0%A4%A', '{}');
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'unknown-call' });
    expect(logged).not.toHaveBeenCalled();
  });

  it('a 50 MB body gets 413 with a message, not a reset', async () => {
    const answer = await post('app.info', Buffer.alloc(50 * 1024 * 1024, 0x20), 20_000);
    expect(answer.status).toBe(413);
    expect(answer.json.error).toMatchObject({ code: 'too-large', message: expect.stringMatching(/larger than 8 MB/) });
    const chunked = await post('app.info', Array.from({ length: 50 }, () => Buffer.alloc(1024 * 1024, 0x20)), 20_000);
    expect(chunked.status).toBe(413);
    expect(chunked.json.error).toMatchObject({ code: 'too-large' });
    expect((await call('app.info', {})).status).toBe(200);
  });

  it('settings on a full disk: a clear error and the saved settings file intact', async (context) => {
    const small = tryMount('full-settings', 'size=64k');
    if (!small) context.skip();
    const dataCore = createCore({ shell: 'browser', dataDir: small! });
    try {
      await dataCore.handlers['settings.update']!({ language: 'nl' } as never, {});
      const saved = readFileSync(join(small!, 'settings.json'), 'utf8');
      writeFileSync(join(small!, 'filler'), Buffer.alloc(60 * 1024, 1));
      const error = await (async () => dataCore.handlers['settings.update']!({ language: 'en' } as never, {}))().then(
        () => null,
        (caught: unknown) => caught as { code: string },
      );
      expect(error).toMatchObject({ code: 'disk-full' });
      expect(readFileSync(join(small!, 'settings.json'), 'utf8')).toBe(saved);
      expect(readdirSync(small!).sort()).toEqual(['filler', 'settings.json']);
    } finally {
      await dataCore.dispose();
    }
    expect(existsSync(join(small!, 'settings.json'))).toBe(true);
  });
});
