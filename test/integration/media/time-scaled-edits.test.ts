import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { type MediaService, createMediaService } from '../../../main/media/media-service.ts';
import { probeMedia } from '../../../main/media/probe.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { decodeFileToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { NORMAL_SLOW_NORMAL, SLOW_MOTION_RECORDING, TRIMMED_NORMAL_SLOW_NORMAL, withTimeScaledEdits } from '../../fixtures/quicktime-slowmo.ts';
import { engineIndices } from '../../support/engine-frames.ts';

/**
 * QuickTime files whose edit list changes speed part-way (iPhone slow motion: normal → slow →
 * normal), which ffmpeg mis-indexes (repeated frames, a fake gap), are read with the edit list
 * ignored: every stored frame once, at its own media time, exact through the engine and the CLI.
 */

const run = promisify(execFile);
const store = createFixtureStore();
const settings = { ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 512 };

const STORED_FRAMES = SLOW_MOTION_RECORDING.frames;
/** Stored timestamps: the mov muxer's 1/15360 time base, 64 ticks a frame, composition delay of two B-frames. */
const FRAME_SECONDS = 1 / 240;

let dir: string;
let media: MediaService;
const files = { slowed: '', trimmed: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-time-scaled-'));
  const recorded = (await store.clip(SLOW_MOTION_RECORDING)).path;
  files.slowed = join(dir, 'IMG_0003 slow é.MOV');
  files.trimmed = join(dir, 'IMG_0004 trimmed.MOV');
  await withTimeScaledEdits(recorded, files.slowed, NORMAL_SLOW_NORMAL);
  await withTimeScaledEdits(recorded, files.trimmed, TRIMMED_NORMAL_SLOW_NORMAL);
  media = createMediaService({ settings: () => settings, warm: false });
});
afterAll(async () => {
  await media?.dispose();
  store.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const variants = [
  ['normal–slow–normal', 'slowed'],
  ['normal–slow–normal, trimmed at the start (the trimmed part is shown too)', 'trimmed'],
] as const;

function expectStoredTimes(times: readonly number[]): void {
  expect(times).toHaveLength(STORED_FRAMES);
  // The first frame sits at the composition delay; after it, one frame every 1/240 s: no repeats, no gap.
  expect(times[0]!).toBeGreaterThanOrEqual(0);
  expect(times[0]!).toBeLessThan(4 * FRAME_SECONDS);
  times.forEach((time, i) => expect(time).toBeCloseTo(times[0]! + i * FRAME_SECONDS, 5));
}

describe('QuickTime edit lists that change speed: read with the edit list ignored', () => {
  it.each(variants)('%s: probe lists every stored frame once at its media time, with an informational note', async (_, name) => {
    const probe = await probeMedia(files[name], { ffprobe: 'ffprobe' });
    expect(probe).toMatchObject({ timeScaledEdits: true, ignoreEditList: true });
    expect(probe.info).toMatchObject({
      frameCount: STORED_FRAMES,
      fileFps: 240,
      captureFps: 240,
      captureFpsSource: 'apple-metadata',
      editList: false,
    });
    expect(probe.info.duration).toBeCloseTo(1, 5);
    expect(probe.info.timing).toMatchObject({ irregular: false });
    expect(probe.info.timing.maxIntervalMs).toBeLessThan(4.2);
    expect(probe.table.keyframes).toEqual([0, 60, 120, 180]);
    expectStoredTimes(probe.table.times);
    expect(probe.warnings.map((warning) => warning.code)).toEqual(['time-scaled-edits']);
    expect(probe.warnings[0]!.message).toContain('every recorded frame is shown once, at its recorded time');
  });

  it.each(variants)('%s: exact frames by index for random access, forward and backward steps, across keyframes', async (_, name) => {
    const opened = await media.open({ path: files[name] });
    try {
      expect(opened.info.frameCount).toBe(STORED_FRAMES);
      expectStoredTimes(opened.frames.times);
      const random = [173, 41, 239, 96, 1, 218];
      const forward = [118, 119, 120, 121, 122];
      const backward = [238, 237, 181, 180, 179, 60, 59, 0];
      const wanted = [...random, ...forward, ...backward];
      expect(await engineIndices(media, opened, wanted)).toEqual(wanted);
    } finally {
      await media.close(opened.mediaId);
    }
  });

  it('standby processes (concat script with "option ignore_editlist 1") serve cold frames exactly and are replaced', async () => {
    const service = createMediaService({ settings: () => settings, warm: false });
    try {
      const opened = await service.open({ path: files.trimmed });
      const session = service.session(opened.mediaId);
      expect(session.standbyCount()).toBe(1);
      // Each in a keyframe group not decoded yet, so each is cold.
      const wanted = [230, 170, 100, 30];
      const got: (number | null)[] = [];
      for (const index of wanted) {
        const fetched = engineIndices(service, opened, [index]);
        // The request took the standby process…
        expect(session.standbyCount()).toBe(0);
        got.push(...(await fetched));
        // …and it worked: a standby that fails is not replaced (the frame then comes from a process of its own).
        expect(session.standbyCount()).toBe(1);
      }
      expect(got).toEqual(wanted);
    } finally {
      await service.dispose();
    }
  });

  it('warm-up caches every stored frame with the right index', async () => {
    const warm = createMediaService({ settings: () => settings });
    try {
      const opened: OpenedMedia = await warm.open({ path: files.trimmed });
      const deadline = Date.now() + 30_000;
      while (!warm.warmStatus(opened.mediaId).complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(warm.warmStatus(opened.mediaId)).toMatchObject({ complete: true, cachedFrames: STORED_FRAMES });
      const all = Array.from({ length: STORED_FRAMES }, (_, i) => i);
      expect(await engineIndices(warm, opened, all)).toEqual(all);
    } finally {
      await warm.dispose();
    }
  });

  it('CLI: probe --json lists the stored frames; frame --index N writes exactly frame N', async () => {
    const cli = (args: string[]) => run(process.execPath, ['bin/midstance.js', ...args], { maxBuffer: 64 * 1024 * 1024 });
    const { stdout } = await cli(['probe', files.trimmed, '--json']);
    const json = JSON.parse(stdout) as { frameCount: number; frames: { index: number; time: number; keyframe: boolean }[]; warnings: { code: string }[] };
    expect(json.frameCount).toBe(STORED_FRAMES);
    expectStoredTimes(json.frames.map((frame) => frame.time));
    expect(json.frames.filter((frame) => frame.keyframe).map((frame) => frame.index)).toEqual([0, 60, 120, 180]);
    expect(json.warnings.map((warning) => warning.code)).toEqual(['time-scaled-edits']);
    for (const index of [0, 23, 24, 179, 239]) {
      const out = join(dir, `frame ${index}.png`);
      await cli(['frame', files.trimmed, '--index', String(index), '--out', out]);
      expect(readFrameIndex(await decodeFileToGray(out))).toBe(index);
    }
  });
});
