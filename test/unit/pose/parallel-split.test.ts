import { describe, expect, it } from 'vitest';
import { DETECT_EVERY, parallelWorkers, splitRanges } from '../../../main/pose/pose-engine.ts';

const size = (ranges: [number, number][]) => ranges.reduce((sum, [a, b]) => sum + b - a + 1, 0);

describe('splitting a pose pass over two workers', () => {
  it('cuts one range in two contiguous parts at a multiple of the detector spacing, near the middle', () => {
    expect(splitRanges([[0, 39]])).toEqual([[[0, 15]], [[16, 39]]]);
    expect(splitRanges([[5, 100]])).toEqual([[[5, 47]], [[48, 100]]]);
    const parts = splitRanges([[123, 1000]]);
    expect(parts[1]![0]![0] % DETECT_EVERY).toBe(0);
    expect(parts[0]!.at(-1)![1] + 1).toBe(parts[1]![0]![0]);
    expect(Math.abs(size(parts[0]!) - size(parts[1]!))).toBeLessThanOrEqual(DETECT_EVERY);
  });

  it('cuts between ranges when that is nearer the middle, and keeps every frame exactly once', () => {
    const frames = (ranges: [number, number][]) => ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, at) => a + at));
    const ranges: [number, number][] = [[0, 9], [20, 29], [100, 109], [130, 139]];
    expect(splitRanges(ranges)).toEqual([[[0, 9], [20, 29]], [[100, 109], [130, 139]]]);
    const uneven: [number, number][] = [[0, 9], [40, 49], [100, 109]];
    const parts = splitRanges(uneven);
    expect(parts.length).toBe(2);
    expect(frames(parts.flat())).toEqual(frames(uneven));
    // Inside a range the cut is on a multiple of the spacing (48 here), so that part reads from its own start.
    expect(parts[1]![0]![0] % DETECT_EVERY === 0 || uneven.some(([a]) => a === parts[1]![0]![0])).toBe(true);
    expect(splitRanges([[3, 9]])).toEqual([[[3, 9]]]);
  });

  it('uses two workers only on two or more cores and from two detector spans of frames on', () => {
    expect(parallelWorkers(2 * DETECT_EVERY, 2)).toBe(2);
    expect(parallelWorkers(2 * DETECT_EVERY - 1, 2)).toBe(1);
    expect(parallelWorkers(1000, 1)).toBe(1);
  });
});
