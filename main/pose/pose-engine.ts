import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { PoseFrame, PoseLandmark, PoseModel, PosePoint } from '../../common/contract/pose.ts';
import { BLAZEPOSE_PART } from '../../common/pose/landmarks.ts';
import { ALL_LANDMARKS } from '../../common/pose/sequence.ts';
import { decodeSourceOf, type OutputSize } from '../media/decoder.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import type { ProbeResult } from '../media/probe.ts';
import { cancelledError } from '../media/processes.ts';
import { poseRuntimeFiles, unavailable } from './model-files.ts';
import { readRgbFrames } from './pose-frames.ts';
import type { FromPoseWorker, PoseWorkerData, RawKeypoints, ToPoseWorker } from './worker-protocol.ts';

/** The model sees frames at most this large (longer side): BlazePose crops the body to 256 px anyway. */
export const POSE_INPUT_SIZE = 960;
/** A frame the model has not answered in this time means the worker is stuck: it is ended. */
const FRAME_TIMEOUT_MS = 60_000;
const LOAD_TIMEOUT_MS = 120_000;

export interface PoseRunRequest {
  ffmpeg: ResolvedTool;
  probe: ProbeResult;
  /** First and last frame (display indices, both included). */
  from: number;
  to: number;
  model: PoseModel;
  signal?: AbortSignal;
  /** After every frame: frames done of the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface PoseRunResult {
  /** The model's landmarks per frame in source pixels, upright, before any post-processing. */
  frames: PoseFrame[];
  model: PoseModel;
  loadMs: number;
  /** Mean model time per frame (inside the worker). */
  msPerFrame: number;
  /** Frames where no body was found. */
  missed: number;
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

/** A started pose worker with its model loaded. */
export interface PoseWorker {
  readonly loadMs: number;
  detect(width: number, height: number, pixels: Uint8Array): Promise<{ keypoints: RawKeypoints | null; ms: number }>;
  close(): Promise<void>;
}

export async function startPoseWorker(model: PoseModel, signal?: AbortSignal): Promise<PoseWorker> {
  const files = poseRuntimeFiles(model);
  const data: PoseWorkerData = { model, detector: files.detector, landmarks: files.landmarks, wasmDir: files.wasmDir };
  const worker = new Worker(workerEntry(), { workerData: data, stdout: true, stderr: true });
  // human prints its own notes; they belong to no one's output.
  worker.stdout.resume();
  let stderr = '';
  worker.stderr.setEncoding('utf8');
  worker.stderr.on('data', (text: string) => {
    if (stderr.length < 4000) stderr += text;
  });
  let failure: Error | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: { keypoints: RawKeypoints | null; ms: number }) => void; reject: (error: Error) => void }>();
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
      if (message.type === 'result') waiter.resolve({ keypoints: message.keypoints, ms: message.ms });
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
    detect(width, height, pixels) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      const answer = new Promise<{ keypoints: RawKeypoints | null; ms: number }>((resolve, reject) => pending.set(id, { resolve, reject }));
      const message: ToPoseWorker = { type: 'frame', id, width, height, pixels };
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
 * in source pixels of the upright picture. Cancel with the signal: ffmpeg and the worker are ended.
 */
export async function detectPoses(request: PoseRunRequest): Promise<PoseRunResult> {
  const { probe, signal } = request;
  const frameCount = probe.table.pts.length;
  const from = request.from;
  const to = Math.min(request.to, frameCount - 1);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || from > to) {
    throw new MidstanceError('invalid-request', `Frames ${request.from}–${request.to} are not in this clip (0–${frameCount - 1}).`);
  }
  const controller = new AbortController();
  const forward = () => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  if (signal?.aborted) controller.abort();
  const upright = { width: probe.info.width, height: probe.info.height };
  const size = poseInputSize(upright);
  const scaleX = upright.width / size.width;
  const scaleY = upright.height / size.height;
  const worker = await startPoseWorker(request.model, controller.signal);
  const frames: PoseFrame[] = [];
  let modelMs = 0;
  let missed = 0;
  const total = to - from + 1;
  try {
    for await (const frame of readRgbFrames({
      ffmpeg: request.ffmpeg,
      source: decodeSourceOf(probe),
      keyframes: probe.table.keyframes,
      fromIndex: from,
      toIndex: to,
      size,
      signal: controller.signal,
    })) {
      const answer = await worker.detect(size.width, size.height, frame.pixels);
      modelMs += answer.ms;
      if (!answer.keypoints) missed += 1;
      frames.push({ index: frame.index, landmarks: toLandmarks(answer.keypoints, scaleX, scaleY) });
      request.onProgress?.(frames.length, total);
    }
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    throw error;
  } finally {
    signal?.removeEventListener('abort', forward);
    await worker.close();
  }
  if (signal?.aborted) throw cancelledError();
  return { frames, model: request.model, loadMs: worker.loadMs, msPerFrame: frames.length > 0 ? modelMs / frames.length : 0, missed };
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
