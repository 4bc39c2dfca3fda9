import { describe, expect, it } from 'vitest';
import { evenRect, rgbaIntoYuv, yuvFrameBytes, yuvToRgba } from '../../../main/export/yuv.ts';

describe('BT.709 yuv420p ↔ RGBA', () => {
  it('round-trips flat colours within a step or two, and leaves pixels outside the rectangle alone', () => {
    const width = 8;
    const height = 6;
    const yuv = new Uint8Array(yuvFrameBytes(width, height)).fill(77);
    const colours = [[255, 79, 176], [0, 229, 255], [255, 212, 0], [14, 16, 20], [255, 255, 255]];
    for (const [r, g, b] of colours) {
      const rect = { x: 2, y: 2, width: 4, height: 2 };
      const rgba = new Uint8ClampedArray(rect.width * rect.height * 4);
      for (let i = 0; i < rgba.length; i += 4) rgba.set([r!, g!, b!, 255], i);
      rgbaIntoYuv(rgba, yuv, width, height, rect);
      const back = yuvToRgba(yuv, width, height, rect);
      for (let i = 0; i < back.length; i += 4) {
        expect(Math.abs(back[i]! - r!)).toBeLessThanOrEqual(2);
        expect(Math.abs(back[i + 1]! - g!)).toBeLessThanOrEqual(2);
        expect(Math.abs(back[i + 2]! - b!)).toBeLessThanOrEqual(2);
      }
      expect(yuv[0]).toBe(77);
      expect(yuv[width * height - 1]).toBe(77);
    }
    // White is Y 235, neutral chroma; black Y 16 (limited range).
    const white = new Uint8ClampedArray(16).fill(255);
    rgbaIntoYuv(white, yuv, width, height, { x: 0, y: 0, width: 2, height: 2 });
    expect([yuv[0], yuv[width * height], yuv[width * height + 12]]).toEqual([235, 128, 128]);
  });

  it('grows rectangles to even edges inside the picture', () => {
    expect(evenRect({ x: 3, y: 1, width: 4, height: 4 }, 10, 6)).toEqual({ x: 2, y: 0, width: 6, height: 6 });
  });
});
