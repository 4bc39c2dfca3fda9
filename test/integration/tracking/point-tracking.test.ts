import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../../common/contract/track.ts';
import { proposeGaitEvents } from '../../../common/gait/propose-events.ts';
import type { TrackingMode } from '../../../common/tracking/point-tracker.ts';
import { type FfmpegTools, resolveTools } from '../../../main/media/ffmpeg-path.ts';
import { liveProcessCount } from '../../../main/media/processes.ts';
import { type ProbeResult, probeMedia } from '../../../main/media/probe.ts';
import { runTrackJob, trackJobMedia } from '../../../main/tracking/track-job.ts';
import { indexTrackPoints, measurementSeries, valuesAtEvents } from '../../../common/tracking/track-measure.ts';
import { interiorAngle, makeRunnerClip, type Point, type RunnerClip, type StickerName } from '../../fixtures/runner-clip.ts';

const folder = mkdtempSync(join(tmpdir(), 'midstance-tracking-'));
let clip: RunnerClip;
let tools: FfmpegTools;
let probe: ProbeResult;

beforeAll(async () => {
  clip = await makeRunnerClip(folder, { frames: 1000 });
  tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
  probe = await probeMedia(clip.path, { ffprobe: tools.ffprobe.path });
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function track(sticker: StickerName, mode: TrackingMode, start: number, anchorFrames: number[] = [start], signal = new AbortController().signal) {
  const at = clip.truth.stickers[sticker][start]!;
  const result = await runTrackJob({ ...trackJobMedia(tools.ffmpeg, probe), mode, start: { frameIndex: start, ...at }, anchorFrames }, signal);
  return { result, points: result.runs.flatMap((run) => run.points).sort((a, b) => a.frameIndex - b.frameIndex) };
}

function errors(sticker: StickerName, points: readonly TrackPoint[]) {
  const truth = clip.truth.stickers[sticker];
  const list = points.map((p) => Math.hypot(p.x - truth[p.frameIndex]!.x, p.y - truth[p.frameIndex]!.y)).sort((a, b) => a - b);
  return { median: list[Math.floor(list.length / 2)]!, p95: list[Math.floor(list.length * 0.95)]! };
}

describe('point tracking on a synthetic runner (H.264, 1,000 frames)', () => {
  it('follows a knee sticker (template) forward and backward within 1 px median and 3 px p95 of the truth', async () => {
    const { result, points } = await track('leftKnee', 'template', 500);
    expect(result.runs.map((run) => run.range)).toEqual([{ fromFrame: 501, toFrame: 999 }, { fromFrame: 0, toFrame: 499 }]);
    expect(points).toHaveLength(999);
    const { median, p95 } = errors('leftKnee', points);
    expect(median).toBeLessThan(1);
    expect(p95).toBeLessThan(3);
    expect(points.every((p) => p.confidence > 0.5 && !p.anchor)).toBe(true);
    expect(liveProcessCount()).toBe(0);
  }, 120_000);

  it('follows a toe sticker by its colour (blob) within 1 px median and 3 px p95', async () => {
    const { points } = await track('leftToe', 'blob', 300);
    expect(points).toHaveLength(999);
    const { median, p95 } = errors('leftToe', points);
    expect(median).toBeLessThan(1);
    expect(p95).toBeLessThan(3);
  }, 120_000);

  it('measures the knee angle from three tracked stickers within 1° of the truth on every frame', async () => {
    const tracked = await Promise.all((['leftHip', 'leftKnee', 'leftAnkle'] as const).map(async (name) => (await track(name, 'template', 200)).points));
    const [hip, knee, ankle] = tracked.map((points) => new Map(points.map((p) => [p.frameIndex, p])));
    let worst = 0;
    for (let f = 0; f < clip.frameCount; f++) {
      if (f === 200) continue;
      const angle = interiorAngle(hip!.get(f)!, knee!.get(f)!, ankle!.get(f)!);
      worst = Math.max(worst, Math.abs(angle - clip.truth.leftKneeAngle[f]!));
    }
    expect(worst).toBeLessThan(1);

    // The same through a goniometer bound to the three tracks (the annotation's own angle code), and its value
    // at every marked left midstance, which feeds the checklist.
    const tracks = new Map([
      ['hip', indexTrackPoints(tracked[0]!)],
      ['knee', indexTrackPoints(tracked[1]!)],
      ['ankle', indexTrackPoints(tracked[2]!)],
    ]);
    const at = (name: StickerName) => clip.truth.stickers[name][0]!;
    const goniometer = {
      geometry: { kind: 'goniometer' as const, points: [at('leftHip'), at('leftKnee'), at('leftAnkle')] as [Point, Point, Point] },
      label: 'knee-midstance-left',
      trackBindings: ['hip', 'knee', 'ankle'],
    };
    const series = measurementSeries(goniometer, tracks);
    const measured = series.samples.filter((s) => s.frameIndex !== 200 && s.value !== null);
    expect(measured.length).toBeGreaterThan(990);
    expect(Math.max(...measured.map((s) => Math.abs(s.value! - clip.truth.leftKneeAngle[s.frameIndex]!)))).toBeLessThan(1);
    const midstances = clip.truth.events.filter((e) => e.side === 'left' && e.kind === 'midstance' && e.frameIndex !== 200);
    const atEvents = valuesAtEvents(goniometer, tracks, midstances)!;
    const truthMean = midstances.reduce((sum, e) => sum + clip.truth.leftKneeAngle[e.frameIndex]!, 0) / midstances.length;
    expect(atEvents.stat!.n).toBe(midstances.length);
    expect(Math.abs(atEvents.stat!.mean - truthMean)).toBeLessThan(1);
  }, 180_000);

  it('proposes IC and TO from tracked toe stickers within ±1 frame for at least 95 % of the events', async () => {
    const withStart = async (name: StickerName, mode: TrackingMode) => {
      const { points } = await track(name, mode, 500);
      return [...points, { frameIndex: 500, ...clip.truth.stickers[name][500]!, confidence: 1, anchor: true }];
    };
    const proposals = proposeGaitEvents({
      feet: [
        { side: 'left', toe: await withStart('leftToe', 'blob') },
        { side: 'right', toe: await withStart('rightToe', 'blob') },
      ],
    });
    const expected = clip.truth.events.filter((event) => event.kind !== 'midstance');
    const hits = expected.filter((event) => proposals.some((p) => p.side === event.side && p.kind === event.kind && Math.abs(p.frameIndex - event.frameIndex) <= 1));
    expect(expected.length).toBeGreaterThan(20);
    expect(hits.length / expected.length).toBeGreaterThanOrEqual(0.95);
  }, 120_000);

  it('stops at anchors: a re-run from a corrected frame never computes (or moves) frames past the next anchor', async () => {
    const { result } = await track('leftHeel', 'template', 400, [100, 400, 460]);
    expect(result.runs.map((run) => run.range)).toEqual([{ fromFrame: 401, toFrame: 459 }, { fromFrame: 101, toFrame: 399 }]);
    const frames = result.runs.flatMap((run) => run.points.map((p) => p.frameIndex));
    expect(frames).not.toContain(100);
    expect(frames).not.toContain(460);
    expect(Math.min(...frames)).toBe(101);
    expect(Math.max(...frames)).toBe(459);
  }, 60_000);

  it('cancels at once and leaves no ffmpeg running', async () => {
    const controller = new AbortController();
    const pending = track('leftKnee', 'template', 10, [10], controller.signal);
    setTimeout(() => controller.abort(), 150);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await expect.poll(() => liveProcessCount()).toBe(0);
  }, 30_000);

  it('`midstance track FILE --frame N --point X,Y --json` prints { index, x, y, confidence } per frame', () => {
    const short = join(folder, 'short.mp4');
    spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', clip.path, '-frames:v', '120', '-c:v', 'libx264', '-preset', 'ultrafast', short]);
    const start = clip.truth.stickers.leftToe[60]!;
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');
    const run = spawnSync(process.execPath, [bin, 'track', short, '--frame', '60', '--point', `${start.x},${start.y}`, '--blob', '--json'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout) as { index: number; x: number; y: number; confidence: number }[];
    expect(rows.map((row) => row.index)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    const truth = clip.truth.stickers.leftToe;
    expect(Math.max(...rows.map((row) => Math.hypot(row.x - truth[row.index]!.x, row.y - truth[row.index]!.y)))).toBeLessThan(3);
    const outside = spawnSync(process.execPath, [bin, 'track', short, '--frame', '500', '--point', '1,1'], { encoding: 'utf8' });
    expect(outside.status).not.toBe(0);
    expect(outside.stderr).toMatch(/Frame 500 does not exist/);
  }, 60_000);
});
