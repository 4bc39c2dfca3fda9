import type { PoseModel } from '../../common/contract/pose.ts';

/** What the pose worker is started with (workerData). */
export interface PoseWorkerData {
  model: PoseModel;
  detector: string;
  landmarks: string;
  wasmDir: string;
}

/** Frames come in display order; `redetect` makes the detector look afresh instead of following the body. */
export type ToPoseWorker = { type: 'frame'; id: number; width: number; height: number; pixels: Uint8Array; redetect: boolean };

/** One keypoint as the model gives it: x, y in the pixels of the picture sent, and a 0–1 score. */
export type RawKeypoint = [number, number, number];

/** Keypoints by the pose library's part name (leftKnee, leftFoot …). */
export type RawKeypoints = Record<string, RawKeypoint>;

export type FromPoseWorker =
  | { type: 'ready'; loadMs: number; backend: string }
  | { type: 'load-failed'; message: string }
  | { type: 'result'; id: number; ms: number; cpuMs: number; score: number; detected: boolean; keypoints: RawKeypoints | null }
  | { type: 'frame-failed'; id: number; message: string };
