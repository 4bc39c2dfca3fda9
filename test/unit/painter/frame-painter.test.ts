import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../common/contract/annotation.ts';
import { paintFrameAnnotations } from '../../../common/painter/frame-painter.ts';
import type { PaintContext } from '../../../common/painter/paint.ts';

const knee: Annotation = {
  id: 'knee',
  clipId: 'clip',
  frameIndex: 0,
  frameTime: 0,
  geometry: { kind: 'goniometer', points: [{ x: 40, y: 20 }, { x: 100, y: 100 }, { x: 40, y: 180 }] },
  label: 'knee-midstance-left',
  style: { color: '#FF0000', strokeWidth: 3 },
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('paintFrameAnnotations in Node', () => {
  it('draws a frame\'s annotations with the viewer\'s painter on a Node canvas, where the geometry says', () => {
    const canvas = createCanvas(320, 200);
    const context = canvas.getContext('2d');
    context.fillStyle = '#000000';
    context.fillRect(0, 0, 320, 200);
    paintFrameAnnotations(context as unknown as PaintContext, [knee], { transform: { scale: 1, x: 0, y: 0 }, convention: 'interior', language: 'en', cmPerPx: null }, { width: 320, height: 200 });
    const pixels = context.getImageData(0, 0, 320, 200).data;
    const at = (x: number, y: number) => Array.from(pixels.subarray((y * 320 + x) * 4, (y * 320 + x) * 4 + 3));
    // Across the first arm (40,20)→(100,100), at its middle, the stroke is red (anti-aliased: the reddest pixel).
    const across = [-3, -2, -1, 0, 1, 2, 3].map((dx) => at(70 + dx, 60));
    const reddest = across.reduce((best, p) => (p[0]! > best[0]! ? p : best));
    expect(reddest[0]).toBeGreaterThan(200);
    expect(reddest[1]).toBeLessThan(60);
    expect(reddest[2]).toBeLessThan(60);
    // Far from any stroke and plate: still the black background.
    expect(at(300, 190)).toEqual([0, 0, 0]);
  });
});
