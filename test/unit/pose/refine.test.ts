import { describe, expect, it } from 'vitest';
import type { PoseFrame, PoseLandmark } from '../../../common/contract/pose.ts';
import { markCoincidentLegs } from '../../../common/pose/coincidence.ts';
import { refinePoses } from '../../../common/pose/refine.ts';
import { smoothPoses } from '../../../common/pose/smoothing.ts';
import { repairSwaps } from '../../../common/pose/swap-repair.ts';

/**
 * A synthetic runner seen from the side: the legs swing in opposite phase (they cross twice per
 * stride), the trunk moves a little. Truth is known for every frame.
 */
function runner(frames: number, framesPerStride = 24): PoseFrame[] {
  const list: PoseFrame[] = [];
  for (let index = 0; index < frames; index += 1) {
    const phase = (2 * Math.PI * index) / framesPerStride;
    const landmarks: PoseFrame['landmarks'] = {};
    const put = (name: PoseLandmark, x: number, y: number) => (landmarks[name] = { x, y, confidence: 0.9 });
    put('leftShoulder', 400, 200);
    put('rightShoulder', 410, 202);
    put('leftHip', 400, 400);
    put('rightHip', 410, 402);
    for (const [side, offset] of [['left', 0], ['right', Math.PI]] as const) {
      const swing = Math.sin(phase + offset);
      put(`${side}Knee`, 405 + 60 * swing, 500);
      put(`${side}Ankle`, 405 + 110 * swing, 600 - 20 * Math.max(0, Math.cos(phase + offset)));
      put(`${side}Heel`, 395 + 110 * swing, 610);
      put(`${side}Toe`, 430 + 110 * swing, 615);
    }
    list.push({ index, landmarks });
  }
  return list;
}

const LEG_PARTS = ['Knee', 'Ankle', 'Heel', 'Toe'] as const;

function swapLegs(frame: PoseFrame): void {
  for (const part of LEG_PARTS) {
    const left = frame.landmarks[`left${part}`];
    frame.landmarks[`left${part}`] = frame.landmarks[`right${part}`];
    frame.landmarks[`right${part}`] = left;
  }
}

function sameLegs(a: PoseFrame, b: PoseFrame): boolean {
  return LEG_PARTS.every((part) => Math.abs(a.landmarks[`left${part}`]!.x - b.landmarks[`left${part}`]!.x) < 1e-9);
}

describe('left/right swap repair', () => {
  it('undoes single-frame swaps and runs of swapped frames, and leaves every other frame alone', () => {
    const truth = runner(240);
    const noisy = runner(240);
    const swappedFrames = [5, 6, 30, 61, 62, 63, 64, 65, 100, 150, 151, 152, 200];
    for (const index of swappedFrames) swapLegs(noisy[index]!);
    const { frames, swapped } = repairSwaps(noisy);
    expect(swapped.legs).toEqual(swappedFrames);
    expect(swapped.trunk).toEqual([]);
    frames.forEach((frame, at) => expect(sameLegs(frame, truth[at]!), `frame ${frame.index}`).toBe(true));
  });

  it('keeps the legs crossing (the swing leg passing the stance leg) as it is', () => {
    const { frames, swapped } = repairSwaps(runner(240));
    expect(swapped.legs).toEqual([]);
    expect(frames.every((frame, at) => sameLegs(frame, runner(240)[at]!))).toBe(true);
  });

  it('never flips a clip as a whole: a clip that is mostly labelled one way stays that way', () => {
    const noisy = runner(120);
    for (const frame of noisy.slice(0, 40)) swapLegs(frame);
    const { frames, swapped } = repairSwaps(noisy);
    // The majority is never touched. (Within the odd third, the labels before a crossing of the legs
    // cannot be told from the picture's continuity alone, so only the stretch after the last crossing
    // is exchanged.)
    expect(swapped.legs.length).toBeGreaterThan(0);
    expect(swapped.legs.every((index) => index < 40)).toBe(true);
    const truth = runner(120);
    frames.slice(40).forEach((frame, at) => expect(sameLegs(frame, truth[at + 40]!)).toBe(true));
  });

  it('repairs a swapped trunk separately from the legs', () => {
    const noisy = runner(60);
    const frame = noisy[20]!;
    [frame.landmarks.leftShoulder, frame.landmarks.rightShoulder] = [frame.landmarks.rightShoulder, frame.landmarks.leftShoulder];
    [frame.landmarks.leftHip, frame.landmarks.rightHip] = [frame.landmarks.rightHip, frame.landmarks.leftHip];
    // Make the trunk move so a swap is visible as a jump.
    for (const each of noisy) {
      each.landmarks.leftHip!.x += each.index === 20 ? 60 : 0;
    }
    const { swapped } = repairSwaps(noisy);
    expect(swapped.legs).toEqual([]);
    expect(swapped.trunk).toEqual([20]);
  });
});

describe('smoothing and coinciding legs', () => {
  it('replaces a one-frame spike by its neighbours, lowers its confidence, and keeps fast real motion', () => {
    const frames = runner(48);
    const spiked = frames.map((frame) => ({ index: frame.index, landmarks: { ...frame.landmarks } }));
    spiked[10]!.landmarks.leftKnee = { x: 900, y: 100, confidence: 0.9 };
    const smooth = smoothPoses(spiked);
    const knee = smooth[10]!.landmarks.leftKnee!;
    const truth = frames[10]!.landmarks.leftKnee!;
    expect(Math.hypot(knee.x - truth.x, knee.y - truth.y)).toBeLessThan(10);
    expect(knee.confidence).toBeLessThan(0.5);
    // The real swing (110 px ankle amplitude over 24 frames) is kept within a few px.
    for (const frame of smooth) {
      const ankle = frame.landmarks.leftAnkle!;
      const real = frames[frame.index]!.landmarks.leftAnkle!;
      expect(Math.abs(ankle.x - real.x)).toBeLessThan(6);
      expect(ankle.confidence).toBeCloseTo(0.9);
    }
  });

  it('does not smooth across a gap in detection', () => {
    const frames = runner(30).filter((frame) => frame.index < 10 || frame.index > 20);
    frames.forEach((frame) => {
      if (frame.index > 20) frame.landmarks.leftHip = { x: 1000, y: 400, confidence: 0.9 };
    });
    const smooth = smoothPoses(frames);
    expect(smooth.find((frame) => frame.index === 9)!.landmarks.leftHip!.x).toBeCloseTo(400);
    expect(smooth.find((frame) => frame.index === 21)!.landmarks.leftHip!.x).toBeCloseTo(1000);
  });

  it('marks frames where both legs lie on one another and halves their leg confidence', () => {
    const frames = runner(24);
    const onTop = frames[3]!;
    for (const part of LEG_PARTS) onTop.landmarks[`right${part}`] = { ...onTop.landmarks[`left${part}`]! };
    const { frames: marked, coincident } = markCoincidentLegs(frames);
    expect(coincident).toContain(3);
    expect(marked[3]!.landmarks.leftKnee!.confidence).toBeCloseTo(0.45);
    expect(marked[3]!.landmarks.leftHip!.confidence).toBeCloseTo(0.9);
    expect(marked[8]!.landmarks.leftKnee!.confidence).toBeCloseTo(0.9);
  });

  it('refinePoses repairs, marks and smooths in one call, without changing the frame list', () => {
    const noisy = runner(96);
    swapLegs(noisy[40]!);
    const refined = refinePoses(noisy);
    expect(refined.swapped.legs).toEqual([40]);
    expect(refined.frames.map((frame) => frame.index)).toEqual(noisy.map((frame) => frame.index));
    const truth = runner(96)[40]!.landmarks.leftAnkle!;
    expect(Math.abs(refined.frames[40]!.landmarks.leftAnkle!.x - truth.x)).toBeLessThan(6);
  });
});
