// npm run bench:pose — automatic landmarks (BlazePose on tfjs WebAssembly, in a worker thread):
//   ms per frame for the full and the heavy model on 960 px frames of real footage (a walker from OpenCV's
//   vtest.avi, Debian package opencv-doc; MIDSTANCE_VTEST=path overrides), against plain decoding of the same
//   frames to RGB in the same run. Goals here: full ≤ 80 ms/frame, heavy ≤ 250 ms/frame (model time).
// The machine's load average is printed with the figures: the CPU is shared. Prints a table, then one JSON line.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeSourceOf } from '../main/media/decoder.ts';
import { resolveTools } from '../main/media/ffmpeg-path.ts';
import { probeMedia } from '../main/media/probe.ts';
import { detectPoses, poseInputSize } from '../main/pose/pose-engine.ts';
import { readRgbFrames } from '../main/pose/pose-frames.ts';
import { vtestPath } from '../test/fixtures/walker-clip.ts';

const GOALS = { full: 80, heavy: 250 } as const;
const FRAMES = 20;
const root = mkdtempSync(join(tmpdir(), 'midstance-bench-pose-'));

try {
  const tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
  const clip = join(root, 'walker-960.mp4');
  // A 284×160 window following the walker, scaled to 960×540: a side view at the size the issue measured.
  execFileSync(tools.ffmpeg.path, [
    '-hide_banner', '-loglevel', 'error', '-y', '-i', vtestPath(),
    '-vf', `trim=end_frame=${FRAMES},crop=284:160:'540-10*n':200,scale=960:540:flags=bicubic,setpts=PTS-STARTPTS`,
    '-c:v', 'libx264', '-crf', '18', '-pix_fmt', 'yuv420p', clip,
  ]);
  const probe = await probeMedia(clip, { ffprobe: tools.ffprobe.path });
  const size = poseInputSize({ width: probe.info.width, height: probe.info.height });
  const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

  const decodeRuns: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    let count = 0;
    for await (const _frame of readRgbFrames({
      ffmpeg: tools.ffmpeg, source: decodeSourceOf(probe), keyframes: probe.table.keyframes,
      fromIndex: 0, toIndex: FRAMES - 1, size, signal: new AbortController().signal,
    })) count += 1;
    decodeRuns.push((performance.now() - started) / count);
  }
  const decodeMs = decodeRuns.sort((a, b) => a - b)[1]!;

  const results: Record<string, { modelMs: number; endToEndMs: number; loadMs: number; missed: number; loadAverage: string }> = {};
  for (const model of ['full', 'heavy'] as const) {
    const before = load();
    const started = performance.now();
    const result = await detectPoses({ ffmpeg: tools.ffmpeg, probe, from: 0, to: FRAMES - 1, model });
    const total = performance.now() - started;
    results[model] = {
      modelMs: result.msPerFrame,
      endToEndMs: (total - result.loadMs) / result.frames.length,
      loadMs: result.loadMs,
      missed: result.missed,
      loadAverage: before,
    };
  }

  const row = (name: string, value: string, goal: string, note: string) => `${name.padEnd(34)}${value.padStart(12)}${goal.padStart(12)}  ${note}`;
  console.log(`Pose on ${FRAMES} frames of ${size.width}×${size.height} (real footage, vtest.avi walker), ffmpeg ${tools.ffmpeg.version}`);
  console.log(row('', 'ms/frame', 'goal', ''));
  console.log(row('decode to RGB (baseline, median of 3)', decodeMs.toFixed(1), '', ''));
  for (const model of ['full', 'heavy'] as const) {
    const r = results[model]!;
    const ok = r.modelMs <= GOALS[model] ? 'ok' : 'OVER GOAL';
    console.log(row(`BlazePose ${model}: model`, r.modelMs.toFixed(1), `≤ ${GOALS[model]}`, `${ok}; load ${r.loadMs.toFixed(0)} ms; no body on ${r.missed}; load average ${r.loadAverage}`));
    console.log(row(`BlazePose ${model}: decode + model`, r.endToEndMs.toFixed(1), '', `${(r.endToEndMs / decodeMs).toFixed(0)}× plain decoding`));
  }
  console.log(JSON.stringify({ frames: FRAMES, size, decodeMs, ...Object.fromEntries(Object.entries(results).map(([key, value]) => [key, value])), goals: GOALS, loadAverageAfter: load() }));
} finally {
  rmSync(root, { recursive: true, force: true });
}
