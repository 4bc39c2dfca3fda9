import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { lengthInside, platesOverlap } from '../../../common/geometry/plate-layout.ts';
import { labelText } from '../../../common/measurements/presets.ts';
import type { DrawPrimitive } from '../../../common/geometry/drawing.ts';
import { estimateTextWidth, layoutFramePlates, layoutPlate } from '../../../common/painter/label-layout.ts';
import { renderAnnotation, type RenderSettings } from '../../../common/painter/render-model.ts';
import { PLATE_STYLE, relativeLuminance } from '../../../common/painter/style.ts';

function annotation(id: string, geometry: AnnotationGeometry, label: string | null): Annotation {
  return {
    id,
    clipId: 'clip',
    frameIndex: 0,
    frameTime: 0,
    geometry,
    label,
    style: { color: '#FFD400', strokeWidth: 2 },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** One leg measured several ways on one frame of a 1080p clip shown at about half size — as in the field report. */
const frame: Annotation[] = [
  annotation('knee-l', { kind: 'goniometer', points: [{ x: 900, y: 420 }, { x: 960, y: 640 }, { x: 900, y: 860 }] }, 'knee-midstance-left'),
  annotation('knee-r', { kind: 'goniometer', points: [{ x: 930, y: 430 }, { x: 1000, y: 650 }, { x: 960, y: 870 }] }, 'knee-midstance-right'),
  annotation('trunk', { kind: 'angle-horizontal', points: [{ x: 910, y: 420 }, { x: 980, y: 160 }] }, 'trunk-midstance'),
  annotation('shin', { kind: 'angle-vertical', points: [{ x: 960, y: 640 }, { x: 880, y: 860 }] }, 'shin-initial-contact-left'),
  annotation('overstride', { kind: 'line', points: [{ x: 880, y: 870 }, { x: 940, y: 430 }] }, 'overstride-left'),
  annotation('ruler', { kind: 'ruler', points: [{ x: 700, y: 940 }, { x: 1200, y: 940 }], realLengthCm: 50 }, null),
  annotation('line', { kind: 'line', points: [{ x: 950, y: 600 }, { x: 1100, y: 600 }] }, null),
  annotation('marker', { kind: 'marker', points: [{ x: 965, y: 645 }] }, 'Knie'),
];
const settings: RenderSettings = { transform: { scale: 0.47, x: 10, y: 80 }, convention: 'interior', language: 'nl', cmPerPx: 0.1 };
const viewport = { width: 910, height: 680 };
const sources = frame.map((a) => ({ id: a.id, primitives: renderAnnotation(a, settings).primitives }));

function labels(primitives: readonly DrawPrimitive[]) {
  return primitives.filter((p): p is Extract<DrawPrimitive, { type: 'label' }> => p.type === 'label');
}

describe('plates of a crowded frame', () => {
  it('collide when each is placed on its own (the defect)', () => {
    const alone = sources.flatMap((s) => labels(s.primitives).map((p) => layoutPlate(p.anchor, p.placement, p.lines, p.note, estimateTextWidth, viewport)!));
    const collisions = alone.flatMap((a, i) => alone.slice(i + 1).filter((b) => platesOverlap(a, b)));
    expect(collisions.length).toBeGreaterThan(0);
  });

  it('are all shown, none covering another or a drawn line, when laid out together', () => {
    const layout = layoutFramePlates(sources, estimateTextWidth, viewport);
    expect(layout.rects).toHaveLength(sources.reduce((n, s) => n + labels(s.primitives).length, 0));
    for (let i = 0; i < layout.rects.length; i += 1) {
      for (let j = i + 1; j < layout.rects.length; j += 1) expect(platesOverlap(layout.rects[i]!, layout.rects[j]!)).toBe(false);
    }
    for (const rect of layout.rects) {
      for (const segment of layout.segments) expect(lengthInside(segment, rect), `${segment.id} through the plate of ${rect.id}`).toBe(0);
    }
    // Each plate carries its own text.
    expect(layout.byId.get('trunk')?.[0]?.lines.map((l) => l.text)).toEqual([labelText('trunk-midstance', 'nl', 'shortName'), '74,9° t.o.v. horiz.']);
  });

  it('place the shape being edited clear of the rest of the frame, ignoring its own old plate', () => {
    const frameLayout = layoutFramePlates(sources, estimateTextWidth, viewport);
    const edited = sources.find((s) => s.id === 'knee-r')!;
    const again = layoutFramePlates([edited], estimateTextWidth, viewport, { frame: frameLayout, replacing: 'knee-r' });
    const plate = again.byId.get('knee-r')![0]!;
    for (const other of frameLayout.rects.filter((r) => r.id !== 'knee-r')) expect(platesOverlap(plate, other)).toBe(false);
  });
});

describe('plate colours', () => {
  /** WCAG contrast of the plate text over the plate as composited on footage of the given luminance. */
  function contrastOn(footage: 0 | 1): number {
    const match = /rgba\((\d+), (\d+), (\d+), ([\d.]+)\)/.exec(PLATE_STYLE.fill)!;
    const alpha = Number(match[4]);
    const back = [1, 2, 3].map((i) => Math.round(Number(match[i]) * alpha + footage * 255 * (1 - alpha)));
    const hex = `#${back.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    const [light, dark] = [relativeLuminance(PLATE_STYLE.text), relativeLuminance(hex)].sort((a, b) => b - a) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  }

  it('keep the text readable on bright and on dark footage (WCAG AAA, 7:1)', () => {
    expect(contrastOn(1)).toBeGreaterThanOrEqual(7);
    expect(contrastOn(0)).toBeGreaterThanOrEqual(7);
  });
});
