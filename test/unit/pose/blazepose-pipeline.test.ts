import { describe, expect, it } from 'vitest';
import type { PoseFrame, PoseLandmark } from '../../../common/contract/pose.ts';
import { legAgreement } from '../../../common/pose/agreement.ts';
import {
  bestDetection,
  detectorAnchors,
  isUsableRoi,
  letterboxOf,
  roiFromAlignment,
  roiToPicture,
  roiTransform,
} from '../../../common/pose/blazepose-roi.ts';
import { framesNeedingHeavy, rangesOf } from '../../../common/pose/model-choice.ts';
import { sampleSquare } from '../../../main/pose/roi-crop.ts';

describe('BlazePose geometry', () => {
  it('has the detector anchors MediaPipe uses: 2254, centred in their cells', () => {
    const anchors = detectorAnchors();
    expect(anchors).toHaveLength(2254);
    expect(anchors[0]).toEqual({ x: 0.5 / 28, y: 0.5 / 28 });
    expect(anchors.at(-1)).toEqual({ x: 6.5 / 7, y: 6.5 / 7 });
  });

  it('reads the most confident detection and maps it from the letterboxed square into picture pixels', () => {
    const anchors = detectorAnchors();
    const raw = new Float32Array(anchors.length * 13).fill(-10);
    const best = 700;
    raw[best * 13] = 3; // logit → score 0.95
    // Hip centre 5 input pixels right of the anchor, top point 60 input pixels above it.
    raw.set([5, 0, 0, -60], best * 13 + 5);
    const box = letterboxOf(960, 540);
    expect([box.side, box.padX, box.padY]).toEqual([960, 0, 210]);
    const found = bestDetection(raw, anchors, box, 0.5)!;
    expect(found.score).toBeCloseTo(1 / (1 + Math.exp(-3)), 6);
    const anchor = anchors[best]!;
    expect(found.center.x).toBeCloseTo((anchor.x + 5 / 224) * 960, 6);
    expect(found.center.y).toBeCloseTo(anchor.y * 960 - 210, 6);
    expect(found.top.y).toBeCloseTo((anchor.y - 60 / 224) * 960 - 210, 6);
    raw[best * 13] = -1;
    expect(bestDetection(raw, anchors, box, 0.5)).toBeNull();
  });

  it('makes the ROI 2.5 × hip→top, upright unless asked to turn, and maps model points back into the picture', () => {
    const roi = roiFromAlignment({ x: 400, y: 300 }, { x: 400, y: 100 });
    expect(roi).toEqual({ centerX: 400, centerY: 300, size: 500, rotation: 0 });
    // The model's centre is the ROI's centre; its corners the ROI's corners.
    expect(roiToPicture(roi, 256, 128, 128)).toEqual({ x: 400, y: 300 });
    expect(roiToPicture(roi, 256, 0, 0)).toEqual({ x: 150, y: 50 });
    const leaning = roiFromAlignment({ x: 400, y: 300 }, { x: 500, y: 200 }, true);
    expect(leaning.rotation).toBeCloseTo(Math.PI / 4, 9);
    // Turned: the model's "up" points along hip → top.
    const up = roiToPicture(leaning, 256, 128, 0);
    expect((up.x - 400) / (300 - up.y)).toBeCloseTo(1, 9);
    expect(isUsableRoi(roi, 960, 540)).toBe(true);
    expect(isUsableRoi({ ...roi, size: 3 }, 960, 540)).toBe(false);
    expect(isUsableRoi({ ...roi, centerX: 5000 }, 960, 540)).toBe(false);
  });

  it('samples the model input from the RGB picture: exact pixels on a 1:1 map, black outside, scaled to the range', () => {
    const width = 4;
    const height = 3;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => i * 7);
    const same = sampleSquare(rgb, width, height, 3, [1, 0, 0, 0, 1, 0], [0, 255]);
    for (let v = 0; v < 3; v += 1) {
      for (let u = 0; u < 3; u += 1) {
        for (let c = 0; c < 3; c += 1) expect(same[(v * 3 + u) * 3 + c]).toBeCloseTo(rgb[(v * width + u) * 3 + c]!, 4);
      }
    }
    const outside = sampleSquare(rgb, width, height, 2, [1, 0, 100, 0, 1, 100], [-1, 1]);
    expect([...outside].every((value) => value === -1)).toBe(true);
    const roi = roiFromAlignment({ x: 2, y: 1.5 }, { x: 2, y: 0.3 });
    const input = sampleSquare(rgb, width, height, 8, roiTransform(roi, 8), [0, 1]);
    expect(Math.max(...input)).toBeLessThanOrEqual(1);
  });
});

function frame(index: number, legConfidence: number, kneeGap = 80): PoseFrame {
  const landmarks: PoseFrame['landmarks'] = {};
  const put = (name: PoseLandmark, x: number, y: number, confidence = 0.9) => (landmarks[name] = { x, y, confidence });
  put('leftHip', 400, 300);
  put('rightHip', 400, 300);
  for (const [side, offset] of [['left', -kneeGap / 2], ['right', kneeGap / 2]] as const) {
    put(`${side}Knee`, 400 + offset, 420, legConfidence);
    put(`${side}Ankle`, 400 + offset * 1.5, 540, legConfidence);
    put(`${side}Heel`, 390 + offset * 1.5, 550, legConfidence);
    put(`${side}Toe`, 420 + offset * 1.5, 555, legConfidence);
  }
  return { index, landmarks };
}

describe('full first, heavy where needed', () => {
  it('picks frames with an unsure leg or coinciding legs, with a margin around them, within the frames given', () => {
    const frames = Array.from({ length: 40 }, (_, i) => frame(i, i === 10 ? 0.3 : 0.9, i === 30 ? 2 : 80));
    expect(framesNeedingHeavy(frames, { margin: 2 })).toEqual([8, 9, 10, 11, 12, 28, 29, 30, 31, 32]);
    expect(framesNeedingHeavy(frames.slice(0, 11), { margin: 2 })).toEqual([8, 9, 10]);
    expect(framesNeedingHeavy(frames.filter((f) => f.index !== 10 && f.index !== 30))).toEqual([]);
    // A frame where no body was found counts as unsure too.
    expect(framesNeedingHeavy([frame(0, 0.9), { index: 1, landmarks: {} }, frame(2, 0.9)], { margin: 0 })).toEqual([1]);
  });

  it('joins chosen frames into ranges, merging those closer than the gap', () => {
    expect(rangesOf([1, 2, 3, 7, 8, 30])).toEqual([[1, 3], [7, 8], [30, 30]]);
    expect(rangesOf([1, 2, 3, 7, 8, 30], 16)).toEqual([[1, 8], [30, 30]]);
    expect(rangesOf([])).toEqual([]);
  });

  it('measures how far one run’s legs lie from a reference run, frame by frame', () => {
    const reference = [frame(0, 0.9), frame(1, 0.9), frame(2, 0.9)];
    const candidate = [frame(0, 0.9), frame(1, 0.9, 20), frame(2, 0.9)];
    const found = legAgreement(candidate, reference);
    expect(found.frames).toBe(3);
    expect(found.medianPx).toBe(0);
    expect(found.maxPx).toBeCloseTo(45, 6);
    expect(found.differentFrames).toEqual([1]);
  });
});
