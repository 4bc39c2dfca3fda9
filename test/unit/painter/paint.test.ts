import { describe, expect, it } from 'vitest';
import type { DrawPrimitive } from '../../../common/geometry/drawing.ts';
import { estimateTextWidth, layoutPlate, type PlateLayout } from '../../../common/painter/label-layout.ts';
import { paintAnnotation, type PaintContext } from '../../../common/painter/paint.ts';
import { haloColor, HALO_EXTRA_PX, PLATE_STYLE } from '../../../common/painter/style.ts';

interface Stroke {
  kind: 'stroke' | 'fill';
  style: string;
  width: number;
  alpha: number;
  dash: number[];
  path: string[];
}

/** Records what reaches the canvas: each stroke or fill with the state it was made with, and each text. */
function recordingContext() {
  const ops: Stroke[] = [];
  const texts: { text: string; x: number; y: number; font: string; fill: string; alpha: number }[] = [];
  let path: string[] = [];
  let dash: number[] = [];
  const context = {
    globalAlpha: 0.5,
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    font: '',
    textBaseline: 'top',
    textAlign: 'start',
    beginPath: () => void (path = []),
    closePath: () => void path.push('close'),
    moveTo: (x: number, y: number) => void path.push(`M${x},${y}`),
    lineTo: (x: number, y: number) => void path.push(`L${x},${y}`),
    arc: (x: number, y: number, r: number) => void path.push(`A${x},${y},${r}`),
    roundRect: (x: number, y: number, w: number, h: number) => void path.push(`R${x},${y},${w},${h}`),
    setLineDash: (segments: number[]) => void (dash = [...segments]),
    stroke() {
      ops.push({ kind: 'stroke', style: String(this.strokeStyle), width: this.lineWidth, alpha: this.globalAlpha, dash, path });
    },
    fill() {
      ops.push({ kind: 'fill', style: String(this.fillStyle), width: 0, alpha: this.globalAlpha, dash, path });
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, font: this.font, fill: String(this.fillStyle), alpha: this.globalAlpha });
    },
    measureText: () => ({ fontBoundingBoxAscent: 12, fontBoundingBoxDescent: 3 }) as TextMetrics,
  };
  return { context: context as unknown as PaintContext, ops, texts };
}

const style = { color: '#FFD400', strokeWidth: 2 };
const goniometer: DrawPrimitive[] = [
  { type: 'path', role: 'main', points: [{ x: 10, y: 10 }, { x: 50, y: 60 }, { x: 20, y: 110 }] },
  { type: 'arc', role: 'main', center: { x: 50, y: 60 }, radius: 20, startDeg: 200, sweepDeg: 110 },
  { type: 'path', role: 'reference', points: [{ x: 50, y: 60 }, { x: 100, y: 60 }] },
  { type: 'label', anchor: { x: 70, y: 60 }, placement: { type: 'away', direction: { x: 1, y: 0 } }, lines: ['Knee MS L', '140.0° int.'], note: false },
];
const plates: PlateLayout[] = [layoutPlate({ x: 70, y: 60 }, { type: 'away', direction: { x: 1, y: 0 } }, ['Knee MS L', '140.0° int.'], false, estimateTextWidth)!];

describe('paintAnnotation', () => {
  it('paints every halo before any stroke, so one part never hides another', () => {
    const { context, ops } = recordingContext();
    paintAnnotation(context, goniometer, style, [], 1);
    const strokes = ops.filter((op) => op.kind === 'stroke');
    expect(strokes).toHaveLength(6);
    expect(strokes.slice(0, 3).every((op) => op.style === haloColor(style.color))).toBe(true);
    expect(strokes.slice(3).every((op) => op.style === style.color)).toBe(true);
    // Same path for halo and stroke; the halo is wider by HALO_EXTRA_PX.
    expect(strokes[0]!.path).toEqual(strokes[3]!.path);
    expect(strokes[0]!.width).toBe(style.strokeWidth + HALO_EXTRA_PX);
    expect(strokes[3]!.width).toBe(style.strokeWidth);
  });

  it('dashes only the reference line, thinner and slightly transparent; the dash does not leak into the next part', () => {
    const { context, ops } = recordingContext();
    paintAnnotation(context, goniometer, style, plates, 1);
    const [, , referenceHalo, arm, , reference] = ops.filter((op) => op.kind === 'stroke');
    expect(reference!.dash).toEqual([6, 5]);
    expect(referenceHalo!.dash).toEqual([6, 5]);
    expect(reference!.width).toBe(1.5);
    expect(reference!.alpha).toBeCloseTo(0.9, 6);
    expect(arm!.dash).toEqual([]);
    expect(ops.at(-1)!.dash).toEqual([]);
  });

  it('multiplies the shape opacity (a faded neighbour) into every part', () => {
    const { context, ops, texts } = recordingContext();
    paintAnnotation(context, goniometer, style, plates, 0.4);
    expect(Math.max(...ops.map((op) => op.alpha))).toBeCloseTo(0.4, 6);
    expect(texts.every((t) => t.alpha === 0.4)).toBe(true);
  });

  it('paints plates last: dark plate, accent bar in the annotation colour, then the lines, the value in bold', () => {
    const { context, ops, texts } = recordingContext();
    paintAnnotation(context, goniometer, style, plates, 1);
    const fills = ops.filter((op) => op.kind === 'fill');
    expect(fills.map((op) => op.style)).toEqual([PLATE_STYLE.fill, style.color]);
    expect(ops.findIndex((op) => op.style === PLATE_STYLE.fill)).toBeGreaterThan(ops.findLastIndex((op) => op.style === style.color && op.kind === 'stroke'));
    expect(texts.map((t) => t.text)).toEqual(['Knee MS L', '140.0° int.']);
    expect(texts[0]!.font.startsWith('normal ')).toBe(true);
    expect(texts[1]!.font.startsWith('bold ')).toBe(true);
    expect(texts.every((t) => t.fill === PLATE_STYLE.text)).toBe(true);
    // Konva.Text's placement: alphabetic baseline at the line top + (ascent − descent) / 2 + line height / 2.
    const plate = plates[0]!;
    expect(texts[0]!.y).toBeCloseTo(plate.lines[0]!.y + (12 - 3) / 2 + (PLATE_STYLE.fontSizePx * PLATE_STYLE.lineHeight) / 2, 6);
    expect(texts[0]!.x).toBe(plate.lines[0]!.x);
  });

  it('gives a marker its ring with halo and a centre dot', () => {
    const { context, ops } = recordingContext();
    paintAnnotation(context, [{ type: 'ring', center: { x: 5, y: 5 }, radius: 6 }], style, [], 1);
    expect(ops.map((op) => `${op.kind}:${op.style}`)).toEqual([
      `stroke:${haloColor(style.color)}`,
      `stroke:${style.color}`,
      `fill:${style.color}`,
      `stroke:${haloColor(style.color)}`,
    ]);
    expect(ops[2]!.path).toEqual(['A5,5,1.6', 'close']);
  });
});
