import { describe, expect, it } from 'vitest';
import { earlierDecodeStart, keyframeAtOrBefore } from '../../../main/media/keyframes.ts';
import { PngStreamSplitter } from '../../../main/media/png-stream.ts';
import { planRuns } from '../../../main/media/still-frame.ts';

function chunk(type: string, body: number[]): number[] {
  const length = body.length;
  return [(length >>> 24) & 255, (length >>> 16) & 255, (length >>> 8) & 255, length & 255, ...[...type].map((c) => c.charCodeAt(0)), ...body, 0, 0, 0, 0];
}
/** A structurally complete PNG (chunk CRCs are not checked by the splitter); its IDAT holds the bytes of "IEND". */
function png(marker: number): Uint8Array {
  return Uint8Array.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ...chunk('IHDR', Array.from({ length: 13 }, () => marker)),
    ...chunk('IDAT', [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, marker]),
    ...chunk('IEND', []),
  ]);
}

describe('PNG stream splitter', () => {
  it('cuts concatenated images at their IEND chunk, however the stream is chunked', () => {
    const images = [png(1), png(2), png(3)];
    const stream = Uint8Array.from(images.flatMap((image) => [...image]));
    for (const size of [1, 7, 13, stream.length]) {
      const splitter = new PngStreamSplitter();
      const out: Uint8Array[] = [];
      for (let at = 0; at < stream.length; at += size) out.push(...splitter.push(stream.subarray(at, at + size)));
      expect(out.map((image) => [...image])).toEqual(images.map((image) => [...image]));
      expect(splitter.pendingBytes).toBe(0);
    }
  });

  it('holds an unfinished image and refuses a stream that is not PNG', () => {
    const splitter = new PngStreamSplitter();
    expect(splitter.push(png(4).subarray(0, 30))).toEqual([]);
    expect(splitter.pendingBytes).toBe(30);
    expect(() => new PngStreamSplitter().push(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))).toThrow();
  });
});

describe('where decodes for stills start', () => {
  it('keyframe at or before, and the start before that when a decode missed its frame', () => {
    expect(keyframeAtOrBefore([28, 76], 10)).toBe(0);
    expect(keyframeAtOrBefore([0, 48, 96], 95)).toBe(48);
    expect(keyframeAtOrBefore([0, 48, 96], 96)).toBe(96);
    expect(earlierDecodeStart([0, 48, 96], 96)).toBe(48);
    expect(earlierDecodeStart([0, 1, 2, 3], 2)).toBe(1);
    expect(earlierDecodeStart([0, 48], 0)).toBeNull();
  });

  it('one process per keyframe group, sharing one when the next frame is nearer than a new decode', () => {
    const keyframes = [0, 240, 480, 720];
    // 250 and 300 share the group of 240; 470 is 170 frames on, nearer than 230 from its keyframe + a start.
    expect(planRuns(keyframes, [300, 250, 470, 725, 250])).toEqual([
      { fromIndex: 240, indices: [250, 300, 470] },
      { fromIndex: 720, indices: [725] },
    ]);
    // All-intra: every frame is a keyframe, neighbours still share one process.
    expect(planRuns([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [2, 3, 9])).toEqual([{ fromIndex: 2, indices: [2, 3, 9] }]);
    // A run converts at most 32 frames.
    const many = planRuns([0], Array.from({ length: 40 }, (_, i) => i));
    expect(many.map((run) => run.indices.length)).toEqual([32, 8]);
  });
});
