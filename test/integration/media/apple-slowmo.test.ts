import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSecondsBetween } from '../../../common/media-time.ts';
import { probeMedia } from '../../../main/media/probe.ts';
import { type ClipSpec, createFixtureStore } from '../../fixtures/clips.ts';
import { IPHONE_SLOWMO_TAGS, NORMAL_SLOW_NORMAL, withQuickTimeKeys, writeVideoEditList } from '../../fixtures/quicktime-slowmo.ts';

const run = promisify(execFile);
const store = createFixtureStore();
let dir: string;

/** An iPhone slow-motion original keeps every captured frame at its capture time: 1 s at 240 fps. */
const ORIGINAL_240: ClipSpec = { width: 640, height: 360, fps: 240, frames: 240, codec: 'h264', gop: 240, bframes: 0, container: 'mov' };
/** A shared copy is re-rendered at 30 fps. */
const SHARED_30: ClipSpec = { width: 640, height: 360, fps: 30, frames: 60, codec: 'h264', gop: 30, container: 'mov' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-apple-slowmo-'));
  await Promise.all([store.clip(ORIGINAL_240), store.clip(SHARED_30)]);
});
afterAll(() => {
  store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function iphoneFile(spec: ClipSpec, name: string, keys = IPHONE_SLOWMO_TAGS): Promise<string> {
  const out = join(dir, name);
  await withQuickTimeKeys((await store.clip(spec)).path, out, keys);
  return out;
}

const probe = (path: string) => probeMedia(path, { ffprobe: 'ffprobe' });

describe('iPhone slow motion', () => {
  it('an original marked for slow-motion playback: capture rate from Apple metadata, real time from its own timestamps', async () => {
    const { info, table, warnings } = await probe(await iphoneFile(ORIGINAL_240, 'IMG_0001.MOV'));
    expect(info).toMatchObject({ frameCount: 240, fileFps: 240, captureFps: 240, captureFpsSource: 'apple-metadata', editList: false });
    expect(captureSecondsBetween(table, info, 0, 24)).toBeCloseTo(0.1, 6);
    expect(warnings).toEqual([]);
  });

  it('meant for full-rate playback, or without the key: the same rate, from the file', async () => {
    const fullRate = await probe(await iphoneFile(ORIGINAL_240, 'full-rate.mov', { ...IPHONE_SLOWMO_TAGS, 'com.apple.quicktime.full-frame-rate-playback-intent': '1' }));
    expect(fullRate.info).toMatchObject({ captureFps: 240, captureFpsSource: 'file' });
    const { 'com.apple.quicktime.full-frame-rate-playback-intent': _, ...older } = IPHONE_SLOWMO_TAGS;
    expect((await probe(await iphoneFile(ORIGINAL_240, 'ios17.mov', older))).info).toMatchObject({ captureFps: 240, captureFpsSource: 'file' });
  });

  it('a shared 30 fps copy carries the same key but no capture rate: the warning says how to get the original', async () => {
    const { info, warnings } = await probe(await iphoneFile(SHARED_30, 'shared.mov'));
    expect(info).toMatchObject({ fileFps: 30, captureFps: 30, captureFpsSource: 'file' });
    expect(warnings.map((warning) => warning.code)).toEqual(['low-capture-rate']);
    expect(warnings[0]!.message).toMatch(/iPhone slow-motion video that was shared .* import the original/);
  });

  it('one time-scaled edit slowing the whole track: every frame at its recorded time, no warning', async () => {
    const path = await iphoneFile(ORIGINAL_240, 'scaled-whole.mov');
    writeVideoEditList(path, [{ duration: 8, mediaTime: 0, rate: 0.125 }]);
    const { info, table, warnings } = await probe(path);
    expect(info).toMatchObject({ frameCount: 240, fileFps: 240, captureFps: 240, captureFpsSource: 'apple-metadata' });
    expect(info.timing.irregular).toBe(false);
    expect(captureSecondsBetween(table, info, 0, 239)).toBeCloseTo(239 / 240, 6);
    expect(warnings).toEqual([]);
  });

  it('normal, slowed, normal edits (which ffmpeg mis-indexes) are ignored, with a note instead of "irregular timing" (exact frames: time-scaled-edits.test.ts)', async () => {
    const path = await iphoneFile(ORIGINAL_240, 'scaled-middle.mov');
    writeVideoEditList(path, NORMAL_SLOW_NORMAL);
    const { info, warnings } = await probe(path);
    expect(info).toMatchObject({ frameCount: 240, fileFps: 240, captureFps: 240, captureFpsSource: 'apple-metadata' });
    expect(warnings.map((warning) => warning.code)).toEqual(['time-scaled-edits']);
  });

  it('CLI probe --json reports the capture rate and its source', async () => {
    const path = join(dir, 'IMG 0002 é.MOV');
    copyFileSync(await iphoneFile(ORIGINAL_240, 'cli.mov'), path);
    const { stdout } = await run(process.execPath, ['bin/midstance.js', 'probe', path, '--json'], { maxBuffer: 64 * 1024 * 1024 });
    const json = JSON.parse(stdout) as { fileFps: number; captureFps: number; captureFpsSource: string; frames: unknown[] };
    expect(json).toMatchObject({ fileFps: 240, captureFps: 240, captureFpsSource: 'apple-metadata' });
    expect(json.frames).toHaveLength(240);
    const text = await run(process.execPath, ['bin/midstance.js', 'probe', path]);
    expect(text.stdout).toContain('capture rate 240 fps (apple-metadata)');
  });
});
