/**
 * npm run bench:spill — the disk tier behind the frame cache, on a 60 s 1080p240 H.264 clip
 * (14,400 frames) with a memory bound it does not fit in:
 * - warm-up with spill: time until every frame is ready (memory or disk), spilled bytes;
 * - random access and next-frame steps served from disk vs memory, p50/p95, exactness;
 * - the cost of a spill write (it runs inside the memory cache's eviction);
 * - A/B: the same clip memory-only (window warm-up): how much it warms, and a frame outside.
 * Prints a table, then one JSON line. Clips are cached in $MIDSTANCE_FIXTURE_DIR or
 * <tmp>/midstance-bench-fixtures (shared with bench:media).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { WarmStatus } from '../common/contract/media.ts';
import { SpillFile } from '../main/media/frame-spill.ts';
import { createMediaService, type MediaService } from '../main/media/media-service.ts';
import { CLIPS, makeClip } from '../test/fixtures/clips.ts';
import { decodeToGray } from '../test/fixtures/decode-images.ts';
import { readFrameIndex } from '../test/fixtures/frame-code.ts';
import { percentile, seededRandom } from './stats.ts';

const run = promisify(execFile);
const fixtureDir = process.env.MIDSTANCE_FIXTURE_DIR ?? join(tmpdir(), 'midstance-bench-fixtures');
mkdirSync(fixtureDir, { recursive: true });
/**
 * The synthetic clip's previews compress to ~40 KB (~570 MB for the clip), so the default
 * 1024 MiB bound would hold it all; real running footage runs ~60 KB a frame. 256 MiB makes
 * most of the clip live on disk ($MIDSTANCE_BENCH_CACHE_MB to change).
 */
const settings = { ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: Number(process.env.MIDSTANCE_BENCH_CACHE_MB ?? 256) };
const RANDOM_SAMPLES = 2000;
const STEP_SAMPLES = 1000;
const EXACT_SAMPLES = 200;
const COLD_SAMPLES = 15;
const UNCACHED_SAMPLES = 300;
const WARM_TIMEOUT_MS = 300_000;

const rows: [string, string][] = [];
const row = (what: string, value: string) => {
  rows.push([what, value]);
  process.stderr.write(`  ${what}: ${value}\n`);
};
const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Times every spill write that reaches the disk (not the already-there ones). */
function timeSpillWrites(): number[] {
  const times: number[] = [];
  const write = SpillFile.prototype.write;
  SpillFile.prototype.write = function timed(this: SpillFile, index: number, data: Uint8Array): boolean {
    if (this.has(index)) return true;
    const start = performance.now();
    const written = write.call(this, index, data);
    if (written) times.push(performance.now() - start);
    return written;
  };
  return times;
}

function listSpillFiles(): string[] {
  const parent = tmpdir();
  return readdirSync(parent)
    .filter((name) => name.startsWith(`midstance-frames-${process.pid}-`))
    .flatMap((dir) => readdirSync(join(parent, dir)).map((file) => join(parent, dir, file)));
}

async function warmUp(service: MediaService, mediaId: string, limitMs: number): Promise<{ ms: number; status: WarmStatus }> {
  const start = performance.now();
  let lastReport = start;
  while (!service.warmStatus(mediaId).complete && performance.now() - start < limitMs) {
    await new Promise((r) => setTimeout(r, 50));
    if (performance.now() - lastReport > 5000) {
      lastReport = performance.now();
      const s = service.warmStatus(mediaId);
      process.stderr.write(`    ${((lastReport - start) / 1000).toFixed(0)} s: ${s.cachedFrames}/${s.targetFrames} ready (${s.mode}), ${s.spilledFrames ?? 0} on disk\n`);
    }
  }
  return { ms: performance.now() - start, status: service.warmStatus(mediaId) };
}

async function main() {
  process.stderr.write(`Preparing the 60 s clip in ${fixtureDir}…\n`);
  const base = await makeClip({ ...CLIPS.h264_1080p240, frames: 960 }, fixtureDir);
  const long = join(fixtureDir, 'h264-1080p240-60s.mp4');
  await run('ffmpeg', ['-v', 'error', '-n', '-stream_loop', '14', '-i', base.path, '-c', 'copy', long]).catch(() => undefined);
  const writeTimes = timeSpillWrites();

  process.stderr.write('With disk spill: warming the whole clip…\n');
  const spilled = createMediaService({ settings: () => settings });
  let result: Record<string, unknown>;
  try {
    const opened = await spilled.open({ path: long });
    const frameCount = opened.info.frameCount;
    const warm = await warmUp(spilled, opened.mediaId, WARM_TIMEOUT_MS);
    const session = spilled.session(opened.mediaId);
    while (session.liveJobs() > 0) await new Promise((r) => setTimeout(r, 20));
    spilled.cache.resetPeak();

    // Random access: classify each request by where the frame was before it was asked for.
    const random = seededRandom(7);
    const fromDisk: number[] = [];
    const fromMemory: number[] = [];
    let decoded = 0;
    const exactIndices: number[] = [];
    const exactImages: Uint8Array[] = [];
    for (let i = 0; i < RANDOM_SAMPLES; i += 1) {
      const index = Math.floor(random() * frameCount);
      const inMemory = spilled.cache.has(opened.mediaId, 'preview', index);
      const ready = session.isCached(index, 'preview');
      const start = performance.now();
      const frame = await spilled.getFrame({ clipId: opened.mediaId, index });
      const elapsed = performance.now() - start;
      if (!ready) decoded += 1;
      else (inMemory ? fromMemory : fromDisk).push(elapsed);
      if (ready && !inMemory && exactImages.length < EXACT_SAMPLES) {
        exactIndices.push(index);
        exactImages.push(frame.data);
      }
    }
    // Next-frame steps through a stretch that is on disk only.
    const stepFrom = Math.floor(frameCount / 2);
    const steps: number[] = [];
    let stepsFromDisk = 0;
    for (let index = stepFrom; index < stepFrom + STEP_SAMPLES; index += 1) {
      if (!spilled.cache.has(opened.mediaId, 'preview', index)) stepsFromDisk += 1;
      const start = performance.now();
      await spilled.getFrame({ clipId: opened.mediaId, index });
      steps.push(performance.now() - start);
    }
    // Worst case: the spill file no longer in the page cache (GNU dd drops one file's pages).
    const uncached: number[] = [];
    const spillFiles = listSpillFiles();
    if (process.platform === 'linux' && spillFiles.length > 0) {
      await run('sync', spillFiles);
      for (const file of spillFiles) await run('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
      while (uncached.length < UNCACHED_SAMPLES) {
        const index = Math.floor(random() * frameCount);
        if (spilled.cache.has(opened.mediaId, 'preview', index) || !session.isCached(index, 'preview')) continue;
        const start = performance.now();
        await spilled.getFrame({ clipId: opened.mediaId, index });
        uncached.push(performance.now() - start);
      }
    }
    const rasters = await decodeToGray(exactImages, session.previewSize.width, session.previewSize.height);
    // The looped clip repeats its 960 embedded indices.
    const exact = rasters.filter((raster, i) => readFrameIndex(raster) === exactIndices[i]! % base.frameCount).length;
    const s = warm.status;
    result = {
      frames: frameCount,
      cacheBoundBytes: s.cacheBoundBytes,
      warmCompleteMs: Math.round(warm.ms),
      warmComplete: s.complete,
      warmMode: s.mode,
      spilledFrames: s.spilledFrames ?? 0,
      spillBytes: s.spillBytes ?? 0,
      spillWriteP50Ms: round(percentile(writeTimes, 0.5)),
      spillWriteP95Ms: round(percentile(writeTimes, 0.95)),
      spillWriteMaxMs: round(Math.max(...writeTimes)),
      spillWrites: writeTimes.length,
      diskReadP50Ms: round(percentile(fromDisk, 0.5)),
      diskReadP95Ms: round(percentile(fromDisk, 0.95)),
      diskReads: fromDisk.length,
      memoryReadP50Ms: round(percentile(fromMemory, 0.5)),
      memoryReadP95Ms: round(percentile(fromMemory, 0.95)),
      memoryReads: fromMemory.length,
      decodedDuringRandom: decoded,
      uncachedDiskReadP50Ms: round(percentile(uncached, 0.5)),
      uncachedDiskReadP95Ms: round(percentile(uncached, 0.95)),
      uncachedDiskReads: uncached.length,
      diskStepP50Ms: round(percentile(steps, 0.5)),
      diskStepP95Ms: round(percentile(steps, 0.95)),
      diskSteps: stepsFromDisk,
      diskExact: `${exact}/${exactImages.length}`,
      cachePeakBytesAfterWarm: spilled.cache.peakBytes,
    };
  } finally {
    await spilled.dispose();
  }

  process.stderr.write('Memory only (A/B): window warm-up…\n');
  const windowed = createMediaService({ settings: () => settings, spill: false });
  try {
    const opened = await windowed.open({ path: long });
    const warm = await warmUp(windowed, opened.mediaId, WARM_TIMEOUT_MS);
    const session = windowed.session(opened.mediaId);
    while (session.liveJobs() > 0) await new Promise((r) => setTimeout(r, 20));
    const random = seededRandom(11);
    const cold: number[] = [];
    const frameCount = opened.info.frameCount;
    while (cold.length < COLD_SAMPLES) {
      const index = Math.floor(random() * frameCount);
      if (session.isCached(index, 'preview')) continue;
      const start = performance.now();
      await windowed.getFrame({ clipId: opened.mediaId, index });
      cold.push(performance.now() - start);
    }
    result.windowWarmMs = Math.round(warm.ms);
    result.windowTargetFrames = warm.status.targetFrames;
    result.windowReadyFrames = warm.status.cachedFrames;
    result.windowOutsideP50Ms = round(percentile(cold, 0.5), 1);
    result.windowOutsideP95Ms = round(percentile(cold, 0.95), 1);
  } finally {
    await windowed.dispose();
  }

  const r = result as Record<string, number | string | boolean>;
  row('clip', `60 s 1080p240 H.264 GOP 240, ${r.frames} frames, memory bound ${mib(r.cacheBoundBytes as number)}`);
  row('warm-up with spill: open → every frame ready', `${((r.warmCompleteMs as number) / 1000).toFixed(1)} s (${r.warmMode}, complete ${r.warmComplete})`);
  row('spilled to disk', `${r.spilledFrames} frames, ${mib(r.spillBytes as number)}`);
  row('spill write p50 / p95 / max', `${ms(r.spillWriteP50Ms as number)} / ${ms(r.spillWriteP95Ms as number)} / ${ms(r.spillWriteMaxMs as number)} (${r.spillWrites} writes, warm-up and reads)`);
  row('random frame from disk p50 / p95', `${ms(r.diskReadP50Ms as number)} / ${ms(r.diskReadP95Ms as number)} (${r.diskReads} reads, ${r.diskExact} exact)`);
  row('random frame from memory p50 / p95', `${ms(r.memoryReadP50Ms as number)} / ${ms(r.memoryReadP95Ms as number)} (${r.memoryReads} reads)`);
  row('random frame from disk, not in page cache p50 / p95', `${ms(r.uncachedDiskReadP50Ms as number)} / ${ms(r.uncachedDiskReadP95Ms as number)} (${r.uncachedDiskReads} reads)`);
  row('next-frame step p50 / p95', `${ms(r.diskStepP50Ms as number)} / ${ms(r.diskStepP95Ms as number)} (${r.diskSteps}/${STEP_SAMPLES} from disk)`);
  row('memory only: window warm', `${r.windowReadyFrames} frames ready, window of ${r.windowTargetFrames}, after ${((r.windowWarmMs as number) / 1000).toFixed(1)} s`);
  row('memory only: frame outside the window p50 / p95', `${ms(r.windowOutsideP50Ms as number)} / ${ms(r.windowOutsideP95Ms as number)}`);

  const width = Math.max(...rows.map(([what]) => what.length));
  const lines = ['', 'Frame cache disk spill benchmark', ''];
  for (const [what, value] of rows) lines.push(`${what.padEnd(width)}  ${value}`);
  process.stdout.write(`${lines.join('\n')}\n\n${JSON.stringify(result)}\n`);
}

await main();
