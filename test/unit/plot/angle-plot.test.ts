import { describe, expect, it } from 'vitest';
import { axisTicks, formatDegrees, gaps, seriesPath, valueAt, valueExtent, valueToY } from '../../../common/plot/angle-plot.ts';
import { frameAtClientX, frameAtFraction, frameFraction, framePercent, frameX, innerBox } from '../../../common/plot/frame-scale.ts';

describe('frame scale (timeline, event lane and plot share it)', () => {
  it('puts frame 0 on the left edge and the last frame on the right edge', () => {
    expect(frameFraction(0, 720)).toBe(0);
    expect(frameFraction(719, 720)).toBe(1);
    expect(framePercent(359.5, 720)).toBe('50%');
    expect(frameX(719, 720, 1000)).toBe(1000);
  });

  it('reads back the frame it drew, at every frame of a clip, over any width', () => {
    for (const [frames, width] of [
      [720, 1000],
      [61, 333.5],
      [10_000, 1234],
    ] as const) {
      for (let frame = 0; frame < frames; frame += 1) {
        expect(frameAtClientX(20 + frameX(frame, frames, width), { left: 20, width }, frames)).toBe(frame);
      }
    }
  });

  it('clamps a pointer outside the box to the clip and refuses a box without width', () => {
    expect(frameAtClientX(-50, { left: 0, width: 500 }, 100)).toBe(0);
    expect(frameAtClientX(900, { left: 0, width: 500 }, 100)).toBe(99);
    expect(frameAtClientX(10, { left: 0, width: 0 }, 100)).toBeNull();
    expect(frameAtFraction(0.7, 1)).toBe(0);
  });

  it('reads a pointer over the box inside the border, where marks are drawn', () => {
    const bordered = { getBoundingClientRect: () => ({ left: 100, width: 402 }), clientLeft: 1 };
    expect(innerBox(bordered)).toEqual({ left: 101, width: 400 });
    // The last frame's mark sits at the inner right edge, one pixel inside the border.
    expect(frameAtClientX(101 + frameX(99, 100, 400), innerBox(bordered), 100)).toBe(99);
  });
});

describe('value axis', () => {
  it('spans the values and the norm band, widened to whole steps', () => {
    const extent = valueExtent([{ fromFrame: 0, values: [141.3, null, 152.8, 137.2] }], { min: 135, max: 145 })!;
    expect(extent).toEqual({ min: 135, max: 152.8 });
    const axis = axisTicks(extent, 120);
    expect(axis.domain.min).toBeLessThanOrEqual(135);
    expect(axis.domain.max).toBeGreaterThanOrEqual(152.8);
    expect(axis.ticks[0]).toBe(axis.domain.min);
    expect(axis.ticks.at(-1)).toBe(axis.domain.max);
    for (const tick of axis.ticks) expect(tick % axis.step).toBeCloseTo(0, 6);
    // Labels stay at least 22 px apart.
    expect((120 / (axis.ticks.length - 1))).toBeGreaterThanOrEqual(22);
  });

  it('chooses a coarser step when the plot is low or the range wide', () => {
    expect(axisTicks({ min: 130, max: 150 }, 200).step).toBe(5);
    expect(axisTicks({ min: 130, max: 150 }, 60).step).toBe(10);
    expect(axisTicks({ min: 0, max: 180 }, 100).step).toBe(45);
    expect(axisTicks({ min: 0, max: 5000 }, 100).step).toBeGreaterThanOrEqual(1000);
  });

  it('gives a flat series a readable range around its value', () => {
    const axis = axisTicks(valueExtent([{ fromFrame: 0, values: [90, 90, 90] }])!, 100);
    expect(axis.domain.min).toBeLessThanOrEqual(88);
    expect(axis.domain.max).toBeGreaterThanOrEqual(92);
  });

  it('has no extent without a single value', () => {
    expect(valueExtent([{ fromFrame: 0, values: [null, null] }])).toBeNull();
    expect(valueExtent([])).toBeNull();
  });

  it('maps higher values up, the domain onto the box minus its inset', () => {
    const domain = { min: 100, max: 200 };
    expect(valueToY(200, domain, 110, 5)).toBe(5);
    expect(valueToY(100, domain, 110, 5)).toBe(105);
    expect(valueToY(150, domain, 110, 5)).toBe(55);
  });

  it('formats degrees in the UI language', () => {
    expect(formatDegrees(141.25, 'en')).toBe('141.3°');
    expect(formatDegrees(141.25, 'nl')).toBe('141,3°');
    expect(formatDegrees(-0.01, 'nl')).toBe('0,0°');
    expect(formatDegrees(140, 'en', 0)).toBe('140°');
  });
});

describe('series path', () => {
  const y = (value: number) => 200 - value;

  it('draws each run of values as its own sub-path: nothing across a lost track', () => {
    const series = { fromFrame: 10, values: [100, 110, null, null, 120, 130, 140] };
    const d = seriesPath(series, 21, 200, y);
    expect(d).toBe('M100 100L110 90M140 80L150 70L160 60');
    expect(gaps(series)).toEqual([{ fromFrame: 12, toFrame: 13 }]);
    expect(valueAt(series, 12)).toBeNull();
    expect(valueAt(series, 14)).toBe(120);
    expect(valueAt(series, 9)).toBeNull();
    expect(valueAt(series, 17)).toBeNull();
  });

  it('puts each sample at the x the timeline gives its frame', () => {
    const d = seriesPath({ fromFrame: 3, values: [50, 60] }, 11, 500, y);
    expect(d).toBe(`M${frameX(3, 11, 500)} 150L${frameX(4, 11, 500)} 140`);
  });

  it('shows a lone value between gaps as a dot', () => {
    expect(seriesPath({ fromFrame: 0, values: [null, 42, null] }, 3, 100, y)).toBe('M50 158h0');
  });

  it('keeps each pixel column of a 10,000-frame series to its first, lowest, highest and last value', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i === 5001 ? 500 : i % 97 === 0 ? null : 140 + 20 * Math.sin(i / 50)));
    const d = seriesPath({ fromFrame: 0, values }, 10_000, 800, y);
    const points = d.match(/[ML]/g)!.length;
    expect(points).toBeLessThanOrEqual(800 * 4 + 200);
    // The spike survives decimation.
    expect(d).toContain(' -300');
    // No segment crosses a lost frame: every null starts a new sub-path.
    const runs = values.filter((v, i) => v !== null && (i === 0 || values[i - 1] === null)).length;
    expect(d.match(/M/g)!.length).toBe(runs);
  });
});
