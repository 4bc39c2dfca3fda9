/**
 * npm run bench:tracking — point tracking against plain decoding of the same frames, in the same run, on a
 * generated 1,000-frame 960×540 runner clip (H.264). Prints a table, then one JSON line.
 * Extend by adding entries to `measures` (e.g. pose ms/frame against the same decoding baseline).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTools } from '../main/media/ffmpeg-path.ts';
import { probeMedia } from '../main/media/probe.ts';
import { runTrackJob, trackJobMedia } from '../main/tracking/track-job.ts';
import { readFrames } from '../main/media/raw-frames.ts';
import { makeRunnerClip, runnerTruth } from '../test/fixtures/runner-clip.ts';

const FRAMES = 1000;
const ROUNDS = Number(process.env.MIDSTANCE_BENCH_ROUNDS ?? 3);
const fixtureDir = process.env.MIDSTANCE_FIXTURE_DIR ?? join(tmpdir(), 'midstance-bench-fixtures');
mkdirSync(fixtureDir, { recursive: true });
const name = `runner-bench-${FRAMES}.mp4`;
const path = join(fixtureDir, name);
if (!existsSync(path)) await makeRunnerClip(fixtureDir, { frames: FRAMES, name });
const truth = runnerTruth(FRAMES);
const tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
const probe = await probeMedia(path, { ffprobe: tools.ffprobe.path });
const media = trackJobMedia(tools.ffmpeg, probe);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const signal = () => new AbortController().signal;

async function decodeOnly(channels: 1 | 3): Promise<number> {
  const started = performance.now();
  let frames = 0;
  for await (const _frame of readFrames({ ...media, size: media.frameSize, pixelFormat: channels === 1 ? 'gray' : 'rgb24', fromIndex: 0, toIndex: FRAMES - 1, signal: signal() })) frames++;
  return frames / ((performance.now() - started) / 1000);
}

async function trackForward(mode: 'template' | 'blob'): Promise<number> {
  const started = performance.now();
  const start = { frameIndex: 0, ...truth.stickers.leftKnee[0]! };
  const result = await runTrackJob({ ...media, mode, start, anchorFrames: [0] }, signal());
  const frames = result.runs.reduce((sum, run) => sum + run.points.length, 0) + 1;
  return frames / ((performance.now() - started) / 1000);
}

const measures: { what: string; unit: string; goal: string; run: () => Promise<number> }[] = [
  { what: 'decode only, grey preview frames', unit: 'frames/s', goal: 'baseline', run: () => decodeOnly(1) },
  { what: 'track a point (template), forward', unit: 'frames/s', goal: '≥ 200', run: () => trackForward('template') },
  { what: 'decode only, RGB preview frames', unit: 'frames/s', goal: 'baseline', run: () => decodeOnly(3) },
  { what: 'track a sticker (colour blob), forward', unit: 'frames/s', goal: '≥ 200', run: () => trackForward('blob') },
];

const results: Record<string, number> = {};
process.stderr.write(`bench:tracking — ${FRAMES} frames at ${media.frameSize.width}×${media.frameSize.height}, median of ${ROUNDS} rounds\n`);
for (const measure of measures) {
  const values: number[] = [];
  for (let round = 0; round < ROUNDS; round++) values.push(await measure.run());
  results[measure.what] = median(values);
  process.stdout.write(`  ${measure.what.padEnd(42)} ${results[measure.what]!.toFixed(0).padStart(6)} ${measure.unit}  (${measure.goal})\n`);
}
process.stdout.write(`${JSON.stringify({ bench: 'tracking', frames: FRAMES, size: media.frameSize, results })}\n`);
