import { extname } from 'node:path';
import { assertCanCreateBeside, writeFileAtomic } from '../platform/atomic-write.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import { createFfmpegDecoder, decodeSourceOf, type ImageFormat, type OutputSize } from './decoder.ts';
import type { ResolvedTool } from './ffmpeg-path.ts';
import { rideOnJob, SPAWN_COST_FRAMES } from './foreground-queue.ts';
import { earlierDecodeStart, keyframeAtOrBefore } from './keyframes.ts';
import { cancelledError } from './processes.ts';
import type { ProbeResult } from './probe.ts';

/**
 * Stills: exactly the frames named, upright, as PNG (lossless) or JPEG, in memory — for the CLI's
 * `frame`, the PDF report and exports. They come from the viewer's own decoder (decoder.ts), so a
 * still is identified by its own timestamp (showinfo) exactly as a frame on screen is, and a
 * decode that does not deliver it starts again from an earlier keyframe (keyframes.ts).
 */

export interface StillRequest {
  ffmpeg: ResolvedTool;
  probe: ProbeResult;
  format: ImageFormat;
  /** Output width in pixels (even, height follows the picture); default and maximum: the clip's own. */
  width?: number;
  /** JPEG only: ffmpeg's -q:v scale, 2 (best, the default) … 31 (smallest). */
  quality?: number;
  signal?: AbortSignal;
}

export interface Still {
  /** The encoded image (PNG or JPEG). */
  data: Buffer;
  size: OutputSize;
  index: number;
  /** The delivered frame's own presentation time, in seconds of file time. */
  timeSeconds: number;
}

/** Frames one process converts at most (its select expression has a term per frame; see DecodeRequest.only). */
const MAX_STILLS_PER_RUN = 32;
/** Several processes at once do not pay on two cores: each decodes with frame threads already. */
const PARALLEL_DECODES = 1;

export async function extractStill(input: StillRequest & { index: number }): Promise<Still> {
  const [still] = await extractStills({ ...input, indices: [input.index] });
  return still!;
}

/**
 * Several stills of one clip, in the order of `indices` (repeats allowed). Frames that one
 * process reaches sooner than a new one would (same keyframe group, or a short gap) share a
 * process, which decodes the frames between and converts only the ones asked for.
 */
export async function extractStills(input: StillRequest & { indices: readonly number[] }): Promise<Still[]> {
  const { probe, signal } = input;
  for (const index of input.indices) assertFrameExists(probe, index);
  const quality = input.quality ?? 2;
  if (!Number.isInteger(quality) || quality < 2 || quality > 31) {
    throw new MidstanceError('invalid-request', `JPEG quality ${quality} is not in 2 (best) … 31 (smallest).`);
  }
  if (signal?.aborted) throw cancelledError();
  const size = stillSize(probe.info, input.width);
  const source = decodeSourceOf(probe);
  const decoder = createFfmpegDecoder(input.ffmpeg, source, { standby: 0 });
  const keyframes = probe.table.keyframes;
  const found = new Map<number, Uint8Array>();
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });

  const decodeRun = async (run: DecodeRun): Promise<void> => {
    let from: number | null = run.fromIndex;
    let missing = run.indices;
    while (from !== null && missing.length > 0) {
      await decoder.decode(
        {
          fromIndex: from,
          keepFromIndex: missing[0]!,
          toIndex: missing[missing.length - 1]!,
          only: missing,
          size,
          quality,
          format: input.format,
          background: false,
        },
        (index, image) => {
          if (missing.includes(index)) found.set(index, image);
        },
        controller.signal,
      );
      missing = missing.filter((index) => !found.has(index));
      from = earlierDecodeStart(keyframes, from);
    }
    if (missing.length > 0) {
      // Never another frame in its place. Seen with the leading frames of a cut open-GOP recording:
      // listed by the file, but what they are decoded from was cut off.
      throw new MidstanceError(
        'media-unreadable',
        `Frame ${missing[0]} of "${probe.info.fileName}" cannot be decoded: ffmpeg gives no picture for it (the file may be damaged, or cut from a longer recording so that this frame lost the pictures it is decoded from).`,
        {
          path: probe.file.path,
          index: missing[0],
        },
      );
    }
  };

  try {
    const runs = planRuns(keyframes, input.indices);
    let next = 0;
    const worker = async () => {
      while (next < runs.length) await decodeRun(runs[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_DECODES, runs.length) }, worker));
  } catch (error) {
    controller.abort();
    if (signal?.aborted) throw cancelledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await decoder.dispose();
  }
  const [num, den] = probe.facts.timeBase;
  return input.indices.map((index) => ({
    data: Buffer.from(found.get(index)!),
    size,
    index,
    timeSeconds: (source.pts[index]! * num) / den,
  }));
}

interface DecodeRun {
  /** A keyframe (or 0) to decode from. */
  fromIndex: number;
  /** Ascending, distinct. */
  indices: number[];
}

/**
 * Groups wanted frames into decoder runs: a frame joins the run before it when that process will
 * reach it sooner than a new process decoding from the frame's own keyframe (the viewer's rule,
 * rideOnJob).
 */
export function planRuns(keyframes: readonly number[], indices: readonly number[]): DecodeRun[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: DecodeRun[] = [];
  for (const index of sorted) {
    const keyframe = keyframeAtOrBefore(keyframes, index);
    const run = runs[runs.length - 1];
    const last = run?.indices[run.indices.length - 1];
    const joins = run !== undefined && last !== undefined && run.indices.length < MAX_STILLS_PER_RUN;
    if (joins && (keyframe <= last || rideOnJob(index - last, false, index - keyframe, SPAWN_COST_FRAMES))) {
      run!.indices.push(index);
    } else {
      runs.push({ fromIndex: keyframe, indices: [index] });
    }
  }
  return runs;
}

/**
 * Writes exactly one frame, upright, to an image file (.png lossless, or .jpg/.jpeg), atomically:
 * for the CLI's `frame`.
 */
export async function writeStillFrame(input: {
  ffmpeg: ResolvedTool;
  probe: ProbeResult;
  index: number;
  outPath: string;
  width?: number;
  signal?: AbortSignal;
}): Promise<OutputSize> {
  assertFrameExists(input.probe, input.index);
  const extension = extname(input.outPath).toLowerCase();
  const jpeg = extension === '.jpg' || extension === '.jpeg';
  if (!jpeg && extension !== '.png') {
    throw new MidstanceError('invalid-request', `Write the frame as .png or .jpg, not "${extension || 'no extension'}".`);
  }
  // A folder that cannot take the file is said before any decoding.
  assertCanCreateBeside(input.outPath);
  const still = await extractStill({
    ffmpeg: input.ffmpeg,
    probe: input.probe,
    index: input.index,
    format: jpeg ? 'jpeg' : 'png',
    width: input.width,
    signal: input.signal,
  });
  writeFileAtomic(input.outPath, still.data);
  return still.size;
}

function assertFrameExists(probe: ProbeResult, index: number): void {
  const frameCount = probe.table.pts.length;
  if (!Number.isInteger(index) || index < 0 || index >= frameCount) {
    throw new MidstanceError('invalid-request', `Frame ${index} does not exist: this clip has ${frameCount} frames (0–${frameCount - 1}).`);
  }
}

function stillSize(info: ProbeResult['info'], width: number | undefined): OutputSize {
  if (width === undefined || width >= info.width) return { width: info.width, height: info.height };
  const w = Math.max(2, 2 * Math.round(width / 2));
  return { width: w, height: Math.max(2, 2 * Math.round((w * info.height) / info.width / 2)) };
}
