import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PoseFrame, PoseLandmark } from '../../../common/contract/pose.ts';
import { PoseLandmark as PoseLandmarkEnum } from '../../../common/contract/pose.ts';
import { refinePoses } from '../../../common/pose/refine.ts';
import { type FfmpegTools, resolveTools } from '../../../main/media/ffmpeg-path.ts';
import { probeMedia, type ProbeResult } from '../../../main/media/probe.ts';
import { liveProcessCount } from '../../../main/media/processes.ts';
import { detectPoses } from '../../../main/pose/pose-engine.ts';
import { makeWalkerClip } from '../../fixtures/walker-clip.ts';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');
const modelDir = join(repo, 'resources', 'models', 'pose');
let dir: string;
let tools: FfmpegTools;
let clip: string;
let probe: ProbeResult;
let heavy: PoseFrame[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-pose-'));
  tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
  clip = await makeWalkerClip(dir);
  probe = await probeMedia(clip, { ffprobe: tools.ffprobe.path });
  heavy = (await detectPoses({ ffmpeg: tools.ffmpeg, probe, from: 0, to: 19, model: 'heavy' })).frames;
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const point = (frame: PoseFrame, name: PoseLandmark) => frame.landmarks[name];

describe('pose on real footage (vtest.avi, a man walking seen from the side)', () => {
  it('finds the walker on every frame, in the right place, in source pixels', () => {
    expect(heavy.map((frame) => frame.index)).toEqual([...Array(20).keys()]);
    for (const frame of heavy) {
      expect(Object.keys(frame.landmarks).length, `frame ${frame.index}`).toBe(12);
      for (const landmark of Object.values(frame.landmarks)) {
        // He stands in the middle of the 480 px picture, his feet ~ 3/4 down.
        expect(landmark.x).toBeGreaterThan(80);
        expect(landmark.x).toBeLessThan(400);
        expect(landmark.y).toBeGreaterThan(100);
        expect(landmark.y).toBeLessThan(420);
      }
    }
  });

  it('has plausible anatomy on every frame: shoulder above hip above knee above ankle, heel and toe at the ankle', () => {
    for (const frame of refinePoses(heavy).frames) {
      for (const side of ['left', 'right'] as const) {
        const shoulder = point(frame, `${side}Shoulder`)!;
        const hip = point(frame, `${side}Hip`)!;
        const knee = point(frame, `${side}Knee`)!;
        const ankle = point(frame, `${side}Ankle`)!;
        const heel = point(frame, `${side}Heel`)!;
        const toe = point(frame, `${side}Toe`)!;
        const where = `frame ${frame.index} ${side}`;
        expect(shoulder.y, where).toBeLessThan(hip.y - 40);
        expect(hip.y, where).toBeLessThan(knee.y - 15);
        expect(knee.y, where).toBeLessThan(ankle.y - 15);
        expect(Math.hypot(heel.x - ankle.x, heel.y - ankle.y), where).toBeLessThan(40);
        expect(Math.hypot(toe.x - ankle.x, toe.y - ankle.y), where).toBeLessThan(60);
        // Thigh and shin of similar length (a leg, not two unrelated points).
        const thigh = Math.hypot(knee.x - hip.x, knee.y - hip.y);
        const shin = Math.hypot(ankle.x - knee.x, ankle.y - knee.y);
        expect(thigh / shin, where).toBeGreaterThan(0.5);
        expect(thigh / shin, where).toBeLessThan(2);
      }
    }
  });

  it('keeps left and right consistent over the frames: each ankle continues from where the same ankle was', () => {
    const frames = refinePoses(heavy).frames;
    for (let at = 1; at < frames.length; at += 1) {
      for (const side of ['left', 'right'] as const) {
        const other = side === 'left' ? 'right' : 'left';
        const before = point(frames[at - 1]!, `${side}Ankle`)!;
        const same = point(frames[at]!, `${side}Ankle`)!;
        const opposite = point(frames[at]!, `${other}Ankle`)!;
        const toSame = Math.hypot(same.x - before.x, same.y - before.y);
        const toOpposite = Math.hypot(opposite.x - before.x, opposite.y - before.y);
        // Where the feet are apart, the same ankle is the nearer one (a step moves a foot ≤ 40 px here).
        if (Math.hypot(same.x - opposite.x, same.y - opposite.y) > 25) expect(toSame, `frame ${frames[at]!.index} ${side}`).toBeLessThan(toOpposite);
      }
    }
  });

  it('gives the same frames for a part of the clip as for the whole (each frame is identified by its timestamp)', async () => {
    const part = await detectPoses({ ffmpeg: tools.ffmpeg, probe, from: 13, to: 15, model: 'heavy' });
    expect(part.frames.map((frame) => frame.index)).toEqual([13, 14, 15]);
    for (const frame of part.frames) {
      const whole = heavy[frame.index]!;
      for (const name of PoseLandmarkEnum.options) {
        expect(Math.abs(frame.landmarks[name]!.x - whole.landmarks[name]!.x)).toBeLessThan(1);
      }
    }
  });

  it('gives landmarks in source pixels of the upright picture for a phone clip stored sideways with a rotation tag', async () => {
    // 640×480 upright; the second file stores it turned a quarter counter-clockwise (480×640) and says
    // "turn 90° clockwise to show" — as a phone filming in portrait does the other way round.
    const upright = await makeWalkerClip(dir, 'walker-wide.mp4', ['pad=640:480:80:0']);
    const sideways = await makeWalkerClip(dir, 'walker-sideways-stored.mp4', ['pad=640:480:80:0', 'transpose=cclock']);
    const tagged = join(dir, 'walker-rotated.mp4');
    // ffmpeg 5.1 writes the display matrix on stream copy and reads the tag counter-clockwise (see fixtures/clips.ts).
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-i', sideways, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', tagged]);
    const probeUpright = await probeMedia(upright, { ffprobe: tools.ffprobe.path });
    const probeTagged = await probeMedia(tagged, { ffprobe: tools.ffprobe.path });
    expect([probeTagged.info.width, probeTagged.info.height, probeTagged.facts.rotation]).toEqual([640, 480, 90]);
    const a = await detectPoses({ ffmpeg: tools.ffmpeg, probe: probeUpright, from: 3, to: 5, model: 'full' });
    const b = await detectPoses({ ffmpeg: tools.ffmpeg, probe: probeTagged, from: 3, to: 5, model: 'full' });
    const deltas: number[] = [];
    for (const [at, frame] of a.frames.entries()) {
      for (const name of ['leftHip', 'rightKnee', 'leftAnkle', 'rightShoulder'] as const) {
        const p = frame.landmarks[name]!;
        const q = b.frames[at]!.landmarks[name]!;
        // The walker stands around x = 200 + 80 of 640 (the padding), y 150–370 of 480.
        expect(p.x).toBeGreaterThan(160);
        expect(p.x).toBeLessThan(480);
        deltas.push(Math.hypot(p.x - q.x, p.y - q.y));
      }
    }
    // Same place within codec noise (two encodes) and the model's own jitter: a wrong turn or a missed
    // scale would be off by hundreds of pixels. Median a few px; no point further than 5 % of his height.
    expect(deltas.sort((x, y) => x - y)[deltas.length >> 1]!).toBeLessThan(5);
    expect(Math.max(...deltas)).toBeLessThan(12);
  });

  it('auto: full everywhere, heavy where full is unsure — those frames exactly as a heavy run gives them', async () => {
    const progress: [number, number][] = [];
    const auto = await detectPoses({ ffmpeg: tools.ffmpeg, probe, from: 0, to: 19, model: 'auto', onProgress: (done, total) => progress.push([done, total]) });
    expect(auto.model).toBe('auto');
    expect(auto.frames.map((frame) => frame.index)).toEqual([...Array(20).keys()]);
    // The walker's legs cross every few frames: heavy is needed on some, not all, of them.
    expect(auto.heavyFrames.length).toBeGreaterThan(0);
    for (const index of auto.heavyFrames) {
      for (const name of PoseLandmarkEnum.options) {
        const a = auto.frames[index]!.landmarks[name]!;
        const b = heavy[index]!.landmarks[name]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `frame ${index} ${name}`).toBeLessThan(0.01);
      }
    }
    // Progress only grows and ends at its total.
    for (let at = 1; at < progress.length; at += 1) expect(progress[at]![0] / progress[at]![1]).toBeGreaterThanOrEqual(progress[at - 1]![0] / progress[at - 1]![1]);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
  });

  it('stops at once when cancelled, leaving no ffmpeg running', async () => {
    const controller = new AbortController();
    const job = detectPoses({
      ffmpeg: tools.ffmpeg,
      probe,
      from: 0,
      to: 19,
      model: 'full',
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    expect(liveProcessCount()).toBe(0);
  });
});

describe('two pose workers in parallel (a 40-frame clip: the walker forth and back)', () => {
  let long: ProbeResult;
  let single: PoseFrame[];
  beforeAll(async () => {
    const path = await makeWalkerClip(dir, 'walker-forth-back.mp4', ['split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1:a=0', 'setpts=N/FRAME_RATE/TB']);
    long = await probeMedia(path, { ffprobe: tools.ffprobe.path });
    expect(long.table.pts.length).toBe(40);
    single = (await detectPoses({ ffmpeg: tools.ffmpeg, probe: long, from: 0, to: 39, model: 'full', workers: 1 })).frames;
  }, 180_000);

  it('gives exactly the frames one worker gives, in order, with progress that only grows and counts both parts', async () => {
    const progress: [number, number][] = [];
    const both = await detectPoses({ ffmpeg: tools.ffmpeg, probe: long, from: 0, to: 39, model: 'full', workers: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(both.frames.map((frame) => frame.index)).toEqual([...Array(40).keys()]);
    expect(both.workers).toBe(2);
    expect(both.missed).toBe(0);
    for (const frame of both.frames) {
      for (const name of PoseLandmarkEnum.options) {
        const a = frame.landmarks[name]!;
        const b = single[frame.index]!.landmarks[name]!;
        expect(Math.hypot(a.x - b.x, a.y - b.y), `frame ${frame.index} ${name}`).toBeLessThan(0.01);
      }
    }
    expect(progress.length).toBe(40);
    for (let at = 1; at < progress.length; at += 1) expect(progress[at]![0]).toBe(progress[at - 1]![0] + 1);
    expect(progress.at(-1)).toEqual([40, 40]);
  }, 120_000);

  it('stops both workers and their ffmpeg when cancelled', async () => {
    const controller = new AbortController();
    const job = detectPoses({ ffmpeg: tools.ffmpeg, probe: long, from: 0, to: 39, model: 'full', workers: 2, signal: controller.signal, onProgress: (done) => done === 3 && controller.abort() });
    await expect(job).rejects.toMatchObject({ code: 'cancelled' });
    expect(liveProcessCount()).toBe(0);
  }, 120_000);

  it('fails the run with the clear error when one worker crashes, stopping the other', async () => {
    // The part from frame 16 reads 24 frames, the first part 16: only the second worker reaches its 20th.
    process.env.MIDSTANCE_POSE_TEST_CRASH_AT = '20';
    try {
      await expect(detectPoses({ ffmpeg: tools.ffmpeg, probe: long, from: 0, to: 39, model: 'full', workers: 2 })).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringContaining('stopped unexpectedly'),
      });
      expect(liveProcessCount()).toBe(0);
    } finally {
      delete process.env.MIDSTANCE_POSE_TEST_CRASH_AT;
    }
  }, 120_000);
});

describe('a model that cannot load', () => {
  it('says so with pose-model-unavailable when the weights are missing', async () => {
    const empty = join(dir, 'no-models');
    mkdirSync(empty, { recursive: true });
    process.env.MIDSTANCE_POSE_MODELS = empty;
    try {
      await expect(detectPoses({ ffmpeg: tools.ffmpeg, probe, from: 0, to: 1, model: 'heavy' })).rejects.toMatchObject({
        code: 'pose-model-unavailable',
        message: expect.stringContaining('could not be loaded'),
      });
    } finally {
      delete process.env.MIDSTANCE_POSE_MODELS;
    }
  });

  it('says so when the weight files are damaged (the worker fails to load them), and nothing is left running', async () => {
    const damaged = join(dir, 'damaged-models');
    mkdirSync(damaged, { recursive: true });
    for (const file of ['blazepose-detector.json', 'blazepose-detector.bin', 'blazepose-full.json']) copyFileSync(join(modelDir, file), join(damaged, file));
    writeFileSync(join(damaged, 'blazepose-full.bin'), Buffer.alloc(1000, 7));
    process.env.MIDSTANCE_POSE_MODELS = damaged;
    try {
      await expect(detectPoses({ ffmpeg: tools.ffmpeg, probe, from: 0, to: 1, model: 'full' })).rejects.toMatchObject({
        code: 'pose-model-unavailable',
      });
      expect(liveProcessCount()).toBe(0);
    } finally {
      delete process.env.MIDSTANCE_POSE_MODELS;
    }
  });
});

describe('midstance pose (CLI)', () => {
  const cli = join(repo, 'bin', 'midstance.js');

  it('prints { index, landmarks: { leftHip: { x, y, confidence } … } } per frame with --json, progress on stderr, without network', async () => {
    // unshare -n: a network namespace with no interfaces — the model must load and run from local files.
    const { stdout, stderr } = await run('unshare', ['-rn', process.execPath, cli, 'pose', clip, '--from', '2', '--to', '4', '--model', 'full', '--json']);
    const output = JSON.parse(stdout) as { model: string; frames: PoseFrame[]; swapped: { legs: number[] } };
    expect(output.model).toBe('full');
    expect(output.frames.map((frame) => frame.index)).toEqual([2, 3, 4]);
    for (const frame of output.frames) {
      expect(Object.keys(frame).sort()).toEqual(['index', 'landmarks']);
      expect(Object.keys(frame.landmarks).sort()).toEqual([...PoseLandmarkEnum.options].sort());
      for (const landmark of Object.values(frame.landmarks)) {
        expect(Object.keys(landmark).sort()).toEqual(['confidence', 'x', 'y']);
        expect(landmark.confidence).toBeGreaterThanOrEqual(0);
        expect(landmark.confidence).toBeLessThanOrEqual(1);
      }
    }
    expect(stderr).toContain('Landmarks: 3 of 3 frames (100 %)');
  });

  it('fails with one clear line and exit code 2 when the model cannot load, or the range is not in the clip', async () => {
    const missing = await run(process.execPath, [cli, 'pose', clip, '--to', '1'], {
      env: { ...process.env, MIDSTANCE_POSE_MODELS: join(dir, 'nowhere') },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(missing?.code).toBe(2);
    expect(missing?.stderr).toMatch(/^midstance pose: The landmark model \(BlazePose heavy\) could not be loaded: .*blazepose-detector\.json is missing/);
    const range = await run(process.execPath, [cli, 'pose', clip, '--from', '25']).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(range?.code).toBe(2);
    expect(range?.stderr).toContain('--from must be a whole number (a frame of this clip, 0–19)');
  });
});
