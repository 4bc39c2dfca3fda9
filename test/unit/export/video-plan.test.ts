import { describe, expect, it } from 'vitest';
import { planSlowVideo } from '../../../common/export/video-plan.ts';

const cfr = (count: number, fps: number) => ({ times: Array.from({ length: count }, (_, i) => i / fps) });

describe('planSlowVideo', () => {
  it('a 240 fps file and a 30 fps file filmed at 240 fps export alike: 1/8 → 30 fps, every frame once', () => {
    for (const rates of [{ fileFps: 240, captureFps: 240 }, { fileFps: 30, captureFps: 240 }]) {
      const frames = cfr(100, rates.fileFps);
      const plan = planSlowVideo({ frames, rates, from: 10, to: 49, slow: 8, heldFrames: new Set(), holdSeconds: 0 });
      expect(plan.fps).toBe(30);
      expect(plan.copies).toEqual(Array(40).fill(1));
      expect(plan.totalFrames).toBe(40);
    }
  });

  it('below 24 fps each frame repeats a whole number of times; above, frames are never dropped', () => {
    const rates = { fileFps: 240, captureFps: 240 };
    expect(planSlowVideo({ frames: cfr(50, 240), rates, from: 0, to: 9, slow: 16, heldFrames: new Set(), holdSeconds: 0 })).toMatchObject({ fps: 30, totalFrames: 20 });
    const slow120 = { fileFps: 120, captureFps: 120 };
    expect(planSlowVideo({ frames: cfr(50, 120), rates: slow120, from: 0, to: 9, slow: 16, heldFrames: new Set(), holdSeconds: 0 })).toMatchObject({ fps: 30, totalFrames: 40 });
    expect(planSlowVideo({ frames: cfr(50, 240), rates, from: 0, to: 9, slow: 2, heldFrames: new Set(), holdSeconds: 0 })).toMatchObject({ fps: 120, totalFrames: 10 });
  });

  it('holds a frame with drawings for the hold time', () => {
    const plan = planSlowVideo({ frames: cfr(50, 240), rates: { fileFps: 240, captureFps: 240 }, from: 0, to: 9, slow: 8, heldFrames: new Set([4]), holdSeconds: 2 });
    expect(plan.copies[4]).toBe(60);
    expect(plan.totalFrames).toBe(69);
    expect(plan.durationSeconds).toBeCloseTo(2.3, 6);
  });

  it('variable frame rate: each frame for its real duration, by its own timestamp', () => {
    // Frames 0–4 at 1/240 s, then 5–9 at 2/240 s (a dropped frame between each).
    const times = [0, 1, 2, 3, 4, 6, 8, 10, 12, 14].map((n) => n / 240);
    const plan = planSlowVideo({ frames: { times }, rates: { fileFps: 240, captureFps: 240 }, from: 0, to: 9, slow: 8, heldFrames: new Set(), holdSeconds: 0 });
    expect(plan.copies).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 1]);
  });
});
