/**
 * The geometry of MediaPipe's BlazePose pipeline, pure: the detector's anchors and its best detection,
 * the region of interest (ROI) the landmark model is given, and the mapping of the model's points back
 * into the picture. BlazePose is built to run the detector once and then follow the body: the ROI of the
 * next frame comes from two auxiliary landmarks of this one (hip centre and a point above the head), the
 * same two points the detector gives — so the (costly) detector runs only when the body is lost.
 */

export interface Point2 {
  x: number;
  y: number;
}

/** A square region in picture pixels, turned by `rotation` (radians) around its centre so the body is upright in it. */
export interface PoseRoi {
  centerX: number;
  centerY: number;
  size: number;
  rotation: number;
}

export const DETECTOR_INPUT = 224;
export const LANDMARK_INPUT = 256;
/** MediaPipe: the ROI is 2 × (hip centre → top point) enlarged by 1.25. */
const ROI_SCALE = 1.25;

export interface Anchor {
  x: number;
  y: number;
}

/** SSD anchors of the pose detector (MediaPipe: 5 layers, strides 8/16/32/32/32, fixed size, 2254 in all). */
export function detectorAnchors(inputSize = DETECTOR_INPUT): Anchor[] {
  const strides = [8, 16, 32, 32, 32];
  const anchors: Anchor[] = [];
  let layer = 0;
  while (layer < strides.length) {
    let perCell = 0;
    let last = layer;
    while (last < strides.length && strides[last] === strides[layer]) {
      perCell += 2;
      last += 1;
    }
    const cells = Math.ceil(inputSize / strides[layer]!);
    for (let y = 0; y < cells; y += 1) {
      for (let x = 0; x < cells; x += 1) {
        for (let n = 0; n < perCell; n += 1) anchors.push({ x: (x + 0.5) / cells, y: (y + 0.5) / cells });
      }
    }
    layer = last;
  }
  return anchors;
}

export interface Detection {
  score: number;
  /** Hip centre and the point that sets the body's size and direction, in picture pixels. */
  center: Point2;
  top: Point2;
}

/**
 * The detector's most confident body. `raw` is its output [anchors × 13]: a logit, then box (cx, cy, w, h)
 * and four keypoints (x, y), all as offsets in input pixels from the anchor. `letterbox` maps the
 * detector's square input back into picture pixels.
 */
export function bestDetection(raw: ArrayLike<number>, anchors: readonly Anchor[], letterbox: Letterbox, minScore: number): Detection | null {
  const stride = 13;
  let best = -1;
  let bestLogit = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < anchors.length; i += 1) {
    const logit = raw[i * stride]!;
    if (logit > bestLogit) [bestLogit, best] = [logit, i];
  }
  if (best < 0) return null;
  const score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, bestLogit))));
  if (score < minScore) return null;
  const anchor = anchors[best]!;
  const at = best * stride;
  const keypoint = (k: number): Point2 =>
    letterbox.toPicture({ x: raw[at + 5 + 2 * k]! / DETECTOR_INPUT + anchor.x, y: raw[at + 6 + 2 * k]! / DETECTOR_INPUT + anchor.y });
  return { score, center: keypoint(0), top: keypoint(1) };
}

/** The square (padded) view of a picture the detector is given: the picture centred, the rest black. */
export interface Letterbox {
  side: number;
  padX: number;
  padY: number;
  toPicture(normalized: Point2): Point2;
}

export function letterboxOf(width: number, height: number): Letterbox {
  const side = Math.max(width, height);
  const padX = (side - width) / 2;
  const padY = (side - height) / 2;
  return { side, padX, padY, toPicture: (p) => ({ x: p.x * side - padX, y: p.y * side - padY }) };
}

/**
 * The ROI from the hip centre and the top point (detector keypoints 0/1, or landmarks 33/34). MediaPipe
 * also turns the crop so the hip → top line is vertical; `turn: false` keeps it upright instead — the
 * frames are already turned upright and a runner stands upright in them, and on the walking footage of
 * the tests the turned crop (a −8° lean read from the detector) merged the two legs on a frame where the
 * upright crop kept them apart.
 */
export function roiFromAlignment(center: Point2, top: Point2, turn = false): PoseRoi {
  const dx = top.x - center.x;
  const dy = top.y - center.y;
  return { centerX: center.x, centerY: center.y, size: 2 * Math.hypot(dx, dy) * ROI_SCALE, rotation: turn ? Math.atan2(dx, -dy) : 0 };
}

/**
 * The affine map from a point of the model's square input (0…inputSize) to picture pixels:
 * [a, b, c, d, e, f] with x = a·u + b·v + c, y = d·u + e·v + f.
 */
export function roiTransform(roi: PoseRoi, inputSize: number): [number, number, number, number, number, number] {
  const scale = roi.size / inputSize;
  const cos = Math.cos(roi.rotation) * scale;
  const sin = Math.sin(roi.rotation) * scale;
  const half = inputSize / 2;
  return [cos, -sin, roi.centerX - half * cos + half * sin, sin, cos, roi.centerY - half * sin - half * cos];
}

export function roiToPicture(roi: PoseRoi, inputSize: number, u: number, v: number): Point2 {
  const [a, b, c, d, e, f] = roiTransform(roi, inputSize);
  return { x: a * u + b * v + c, y: d * u + e * v + f };
}

/** A ROI that cannot hold a body (collapsed or absurd): the detector must look again. */
export function isUsableRoi(roi: PoseRoi, width: number, height: number): boolean {
  const longer = Math.max(width, height);
  return (
    Number.isFinite(roi.size) && roi.size > longer * 0.05 && roi.size < longer * 4 &&
    roi.centerX > -roi.size / 2 && roi.centerX < width + roi.size / 2 && roi.centerY > -roi.size / 2 && roi.centerY < height + roi.size / 2
  );
}

/** Where BlazePose's landmark model puts the points Midstance uses (of its 39), and the two that steer the ROI. */
export const BLAZEPOSE_INDEX = {
  leftShoulder: 11,
  rightShoulder: 12,
  leftHip: 23,
  rightHip: 24,
  leftKnee: 25,
  rightKnee: 26,
  leftAnkle: 27,
  rightAnkle: 28,
  leftHeel: 29,
  rightHeel: 30,
  leftFoot: 31,
  rightFoot: 32,
  bodyCenter: 33,
  bodyTop: 34,
} as const;
