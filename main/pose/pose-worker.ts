import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { createBlazePose, type GraphModelLike, type TfLike } from './blazepose.ts';
import type { FromPoseWorker, PoseWorkerData, ToPoseWorker } from './worker-protocol.ts';

/**
 * The pose model in a worker thread: a crash, an out-of-memory or a 300 ms frame stays here and never
 * blocks the app. Runs @vladmandic/human's BlazePose on tfjs' WebAssembly backend (no native
 * TensorFlow, no GPU): human loads the two models, Midstance's own BlazePose pipeline runs them
 * (blazepose.ts: detector only where needed, the body followed from frame to frame). Everything it reads is local: fetch is replaced by one that reads file:// URLs
 * and refuses every other address, so the model can never reach the network.
 */

const data = workerData as PoseWorkerData;
const port = parentPort!;
const send = (message: FromPoseWorker) => port.postMessage(message);

globalThis.fetch = async (input: string | URL | Request): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('file://')) throw new Error(`Midstance's pose model does not use the network (refused ${url}).`);
  const body = await readFile(fileURLToPath(url));
  return new Response(body, { status: 200, headers: { 'content-type': url.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
};

interface HumanLike {
  load(): Promise<void>;
  models: { loaded(): string[]; models: Record<string, GraphModelLike | null> };
  tf: TfLike & { getBackend(): string };
}

async function loadHuman(): Promise<HumanLike> {
  const require = createRequire(import.meta.url);
  // human's package exports name its subpaths without "./", so Node cannot resolve them by name:
  // find its Node entry and take the WebAssembly build beside it.
  const entry = require.resolve('@vladmandic/human').replace(/human\.node\.js$/, 'human.node-wasm.js');
  const { Human } = require(entry) as { Human: new (config: unknown) => HumanLike };
  const fileUrl = (path: string) => `file://${path.split('\\').join('/').replace(/^(?!\/)/, '/')}`;
  const human = new Human({
    backend: 'wasm',
    wasmPath: data.wasmDir.endsWith('/') || data.wasmDir.endsWith('\\') ? data.wasmDir : `${data.wasmDir}/`,
    debug: false,
    warmup: 'none',
    modelBasePath: fileUrl(`${data.wasmDir}/`),
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    gesture: { enabled: false },
    body: {
      enabled: true,
      modelPath: fileUrl(data.landmarks),
      detector: { modelPath: fileUrl(data.detector) },
      maxDetected: 1,
      minConfidence: 0.1,
      skipFrames: 0,
      skipTime: 0,
    },
  });
  await human.load();
  // human logs a model that fails to load and carries on without it: ask what it has.
  const loaded = human.models.loaded();
  if (loaded.length < 2) throw new Error(`the model files could not be read (loaded: ${loaded.join(', ') || 'none'})`);
  return human;
}

let pose: ReturnType<typeof createBlazePose> | null = null;
const started = performance.now();
try {
  const human = await loadHuman();
  const { blazeposedetect: detector, blazepose: landmarks } = human.models.models;
  if (!detector || !landmarks) throw new Error('the model files could not be read');
  pose = createBlazePose(human.tf, detector, landmarks);
  pose.warmUp();
  send({ type: 'ready', loadMs: performance.now() - started, backend: human.tf.getBackend() });
} catch (error) {
  send({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
}

/** This thread's CPU time in ms (where the runtime can tell): unlike the clock, not stretched by a busy machine. */
const threadCpuMs = (): number => {
  const usage = (process as { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : Number.NaN;
};

/** Tests only: the worker thread dies on its nth frame, as a crashed runtime would (MIDSTANCE_POSE_TEST_CRASH_AT=n). */
const crashAt = Number(process.env.MIDSTANCE_POSE_TEST_CRASH_AT ?? Number.NaN);
let received = 0;

port.on('message', (message: ToPoseWorker) => {
  if (message.type !== 'frame' || !pose) return;
  received += 1;
  if (received === crashAt) process.exit(70);
  const begin = performance.now();
  const cpuBegin = threadCpuMs();
  try {
    const result = pose.frame(message.pixels, message.width, message.height, message.redetect);
    send({ type: 'result', id: message.id, ms: performance.now() - begin, cpuMs: threadCpuMs() - cpuBegin, score: result.score, detected: result.detected, keypoints: result.keypoints });
  } catch (error) {
    send({ type: 'frame-failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});
