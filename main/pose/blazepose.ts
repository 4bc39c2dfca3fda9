import {
  BLAZEPOSE_INDEX,
  DETECTOR_INPUT,
  LANDMARK_INPUT,
  bestDetection,
  detectorAnchors,
  isUsableRoi,
  letterboxOf,
  roiFromAlignment,
  roiToPicture,
  roiTransform,
  type PoseRoi,
} from '../../common/pose/blazepose-roi.ts';
import { sampleSquare } from './roi-crop.ts';
import type { RawKeypoints } from './worker-protocol.ts';

/**
 * BlazePose as MediaPipe runs it, on tfjs: the detector finds the body, the landmark model reads it from
 * a square, upright crop around it, and the next frame's crop comes from this frame's landmarks — so the
 * detector (as slow as the full landmark model) runs only on the frames the caller marks (every Nth, so a
 * run's result does not depend on where it started) and where the body was lost. The landmark model is
 * asked only for its landmarks and pose score, not for its segmentation mask and heatmap.
 */
export interface TensorLike {
  dataSync(): ArrayLike<number>;
  dispose(): void;
}
export interface GraphModelLike {
  execute(input: TensorLike, outputs: string[]): TensorLike | TensorLike[];
}
export interface TfLike {
  tensor4d(values: Float32Array, shape: [number, number, number, number], dtype: 'float32'): TensorLike;
}

/** Below this pose score the body counts as lost: the next frame asks the detector (MediaPipe's 0.5). */
const KEEP_TRACKING = 0.5;
/** The detector's minimum score for a body (MediaPipe's 0.5). */
const DETECTOR_MIN_SCORE = 0.5;
/** Below this pose score a frame has no body (as before: human's minConfidence 0.1). */
const BODY_MIN_SCORE = 0.1;

const sigmoid = (value: number) => 1 / (1 + Math.exp(-value));

export interface FrameResult {
  keypoints: RawKeypoints | null;
  score: number;
  /** The detector ran on this frame. */
  detected: boolean;
}

export function createBlazePose(tf: TfLike, detector: GraphModelLike, landmarks: GraphModelLike) {
  const anchors = detectorAnchors();
  let roi: PoseRoi | null = null;

  const detect = (rgb: Uint8Array, width: number, height: number): PoseRoi | null => {
    const box = letterboxOf(width, height);
    const scale = box.side / DETECTOR_INPUT;
    const input = sampleSquare(rgb, width, height, DETECTOR_INPUT, [scale, 0, -box.padX, 0, scale, -box.padY], [-1, 1]);
    const tensor = tf.tensor4d(input, [1, DETECTOR_INPUT, DETECTOR_INPUT, 3], 'float32');
    const output = detector.execute(tensor, ['Identity']) as TensorLike;
    tensor.dispose();
    const raw = output.dataSync();
    output.dispose();
    const found = bestDetection(raw, anchors, box, DETECTOR_MIN_SCORE);
    if (!found) return null;
    const candidate = roiFromAlignment(found.center, found.top);
    return isUsableRoi(candidate, width, height) ? candidate : null;
  };

  const readLandmarks = (rgb: Uint8Array, width: number, height: number, at: PoseRoi) => {
    const input = sampleSquare(rgb, width, height, LANDMARK_INPUT, roiTransform(at, LANDMARK_INPUT), [0, 1]);
    const tensor = tf.tensor4d(input, [1, LANDMARK_INPUT, LANDMARK_INPUT, 3], 'float32');
    const [points, flag] = landmarks.execute(tensor, ['ld_3d', 'output_poseflag']) as TensorLike[];
    tensor.dispose();
    const values = points!.dataSync();
    const score = flag!.dataSync()[0]!;
    points!.dispose();
    flag!.dispose();
    const point = (index: number): [number, number, number] => {
      const base = index * 5;
      const where = roiToPicture(at, LANDMARK_INPUT, values[base]!, values[base + 1]!);
      return [where.x, where.y, sigmoid(values[base + 3]!) * sigmoid(values[base + 4]!) * score];
    };
    const keypoints: RawKeypoints = {};
    for (const [name, index] of Object.entries(BLAZEPOSE_INDEX)) keypoints[name] = point(index);
    return { score, keypoints };
  };

  return {
    /**
     * Runs both models once on a black picture: tfjs prepares each graph's kernels on its first run (hundreds
     * of ms for heavy), which belongs to loading, not to the first frame of a clip.
     */
    warmUp(): void {
      const black = new Uint8Array(64 * 64 * 3);
      detect(black, 64, 64);
      readLandmarks(black, 64, 64, { centerX: 32, centerY: 32, size: 64, rotation: 0 });
      roi = null;
    },
    /** One frame, in order after the previous one; `redetect` makes the detector look afresh. */
    frame(rgb: Uint8Array, width: number, height: number, redetect: boolean): FrameResult {
      let detected = false;
      if (redetect || !roi) {
        roi = detect(rgb, width, height);
        detected = true;
        if (!roi) return { keypoints: null, score: 0, detected };
      }
      let result = readLandmarks(rgb, width, height, roi);
      if (result.score < KEEP_TRACKING && !detected) {
        // Followed from the previous frame but lost here: the detector looks at this frame itself.
        detected = true;
        const found = detect(rgb, width, height);
        if (found) {
          const again = readLandmarks(rgb, width, height, found);
          if (again.score > result.score) result = again;
        }
      }
      const [cx, cy] = result.keypoints.bodyCenter!;
      const [tx, ty] = result.keypoints.bodyTop!;
      const next = roiFromAlignment({ x: cx, y: cy }, { x: tx, y: ty });
      roi = result.score >= KEEP_TRACKING && isUsableRoi(next, width, height) ? next : null;
      if (result.score < BODY_MIN_SCORE) return { keypoints: null, score: result.score, detected };
      return { keypoints: result.keypoints, score: result.score, detected };
    },
  };
}
