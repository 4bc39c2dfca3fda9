import { existsSync, statSync } from 'node:fs';
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
  return { modelDir, wasmDir: wasm, detector: join(modelDir, 'blazepose-detector.json'), landmarks: join(modelDir, `blazepose-${model}.json`) };
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
