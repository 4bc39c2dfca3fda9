// npm run bench:export — a slowed video export of a 2 s range of a 1080p 240 fps clip at 1/8 of real speed
// (480 frames → 480 frames at 30 fps) with drawings on four frames, against plain ffmpeg re-encoding the same
// range with the same encoder settings, measured in the same run (three paired runs, median). Two variants of
// the export: with the frame/time caption (every frame goes through the canvas) and without (only the frames
// with drawings do). Prints a table, then one JSON line.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { exportSlowVideo } from '../main/export/exports.ts';
import { resolveTools } from '../main/media/ffmpeg-path.ts';
import { liveProcessCount } from '../main/media/processes.ts';
import { openProjectDb } from '../main/project/db.ts';
import { createProjectStore } from '../main/project/store.ts';
import { type ClipSpec, makeClip } from '../test/fixtures/clips.ts';
import { buildExportProject } from '../test/integration/export/export-project.ts';
import { percentile } from './stats.ts';

const run = promisify(execFile);
const RUNS = Number(process.env.MIDSTANCE_BENCH_RUNS ?? 3);
const FROM = 60;
const TO = 539; // 480 frames = 2 s at 240 fps
const SLOW = 8;
const CLIP: ClipSpec = { width: 1920, height: 1080, fps: 240, frames: 600, codec: 'h264', gop: 240, bframes: 0, preset: 'ultrafast' };

const root = mkdtempSync(join(tmpdir(), 'midstance-bench-export-'));
const fixtureDir = process.env.MIDSTANCE_FIXTURE_DIR ?? join(root, 'fixtures');
mkdirSync(fixtureDir, { recursive: true });

async function main() {
  const clip = await makeClip(CLIP, fixtureDir);
  const tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
  // Drawings of the test project (a knee, a trunk angle, a line) on frames 20 and 30: move them into the range.
  const fixture = await buildExportProject(root, clip.path, clip.path);
  const file = await openProjectDb(fixture.path, {});
  file.db.prepare('UPDATE annotations SET frame_index = frame_index + 100').run();
  const store = createProjectStore(file);
  const project = { store, projectDir: root, searchRoot: root, tools: async () => tools };

  const exportOnce = async (caption: boolean, name: string) => {
    const outPath = join(root, name);
    const started = performance.now();
    const result = await exportSlowVideo(project, { clipId: fixture.fastClipId, from: FROM, to: TO, slow: SLOW, caption, holdSeconds: 0, outPath, language: 'en' });
    const ms = performance.now() - started;
    return { ms, frames: result.frames, bytes: statSync(outPath).size };
  };
  const plainOnce = async (name: string) => {
    const outPath = join(root, name);
    const fps = 240 / SLOW;
    const started = performance.now();
    // The same range (accurate seek: decoded from its keyframe), the same encoder and settings, timed at 30 fps.
    await run(tools.ffmpeg.path, [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-ss', (FROM / 240).toFixed(6), '-i', clip.path, '-frames:v', String(TO - FROM + 1),
      '-vf', `setpts=N/${fps}/TB`, '-r', String(fps),
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-an',
      outPath,
    ]);
    return { ms: performance.now() - started, bytes: statSync(outPath).size };
  };

  const plain: number[] = [];
  const withCaption: number[] = [];
  const drawingsOnly: number[] = [];
  let frames = 0;
  for (let i = 0; i < RUNS; i++) {
    plain.push((await plainOnce(`plain-${i}.mp4`)).ms);
    const captioned = await exportOnce(true, `export-caption-${i}.mp4`);
    withCaption.push(captioned.ms);
    frames = captioned.frames;
    drawingsOnly.push((await exportOnce(false, `export-${i}.mp4`)).ms);
  }
  store.close();
  const median = (samples: number[]) => percentile(samples, 0.5);
  const rows: [string, number[]][] = [
    ['plain ffmpeg re-encode (baseline)', plain],
    ['export, drawings + caption', withCaption],
    ['export, drawings only', drawingsOnly],
  ];
  console.log(`Export of frames ${FROM}–${TO} (${TO - FROM + 1} frames, 2 s) of a 1920×1080 240 fps clip at 1/${SLOW}: ${frames} output frames at 30 fps; ffmpeg ${tools.ffmpeg.version}`);
  console.log('variant                               median ms   runs (ms)                 × baseline');
  for (const [name, samples] of rows) {
    console.log(`${name.padEnd(38)}${median(samples).toFixed(0).padStart(9)}   ${samples.map((s) => s.toFixed(0)).join(', ').padEnd(26)}${(median(samples) / median(plain)).toFixed(2).padStart(6)}`);
  }
  console.log(
    JSON.stringify({
      bench: 'export',
      frames,
      plainMs: median(plain),
      exportCaptionMs: median(withCaption),
      exportDrawingsMs: median(drawingsOnly),
      captionRatio: median(withCaption) / median(plain),
      drawingsRatio: median(drawingsOnly) / median(plain),
      liveProcesses: liveProcessCount(),
    }),
  );
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));
