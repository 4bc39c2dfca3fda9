import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { PoseFrame, PoseLandmark, PoseModel, PoseModelChoice, PosePoint } from '../../common/contract/pose.ts';
import { BLAZEPOSE_PART } from '../../common/pose/landmarks.ts';
import { framesNeedingHeavy, rangesOf } from '../../common/pose/model-choice.ts';
import { ALL_LANDMARKS } from '../../common/pose/sequence.ts';
import { decodeSourceOf, type OutputSize } from '../media/decoder.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import type { ProbeResult } from '../media/probe.ts';
import { cancelledError } from '../media/processes.ts';
import { readFrames } from '../media/raw-frames.ts';
import { poseRuntimeFiles, unavailable } from './model-files.ts';
import type { FromPoseWorker, PoseWorkerData, RawKeypoints, ToPoseWorker } from './worker-protocol.ts';

/** The model sees frames at most this large (longer side): BlazePose crops the body to 256 px anyway. */
export const POSE_INPUT_SIZE = 960;
/**
 * The detector looks afresh on every frame whose index is a multiple of this (and wherever the body was
 * lost); in between the body is followed from the previous frame. A run that starts mid-clip begins
 * reading at the multiple before it, so a frame gets the same landmarks whichever range was asked for.
 */
export const DETECT_EVERY = 16;
/** The model a run uses when none is asked for (chosen by bench:pose and the agreement test; see README). */
export const DEFAULT_POSE_MODEL: PoseModelChoice = 'heavy';
export const detectionStart = (from: number): number => from - (from % DETECT_EVERY);
/** A frame the model has not answered in this time means the worker is stuck: it is ended. */
const FRAME_TIMEOUT_MS = 60_000;
const LOAD_TIMEOUT_MS = 120_000;

export interface PoseRunRequest {
  ffmpeg: ResolvedTool;
  probe: ProbeResult;
  /** First and last frame (display indices, both included). */
  from: number;
  to: number;
  model: PoseModelChoice;
  signal?: AbortSignal;
  /** After every frame: work done of the total, in frames (auto counts the heavy pass as a second run over the clip). */
  onProgress?: (done: number, total: number) => void;
  /** Pose workers per pass: by default two where the machine has two cores and the pass is long enough (parallelWorkers). */
  workers?: 1 | 2;
}

/** A pass is split over two workers only from this many frames on: each part must repay its worker's model load. */
export const PARALLEL_MIN_FRAMES = 2 * DETECT_EVERY;

/** How many pose workers a pass over `frames` frames uses: two when the machine has the cores for it and the pass is long enough. */
export function parallelWorkers(frames: number, cores = availableParallelism()): 1 | 2 {
  return cores >= 2 && frames >= PARALLEL_MIN_FRAMES ? 2 : 1;
}

/**
 * Splits a pass's ranges into two contiguous parts of about equal size, the cut on a multiple of DETECT_EVERY
 * (or between two ranges): each part reads from its own detection start, so its frames are the same as one
 * worker gives them. Returns one part where no such cut leaves work on both sides.
 */
export function splitRanges(ranges: readonly [number, number][]): [number, number][][] {
  const total = ranges.reduce((sum, [a, b]) => sum + b - a + 1, 0);
  const half = total / 2;
  let best: { cost: number; at: number; cut: number | null } | null = null;
  let before = 0;
  ranges.forEach(([a, b], at) => {
    // Candidate cuts: before this range, or inside it at a multiple of DETECT_EVERY.
    const consider = (cut: number | null, done: number) => {
      if (done <= 0 || done >= total) return;
      const cost = Math.abs(done - half);
      if (!best || cost < best.cost) best = { cost, at, cut };
    };
    consider(null, before);
    for (let cut = a - (a % DETECT_EVERY) + DETECT_EVERY; cut <= b; cut += DETECT_EVERY) consider(cut, before + cut - a);
    before += b - a + 1;
  });
  if (!best) return [ranges.map(([a, b]) => [a, b])];
  const { at, cut } = best as { at: number; cut: number | null };
  const first: [number, number][] = ranges.slice(0, at).map(([a, b]) => [a, b]);
  const second: [number, number][] = ranges.slice(at + 1).map(([a, b]) => [a, b]);
  const [a, b] = ranges[at]!;
  if (cut === null) second.unshift([a, b]);
  else {
    first.push([a, cut - 1]);
    second.unshift([cut, b]);
  }
  return [first, second];
}

export interface PoseRunResult {
  /** The model's landmarks per frame in source pixels, upright, before any post-processing. */
  frames: PoseFrame[];
  model: PoseModelChoice;
  /** Frames (of those returned) whose landmarks come from the heavy model. */
  heavyFrames: number[];
  loadMs: number;
  /** Model time (inside the worker, every pass) per frame returned. */
  msPerFrame: number;
  /** The same in CPU time of the model's thread (NaN where the runtime cannot tell): what a quiet machine would take. */
  cpuMsPerFrame: number;
  /** Frames where no body was found. */
  missed: number;
  /** Pose workers the run used side by side (the most of any pass). */
  workers: number;
}

/** Upright size the model is given: the clip's upright size, shrunk so the longer side is ≤ POSE_INPUT_SIZE. */
export function poseInputSize(upright: OutputSize): OutputSize {
  const longer = Math.max(upright.width, upright.height);
  if (longer <= POSE_INPUT_SIZE) return { width: upright.width - (upright.width % 2), height: upright.height - (upright.height % 2) };
  const scale = POSE_INPUT_SIZE / longer;
  const even = (value: number) => Math.max(2, 2 * Math.round((value * scale) / 2));
  return { width: even(upright.width), height: even(upright.height) };
}

/**
 * The worker's entry: the TypeScript source beside this file when running from source (CLI, tests),
 * out/main/pose-worker.js in the built app (its own bundle input; this code may sit in a chunk below it).
 * Names are joined at run time so the bundler does not treat them as assets to inline.
 */
function workerEntry(): URL {
  const name = (extension: string) => `./pose-worker.${extension}`;
  if (import.meta.url.endsWith('.ts')) return new URL(name('ts'), import.meta.url);
  const candidates = [new URL(name('js'), import.meta.url), new URL(`.${name('js')}`, import.meta.url)];
  return candidates.find((url) => existsSync(url)) ?? candidates[0]!;
}

interface WorkerAnswer {
  keypoints: RawKeypoints | null;
  ms: number;
  cpuMs: number;
}

/** A started pose worker with its model loaded. */
export interface PoseWorker {
  readonly loadMs: number;
  detect(width: number, height: number, pixels: Uint8Array, redetect: boolean): Promise<WorkerAnswer>;
  close(): Promise<void>;
}

export async function startPoseWorker(model: PoseModel, signal?: AbortSignal): Promise<PoseWorker> {
  const files = poseRuntimeFiles(model);
  const data: PoseWorkerData = { model, detector: files.detector, landmarks: files.landmarks, wasmDir: files.wasmDir };
  const worker = new Worker(workerEntry(), { workerData: data, stdout: true, stderr: true });
  // tfjs prints its own notes (e.g. about backends); they belong to no one's output.
  worker.stdout.resume();
  let stderr = '';
  worker.stderr.setEncoding('utf8');
  worker.stderr.on('data', (text: string) => {
    if (stderr.length < 4000) stderr += text;
  });
  let failure: Error | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: WorkerAnswer) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  let ready: ((value: number) => void) | null = null;
  let readyFailed: ((error: Error) => void) | null = null;
  const loaded = new Promise<number>((resolve, reject) => {
    ready = resolve;
    readyFailed = reject;
  });
  worker.on('message', (message: FromPoseWorker) => {
    if (message.type === 'ready') ready?.(message.loadMs);
    else if (message.type === 'load-failed') readyFailed?.(unavailable(model, message.message));
    else {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (!waiter) return;
      if (message.type === 'result') waiter.resolve({ keypoints: message.keypoints, ms: message.ms, cpuMs: message.cpuMs });
      else waiter.reject(new MidstanceError('internal', `The landmark model failed on a frame: ${message.message}`));
    }
  });
  const crashed = (why: string) =>
    new MidstanceError('internal', `The landmark model stopped unexpectedly (${why}). Nothing was saved; try again.`, {
      stderr: stderr.trim().split('\n').slice(-3).join('\n'),
    });
  worker.on('error', (error) => {
    const wrapped = crashed(error.message);
    readyFailed?.(wrapped);
    failAll(wrapped);
  });
  worker.on('exit', (code) => {
    const wrapped = crashed(`exit code ${code}`);
    readyFailed?.(wrapped);
    failAll(wrapped);
  });
  const close = async () => {
    failAll(cancelledError());
    await worker.terminate();
  };
  const onAbort = () => void close();
  signal?.addEventListener('abort', onAbort, { once: true });
  let loadMs: number;
  try {
    loadMs = await withTimeout(loaded, LOAD_TIMEOUT_MS, () => unavailable(model, 'it did not finish loading in time'));
    if (signal?.aborted) throw cancelledError();
  } catch (error) {
    signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
    throw signal?.aborted ? cancelledError() : error;
  }
  return {
    loadMs,
    detect(width, height, pixels, redetect) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const answer = new Promise<WorkerAnswer>((resolve, reject) => pending.set(id, { resolve, reject }));
      const message: ToPoseWorker = { type: 'frame', id, width, height, pixels, redetect };
      worker.postMessage(message, [pixels.buffer as ArrayBuffer]);
      return withTimeout(answer, FRAME_TIMEOUT_MS, () => {
        void worker.terminate();
        return crashed(`no answer for ${FRAME_TIMEOUT_MS / 1000} s`);
      });
    },
    async close() {
      signal?.removeEventListener('abort', onAbort);
      await close();
    },
  };
}

/**
 * Runs the pose model over frames from…to of a probed clip: frames are decoded upright by ffmpeg
 * (pulled as the model is ready for them) and the model runs in a worker thread. Landmarks come back
 * in source pixels of the upright picture. `auto` runs full over the range, then heavy over the frames
 * full was unsure of (framesNeedingHeavy) and keeps heavy's landmarks there. Cancel with the signal:
 * ffmpeg and the worker are ended.
 */
export async function detectPoses(request: PoseRunRequest): Promise<PoseRunResult> {
  const { probe, signal } = request;
  const frameCount = probe.table.pts.length;
  const from = request.from;
  const to = Math.min(request.to, frameCount - 1);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to) {
    throw new MidstanceError('invalid-request', `Frames ${request.from}–${request.to} are not in this clip (0–${frameCount - 1}).`);
  }
  const total = to - from + 1;
  const passes = request.model === 'auto' ? 2 : 1;
  const first = await runPass(request, request.model === 'auto' ? 'full' : request.model, [[from, to]], (done) =>
    request.onProgress?.(done, total * passes),
  );
  let frames = first.frames;
  let heavyFrames = request.model === 'heavy' ? frames.map((frame) => frame.index) : [];
  let modelMs = first.modelMs;
  let cpuMs = first.cpuMs;
  let loadMs = first.loadMs;
  let workers = first.workers;
  if (request.model === 'auto') {
    const needed = framesNeedingHeavy(frames);
    // Ranges closer than the detector's spacing share one reading: a new one would re-read that much anyway.
    const ranges = rangesOf(needed, DETECT_EVERY);
    const size = ranges.reduce((sum, [a, b]) => sum + b - a + 1, 0);
    if (ranges.length > 0) {
      const second = await runPass(request, 'heavy', ranges, (done) => request.onProgress?.(total + Math.round((done * total) / size), total * 2));
      const heavyByIndex = new Map(second.frames.map((frame) => [frame.index, frame]));
      frames = frames.map((frame) => heavyByIndex.get(frame.index) ?? frame);
      heavyFrames = second.frames.map((frame) => frame.index);
      modelMs += second.modelMs;
      cpuMs += second.cpuMs;
      loadMs += second.loadMs;
      workers = Math.max(workers, second.workers);
    }
    request.onProgress?.(total * 2, total * 2);
  }
  return { frames, model: request.model, heavyFrames, loadMs, msPerFrame: frames.length > 0 ? modelMs / frames.length : 0, cpuMsPerFrame: frames.length > 0 ? cpuMs / frames.length : 0, missed: frames.filter((frame) => Object.keys(frame.landmarks).length === 0).length, workers };
}

interface PassResult {
  frames: PoseFrame[];
  modelMs: number;
  cpuMs: number;
  loadMs: number;
  workers: number;
}

/**
 * One model over the given ranges (each read from its detection start; frames before the range are not
 * returned). Long passes are split in two contiguous parts (splitRanges) run by two workers at once, each
 * with its own ffmpeg; the frames are merged in order. Either part failing ends the other.
 */
async function runPass(request: PoseRunRequest, model: PoseModel, ranges: readonly [number, number][], onFrame: (done: number) => void): Promise<PassResult> {
  const { signal } = request;
  const controller = new AbortController();
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  if (signal?.aborted) controller.abort();
  const frameCount = ranges.reduce((sum, [a, b]) => sum + b - a + 1, 0);
  const parts = (request.workers ?? parallelWorkers(frameCount)) === 2 ? splitRanges(ranges) : [ranges.map(([a, b]) => [a, b] as [number, number])];
  const done = parts.map(() => 0);
  let failure: unknown = null;
  try {
    const settled = await Promise.allSettled(
      parts.map((part, at) =>
        runPart(request, model, part, controller.signal, (count) => {
          done[at] = count;
          onFrame(done.reduce((sum, value) => sum + value, 0));
        }).catch((error: unknown) => {
          // The first failure ends the other part (its worker and ffmpeg); its own error is the one reported.
          failure ??= error;
          controller.abort();
          throw error;
        }),
      ),
    );
    if (signal?.aborted) throw cancelledError();
    if (failure) throw failure;
    const results = settled.map((outcome) => (outcome as PromiseFulfilledResult<PassResult>).value);
    return {
      frames: results.flatMap((result) => result.frames),
      modelMs: results.reduce((sum, result) => sum + result.modelMs, 0),
      cpuMs: results.reduce((sum, result) => sum + result.cpuMs, 0),
      // The workers load side by side: the run waits for the slower.
      loadMs: Math.max(...results.map((result) => result.loadMs)),
      workers: parts.length,
    };
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', forward);
  }
}

/** One worker over its ranges, in order. */
async function runPart(request: PoseRunRequest, model: PoseModel, ranges: readonly [number, number][], signal: AbortSignal, onFrame: (done: number) => void): Promise<PassResult> {
  const { probe } = request;
  const upright = { width: probe.info.width, height: probe.info.height };
  const size = poseInputSize(upright);
  const scaleX = upright.width / size.width;
  const scaleY = upright.height / size.height;
  const frames: PoseFrame[] = [];
  let modelMs = 0;
  let cpuMs = 0;
  const worker = await startPoseWorker(model, signal);
  try {
    for (const [from, to] of ranges) {
      let fresh = true;
      for await (const frame of readFrames({
        ffmpeg: request.ffmpeg,
        source: decodeSourceOf(probe),
        keyframes: probe.table.keyframes,
        fromIndex: detectionStart(from),
        toIndex: to,
        size,
        scaling: 'bicubic',
        pixelFormat: 'rgb24',
        signal,
      })) {
        const answer = await worker.detect(size.width, size.height, frame.data, fresh || frame.index % DETECT_EVERY === 0);
        fresh = false;
        modelMs += answer.ms;
        cpuMs += answer.cpuMs;
        if (frame.index < from) continue;
        frames.push({ index: frame.index, landmarks: toLandmarks(answer.keypoints, scaleX, scaleY) });
        onFrame(frames.length);
      }
    }
  } finally {
    await worker.close();
  }
  if (signal.aborted) throw cancelledError();
  return { frames, modelMs, cpuMs, loadMs: worker.loadMs, workers: 1 };
}

function toLandmarks(keypoints: RawKeypoints | null, scaleX: number, scaleY: number): PoseFrame['landmarks'] {
  const landmarks: Partial<Record<PoseLandmark, PosePoint>> = {};
  if (!keypoints) return landmarks;
  for (const landmark of ALL_LANDMARKS) {
    const point = keypoints[BLAZEPOSE_PART[landmark]];
    if (!point || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) continue;
    landmarks[landmark] = { x: point[0] * scaleX, y: point[1] * scaleY, confidence: Math.min(1, Math.max(0, point[2])) };
  }
  return landmarks;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
