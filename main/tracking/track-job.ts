import type { FrameRange, TrackPoint } from '../../common/contract/track.ts';
import { type PixelFrame, type TrackingMode, createPointTracker } from '../../common/tracking/point-tracker.ts';
import { type TrackRun, createLostWatch, planRuns, runLength } from '../../common/tracking/track-plan.ts';
import { type DecodeSource, type OutputSize, decodeSourceOf } from '../media/decoder.ts';
import { DEFAULT_PREVIEW_WIDTH } from '../media/media-service.ts';
import { previewSizeFor } from '../media/media-session.ts';
import type { ProbeResult } from '../media/probe.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import { cancelledError } from '../media/processes.ts';
import { type RawFrame, readFrames, readFramesBackward } from '../media/raw-frames.ts';

/**
 * One tracking job: from a known point on one frame, forward and backward through the clip until the next
 * anchor or the end. Everything it needs is plain data, so the same function runs in a worker thread (the app)
 * or in-line (CLI, tests). Frames are tracked at `frameSize` (preview size) and positions are given back in source
 * pixels of the upright frame.
 */
export interface TrackJobInput {
  ffmpeg: ResolvedTool;
  source: DecodeSource;
  keyframes: readonly number[];
  frameCount: number;
  /** Upright size of the source frames (the coordinate space of stored points). */
  sourceSize: OutputSize;
  /** Upright size frames are tracked at. */
  frameSize: OutputSize;
  mode: TrackingMode;
  /** The frame tracking starts from and the point's position on it (source pixels). */
  start: { frameIndex: number; x: number; y: number };
  /** Frames the user placed by hand: runs stop before them. */
  anchorFrames: readonly number[];
}

export interface TrackJobProgress {
  done: number;
  total: number;
}

export interface TrackJobResult {
  /** Each range computed, with the points found in it (may end early where the point was lost). */
  runs: { range: FrameRange; points: TrackPoint[]; lost: boolean }[];
}

export async function runTrackJob(
  input: TrackJobInput,
  signal: AbortSignal,
  onProgress: (progress: TrackJobProgress) => void = () => {},
): Promise<TrackJobResult> {
  const runs = planRuns(input.anchorFrames, input.start.frameIndex, input.frameCount);
  const total = runs.reduce((sum, run) => sum + runLength(run), 0);
  const channels = input.mode === 'blob' ? 3 : 1;
  const sx = input.frameSize.width / input.sourceSize.width;
  const sy = input.frameSize.height / input.sourceSize.height;
  const toFrame = (data: Uint8Array): PixelFrame => ({ width: input.frameSize.width, height: input.frameSize.height, channels, data });
  const common = {
    ffmpeg: input.ffmpeg,
    source: input.source,
    keyframes: input.keyframes,
    size: input.frameSize,
    pixelFormat: channels === 1 ? 'gray' : 'rgb24',
  } as const;

  // The picked frame itself, once, to take the template from.
  let first: RawFrame | null = null;
  for await (const frame of readFrames({ ...common, fromIndex: input.start.frameIndex, toIndex: input.start.frameIndex, signal })) first = frame;
  if (!first) throw cancelledError();
  const startFrame = toFrame(first.data);

  let done = 0;
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (force || now - lastReport > 100) {
      lastReport = now;
      onProgress({ done, total });
    }
  };
  const result: TrackJobResult = { runs: [] };
  for (const run of runs) {
    const tracker = createPointTracker(startFrame, input.start.x * sx, input.start.y * sy, { mode: input.mode });
    const watch = createLostWatch();
    const points: TrackPoint[] = [];
    let lost = false;
    // Ends the ffmpeg of this run once the point is lost, without cancelling the job.
    const runController = new AbortController();
    const forward = () => runController.abort();
    signal.addEventListener('abort', forward, { once: true });
    const onFrame = (frame: RawFrame) => {
      if (lost || frame.index === run.from) return;
      const position = tracker.next(toFrame(frame.data));
      points.push({ frameIndex: frame.index, x: position.x / sx, y: position.y / sy, confidence: round(position.confidence), anchor: false });
      done += 1;
      report();
      const verdict = watch.note(position.confidence);
      if (verdict.stop) {
        lost = true;
        points.splice(points.length - verdict.drop, verdict.drop);
        runController.abort();
      }
    };
    try {
      const request = { ...common, fromIndex: run.from, toIndex: run.to, signal: runController.signal };
      for await (const frame of run.direction === 1 ? readFrames(request) : readFramesBackward(request)) {
        onFrame(frame);
        if (lost) break;
      }
    } catch (error) {
      if (!lost || signal.aborted) throw signal.aborted ? cancelledError() : error;
    } finally {
      signal.removeEventListener('abort', forward);
    }
    if (signal.aborted) throw cancelledError();
    if (lost) done += runLength(run) - points.length;
    result.runs.push({ range: rangeOf(run), points: run.direction === 1 ? points : points.reverse(), lost });
  }
  done = total;
  report(true);
  return result;
}

function rangeOf(run: TrackRun): FrameRange {
  const a = run.from + run.direction;
  return { fromFrame: Math.min(a, run.to), toFrame: Math.max(a, run.to) };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The job's media fields for a probed clip, tracked at preview width (as the viewer steps frames). */
export function trackJobMedia(
  ffmpeg: ResolvedTool,
  probe: ProbeResult,
  previewWidth = DEFAULT_PREVIEW_WIDTH,
): Pick<TrackJobInput, 'ffmpeg' | 'source' | 'keyframes' | 'frameCount' | 'sourceSize' | 'frameSize'> {
  return {
    ffmpeg,
    source: decodeSourceOf(probe),
    keyframes: probe.table.keyframes,
    frameCount: probe.table.pts.length,
    sourceSize: { width: probe.info.width, height: probe.info.height },
    frameSize: previewSizeFor(probe.info, previewWidth),
  };
}
