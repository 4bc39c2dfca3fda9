import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  captureSecondsBetween,
  captureTimeAt,
  formatCaptureTime,
  frameAtCaptureTime,
  frameAtFileTime,
  frameDurationMs,
  nearestFrame,
  slowMotionFactor,
} from '../../../common/media-time.ts';

const slowMo = { fileFps: 30, captureFps: 240 };
const frames = { times: Array.from({ length: 100 }, (_, i) => 10 + i / 30) };

describe('media time', () => {
  it('slow motion: 8 file seconds are 1 real second', () => {
    expect(slowMotionFactor(slowMo)).toBe(8);
    expect(captureSecondsBetween(frames, slowMo, 0, 24)).toBeCloseTo(0.1, 9);
    expect(captureTimeAt(frames, { fileFps: 30, captureFps: 30 }, 30)).toBeCloseTo(1, 9);
    expect(frameDurationMs(slowMo)).toBeCloseTo(4.1667, 3);
  });

  it('uses each frame’s own time (VFR), not index / fps', () => {
    const vfr = { times: [0, 0.01, 0.05, 0.06] };
    expect(captureTimeAt(vfr, { fileFps: 60, captureFps: 60 }, 2)).toBeCloseTo(0.05, 9);
    expect(frameAtFileTime(vfr, 0.049)).toBe(1);
    expect(frameAtFileTime(vfr, 0.05)).toBe(2);
    expect(nearestFrame(vfr, 0.04)).toBe(2);
    expect(frameAtFileTime(vfr, -1)).toBe(0);
  });

  it('frame → capture time → frame round-trips for every frame', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), (index) => {
        expect(frameAtCaptureTime(frames, slowMo, captureTimeAt(frames, slowMo, index))).toBe(index);
      }),
    );
  });

  it('formats real time', () => {
    expect(formatCaptureTime(62.3456)).toBe('1:02.346');
    expect(formatCaptureTime(0.0042)).toBe('0:00.004');
  });
});
