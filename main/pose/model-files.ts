import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { PoseModel } from '../../common/contract/pose.ts';

/**
 * Where the pose model's files are: the BlazePose weights (resources/models/pose, shipped outside the
 * asar as extraResources) and the WebAssembly of tfjs-backend-wasm (node_modules, unpacked from the
 * asar). Everything is local: the worker refuses any network fetch.
 */
export interface PoseRuntimeFiles {
  modelDir: string;
  wasmDir: string;
  detector: string;
  landmarks: string;
}

const require = createRequire(import.meta.url);

export function poseModelDirCandidates(): string[] {
  const list: string[] = [];
  if (process.env.MIDSTANCE_POSE_MODELS) list.push(process.env.MIDSTANCE_POSE_MODELS);
  const electronResources = (process as { resourcesPath?: string }).resourcesPath;
  if (electronResources) list.push(join(electronResources, 'models', 'pose'));
  // From the source tree (main/pose/) and from the bundle (out/main/): <repo>/resources/models/pose.
  const here = dirname(fileURLToPath(import.meta.url));
  list.push(join(here, '..', '..', 'resources', 'models', 'pose'));
  return list;
}

export function wasmDir(): string {
  // The package's Node entry lives in dist/, beside the .wasm files; in a packaged app they are unpacked.
  return dirname(require.resolve('@tensorflow/tfjs-backend-wasm')).replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
}

/** The files for `model`, or a 'pose-model-unavailable' error naming what is missing. */
export function poseRuntimeFiles(model: PoseModel): PoseRuntimeFiles {
  const candidates = poseModelDirCandidates();
  // With MIDSTANCE_POSE_MODELS set, only that folder counts (tests, and users who keep the weights elsewhere).
  const searched = process.env.MIDSTANCE_POSE_MODELS ? candidates.slice(0, 1) : candidates;
  const modelDir = searched.find((dir) => existsSync(join(dir, 'blazepose-detector.json'))) ?? searched[0]!;
  let wasm: string;
  try {
    wasm = wasmDir();
  } catch {
    throw unavailable(model, 'the WebAssembly runtime (@tensorflow/tfjs-backend-wasm) is not installed', 'tfjs-backend-wasm');
  }
  const needed = [
    join(modelDir, 'blazepose-detector.json'),
    join(modelDir, 'blazepose-detector.bin'),
    join(modelDir, `blazepose-${model}.json`),
    join(modelDir, `blazepose-${model}.bin`),
    join(wasm, 'tfjs-backend-wasm-simd.wasm'),
    join(wasm, 'tfjs-backend-wasm.wasm'),
  ];
  const missing = needed.find((path) => !isNonEmptyFile(path));
  if (missing) throw unavailable(model, `${missing} is missing`, missing);
  for (const name of ['blazepose-detector', `blazepose-${model}`]) checkWeights(model, join(modelDir, `${name}.json`));
  return { modelDir, wasmDir: wasm, detector: join(modelDir, 'blazepose-detector.json'), landmarks: join(modelDir, `blazepose-${model}.json`) };
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, float16: 2, uint16: 2, int16: 2, uint8: 1, bool: 1 };

/**
 * The weights file must hold exactly what the model's manifest lists: tfjs reads a short or damaged
 * file without complaint and the model then finds no one, which would look like "no body in this
 * clip" instead of the broken install it is.
 */
function checkWeights(model: PoseModel, manifestPath: string): void {
  let manifest: { weightsManifest?: { paths: string[]; weights: { shape: number[]; dtype: string; quantization?: { dtype: string } }[] }[] };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as typeof manifest;
  } catch {
    throw unavailable(model, `${manifestPath} is damaged`, manifestPath);
  }
  for (const group of manifest.weightsManifest ?? []) {
    const expected = group.weights.reduce((sum, weight) => {
      const stored = weight.quantization?.dtype ?? weight.dtype;
      return sum + weight.shape.reduce((product, size) => product * size, 1) * (BYTES[stored] ?? Number.NaN);
    }, 0);
    const actual = group.paths.reduce((sum, path) => sum + fileSize(join(manifestPath, '..', path)), 0);
    if (actual !== expected) throw unavailable(model, `${group.paths.join(', ')} is damaged or incomplete (${actual} of ${expected} bytes)`, manifestPath);
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function isNonEmptyFile(path: string): boolean {
  try {
    const stats = statSync(path);
    return stats.isFile() && stats.size > 0;
  } catch {
    return false;
  }
}

export function unavailable(model: PoseModel, why: string, path?: string): MidstanceError {
  return new MidstanceError(
    'pose-model-unavailable',
    `The landmark model (BlazePose ${model}) could not be loaded: ${why}. Reinstall Midstance to restore it; everything else keeps working.`,
    path === undefined ? { model } : { model, path },
  );
}
