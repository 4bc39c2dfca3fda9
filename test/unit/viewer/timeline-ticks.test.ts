import { describe, expect, it } from 'vitest';
import { niceFrameStep, timelineTicks } from '../../../renderer/src/viewer/timeline-ticks.ts';

describe('timeline ticks', () => {
  it('labels a nice frame step that keeps labels apart', () => {
    expect(niceFrameStep(720, 800, 80)).toBe(100); // 719 frames over 10 labels → 71.9 → 100
    expect(niceFrameStep(240, 1200, 80)).toBe(20);
    expect(niceFrameStep(10, 1000, 80)).toBe(1);
    expect(niceFrameStep(144_000, 1000, 80)).toBe(20_000);
  });

  it('starts at frame 0, labels every major step and never passes the last frame', () => {
    const ticks = timelineTicks(720, 800);
    expect(ticks[0]).toEqual({ frame: 0, labelled: true });
    expect(ticks.filter((t) => t.labelled).map((t) => t.frame)).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
    expect(ticks.every((t) => t.frame <= 719)).toBe(true);
    expect(ticks.filter((t) => !t.labelled).length).toBeGreaterThan(0);
  });

  it('has nothing to show for a single frame or no width', () => {
    expect(timelineTicks(1, 800)).toEqual([]);
    expect(timelineTicks(100, 0)).toEqual([]);
  });
});
