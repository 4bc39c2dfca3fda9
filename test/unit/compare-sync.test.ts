import { describe, expect, it } from 'vitest';
import { followFrame, nearestEventFrame, nearestFrameAtCaptureTime, offsetFromFramePair } from '../../common/compare/sync.ts';

const clip = (fps: number, count: number, fileFps = fps) => ({
  frames: { times: Array.from({ length: count }, (_, i) => 10 + i / fileFps) },
  rates: { fileFps, captureFps: fps },
});

describe('compare sync', () => {
  const side240 = clip(240, 240);
  const rear120 = clip(120, 120);
  // 240 fps filmed, stored at 30 fps: 8 file seconds per real second.
  const slowmo240 = clip(240, 240, 30);

  it('finds the nearest frame at a capture time, ties to the earlier one, clamped to the clip', () => {
    expect(nearestFrameAtCaptureTime(rear120, 0.1)).toBe(12);
    expect(nearestFrameAtCaptureTime(rear120, 0.104)).toBe(12);
    expect(nearestFrameAtCaptureTime(rear120, 0.105)).toBe(13);
    // Exactly between frame 20 (0.1667 s) and 21 (0.175 s).
    expect(nearestFrameAtCaptureTime(rear120, 41 / 240)).toBe(20);
    expect(nearestFrameAtCaptureTime(rear120, -1)).toBe(0);
    expect(nearestFrameAtCaptureTime(rear120, 99)).toBe(119);
    expect(nearestFrameAtCaptureTime(slowmo240, 0.5)).toBe(120);
  });

  it('a 240 fps leader steps a 120 fps follower to the frame at the same real time, and says how far off it is', () => {
    const offset = offsetFromFramePair(side240, 30, rear120, 20);
    expect(offset * 1000).toBeCloseTo(1000 * (20 / 120 - 30 / 240), 9);
    const followed = [30, 31, 32, 33, 34].map((a) => followFrame(side240, a, rear120, offset, true));
    expect(followed.map((f) => f.index)).toEqual([20, 20, 21, 21, 22]);
    expect(followed[0]!.gapMs).toBeCloseTo(0, 9);
    expect(followed[1]!.gapMs).toBeCloseTo(-1000 / 240, 6);
    // The other way round: the 120 fps clip leads, the 240 fps one lands exactly.
    expect(followFrame(rear120, 21, side240, offset, false)).toEqual({ index: 32, gapMs: expect.closeTo(0, 6) });
    // Frame times as ffprobe prints them (6 decimals) still make a tie a tie.
    const rounded = (c: ReturnType<typeof clip>) => ({ ...c, frames: { times: c.frames.times.map((t) => Number(t.toFixed(6))) } });
    expect(followFrame(rounded(side240), 31, rounded(rear120), offsetFromFramePair(rounded(side240), 30, rounded(rear120), 20), true).index).toBe(20);
    // Slow motion is timed at its capture rate: frame 16 of a 240 fps file stored at 30 fps is 66.7 ms in.
    expect(followFrame(slowmo240, 16, rear120, 0, true).index).toBe(8);
  });

  it('picks the event of a kind and side nearest to the frame shown', () => {
    const events = [
      { frameIndex: 30, kind: 'initial-contact', side: 'left' },
      { frameIndex: 90, kind: 'initial-contact', side: 'left' },
      { frameIndex: 60, kind: 'initial-contact', side: 'right' },
    ];
    expect(nearestEventFrame(events, 'initial-contact', 'left', 70)).toBe(90);
    expect(nearestEventFrame(events, 'initial-contact', 'left', 60)).toBe(30);
    expect(nearestEventFrame(events, 'toe-off', 'left', 60)).toBeNull();
  });
});
