import { describe, expect, it } from 'vitest';
import type { Annotation, AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { measureGeometry } from '../../../common/geometry/conventions.ts';
import { screenToImage } from '../../../common/geometry/view-transform.ts';
import { fadedNeighbours, fadeOpacity } from '../../../renderer/canvas/fading.ts';
import { annotationLabelLines } from '../../../common/painter/labels.ts';
import { estimateTextWidth, layoutPlate } from '../../../common/painter/label-layout.ts';
import { loupeImageCrop, loupePosition, loupeScale, loupeTransform } from '../../../renderer/canvas/loupe-geometry.ts';
import { renderAnnotation, renderPreview } from '../../../common/painter/render-model.ts';
import { ANNOTATION_PALETTE, haloColor, relativeLuminance, strokeSpecs } from '../../../common/painter/style.ts';

function annotation(id: string, frameIndex: number, geometry: AnnotationGeometry, label: string | null = null): Annotation {
  return {
    id,
    clipId: 'clip',
    frameIndex,
    frameTime: frameIndex / 30,
    geometry,
    label,
    style: { color: '#FFD400', strokeWidth: 2 },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

const knee: AnnotationGeometry = { kind: 'goniometer', points: [{ x: 400, y: 100 }, { x: 400, y: 500 }, { x: 600, y: 800 }] };

describe('style', () => {
  it('halo contrasts with the stroke colour', () => {
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 6);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(haloColor('#FFD400')).toContain('0, 0, 0');
    expect(haloColor('#1A1A80')).toContain('255, 255, 255');
  });

  it('every palette colour is valid for the stored style and gets a halo', () => {
    for (const entry of ANNOTATION_PALETTE) {
      expect(entry.color).toMatch(/^#[0-9A-F]{6}$/);
      expect(haloColor(entry.color)).toMatch(/^rgba/);
    }
  });

  it('stroke width is the stored screen width; reference lines are thinner and dashed', () => {
    const main = strokeSpecs({ color: '#FFD400', strokeWidth: 3 }, 'main');
    expect(main.stroke.strokeWidth).toBe(3);
    expect(main.halo.strokeWidth).toBeGreaterThan(3);
    const reference = strokeSpecs({ color: '#FFD400', strokeWidth: 3 }, 'reference');
    expect(reference.stroke.strokeWidth).toBeLessThan(3);
    expect(reference.stroke.dash).toBeDefined();
  });
});

describe('labels', () => {
  it('preset short name plus the value in the chosen convention and language', () => {
    const m = measureGeometry(knee, 'joint-flexion');
    const a = annotation('k', 0, knee, 'knee-midstance-left');
    expect(annotationLabelLines(a, m, 'clinical', 'nl')).toEqual(['Knie mid-steunfase L', `${(m?.clinical ?? 0).toFixed(1).replace('.', ',')}° flexie`]);
    expect(annotationLabelLines({ ...a, label: null }, m, 'interior', 'en')).toEqual([`${(m?.interior ?? 0).toFixed(1)}° int.`]);
  });

  it('markers show their label only; notes their text; rulers a title', () => {
    const marker = annotation('m', 0, { kind: 'marker', points: [{ x: 1, y: 1 }] });
    expect(annotationLabelLines(marker, null, 'interior', 'en')).toBeNull();
    expect(annotationLabelLines({ ...marker, label: 'Heel' }, null, 'interior', 'en')).toEqual(['Heel']);
    const note = annotation('n', 0, { kind: 'text', points: [{ x: 1, y: 1 }], text: 'Lands on heel\nfar ahead' });
    expect(annotationLabelLines(note, null, 'interior', 'en')).toEqual(['Lands on heel', 'far ahead']);
    expect(annotationLabelLines({ ...note, geometry: { kind: 'text', points: [{ x: 1, y: 1 }], text: ' ' } }, null, 'interior', 'nl')).toEqual(['(lege notitie)']);
    const ruler: AnnotationGeometry = { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }], realLengthCm: 50 };
    expect(annotationLabelLines(annotation('r', 0, ruler), measureGeometry(ruler, 'length'), 'interior', 'en')).toEqual(['Ruler', '50.0 cm']);
  });
});

describe('fading', () => {
  it('full on its own frame, fading over the neighbours, gone beyond', () => {
    expect(fadeOpacity(0, 0)).toBe(1);
    expect(fadeOpacity(1, 0)).toBe(0);
    expect(fadeOpacity(1, 3)).toBeCloseTo(0.55, 9);
    expect(fadeOpacity(-3, 3)).toBeGreaterThan(0);
    expect(fadeOpacity(-3, 3)).toBeLessThan(fadeOpacity(2, 3));
    expect(fadeOpacity(4, 3)).toBe(0);
  });

  it('picks neighbours only', () => {
    const list = [annotation('a', 10, knee), annotation('b', 12, knee), annotation('c', 20, knee)];
    expect(fadedNeighbours(list, 10, 2).map((f) => f.annotation.id)).toEqual(['b']);
    expect(fadedNeighbours(list, 10, 0)).toEqual([]);
  });
});

describe('label plates', () => {
  it('sit beside the anchor in the given direction, touching it', () => {
    const right = layoutPlate({ x: 100, y: 100 }, { type: 'away', direction: { x: 1, y: 0 } }, ['140.0°'], false, () => 50);
    const above = layoutPlate({ x: 100, y: 100 }, { type: 'away', direction: { x: 0, y: -1 } }, ['a', 'b'], false, () => 50);
    if (!right || !above) throw new Error('plates');
    expect(right.x).toBe(100);
    expect(Math.abs(right.y + right.height / 2 - 100)).toBeLessThanOrEqual(1);
    expect(above.y + above.height).toBe(100);
    expect(above.lines.map((l) => l.bold)).toEqual([false, true]);
  });

  it('stay inside the viewport while their anchor is on screen, and vanish when it is not', () => {
    const viewport = { width: 800, height: 600 };
    const plate = layoutPlate({ x: 795, y: 5 }, { type: 'away', direction: { x: 0.6, y: -0.8 } }, ['a long label'], false, estimateTextWidth, viewport);
    if (!plate) throw new Error('plate');
    expect(plate.x + plate.width).toBeLessThanOrEqual(798);
    expect(plate.y).toBeGreaterThanOrEqual(2);
    expect(layoutPlate({ x: 900, y: 5 }, { type: 'away', direction: { x: 1, y: 0 } }, ['x'], false, estimateTextWidth, viewport)).toBeNull();
    // Notes are pinned where the user put them: cut off by the edge, never moved or hidden.
    const note = layoutPlate({ x: -30, y: 10 }, { type: 'top-left' }, ['note'], true, estimateTextWidth, viewport);
    expect(note?.x).toBe(-30);
  });

  it('notes start at their anchor and are not bold', () => {
    const note = layoutPlate({ x: 10, y: 20 }, { type: 'top-left' }, ['x', 'y'], true, () => 10);
    expect([note?.x, note?.y]).toEqual([10, 20]);
    expect(note?.lines.every((l) => !l.bold)).toBe(true);
  });
});

describe('loupe geometry', () => {
  it('magnifies the view, capped unless the view is already further in', () => {
    expect(loupeScale(0.5)).toBe(2);
    expect(loupeScale(5)).toBe(12);
    expect(loupeScale(20)).toBe(30);
  });

  it('sits above-left of the pointer and flips at the edges', () => {
    expect(loupePosition({ x: 500, y: 400 }, { width: 1000, height: 800 }, 160, 20)).toEqual({ x: 320, y: 220 });
    expect(loupePosition({ x: 50, y: 50 }, { width: 1000, height: 800 }, 160, 20)).toEqual({ x: 70, y: 70 });
    expect(loupePosition({ x: 990, y: 50 }, { width: 1000, height: 800 }, 160, 20)).toEqual({ x: 810, y: 70 });
  });

  it('does not cover the value plate of the shape being drawn', () => {
    const plate = { x: 380, y: 300, width: 90, height: 36 };
    expect(loupePosition({ x: 500, y: 400 }, { width: 1000, height: 800 }, 160, 20, [plate])).toEqual({ x: 520, y: 220 });
    const everywhere = { x: 0, y: 0, width: 1000, height: 800 };
    expect(loupePosition({ x: 500, y: 400 }, { width: 1000, height: 800 }, 160, 20, [everywhere])).toEqual({ x: 320, y: 220 });
  });

  it('centres the active point and crops the (preview) bitmap to what is visible', () => {
    const t = loupeTransform({ x: 960, y: 540 }, 160, 4);
    expect(screenToImage(t, { x: 80, y: 80 })).toEqual({ x: 960, y: 540 });
    const crop = loupeImageCrop(t, 160, { width: 1920, height: 1080 }, { width: 960, height: 540 });
    expect(crop?.crop).toEqual({ x: 470, y: 260, width: 20, height: 20 });
    expect(crop?.dest).toEqual({ x: 0, y: 0, width: 160, height: 160 });
    const corner = loupeImageCrop(loupeTransform({ x: 0, y: 0 }, 160, 4), 160, { width: 1920, height: 1080 }, { width: 1920, height: 1080 });
    expect(corner?.dest).toEqual({ x: 80, y: 80, width: 80, height: 80 });
    expect(loupeImageCrop(loupeTransform({ x: -500, y: 0 }, 160, 4), 160, { width: 100, height: 100 }, { width: 100, height: 100 })).toBeNull();
  });
});

describe('render model', () => {
  const settings = { transform: { scale: 1, x: 0, y: 0 }, convention: 'interior' as const, language: 'en' as const, cmPerPx: null };

  it('renders a stored annotation with its measurement and handles', () => {
    const r = renderAnnotation(annotation('k', 0, knee, 'knee-midstance-right'), settings);
    expect(r.measurement?.preset?.key).toBe('knee-midstance-right');
    expect(r.handles).toHaveLength(3);
    expect(r.primitives.some((p) => p.type === 'label' && p.lines[0] === 'Knee midstance R')).toBe(true);
  });

  it('an edit keeps the annotation label and style; an unfinished shape draws its points', () => {
    const edited = renderPreview(
      { geometry: knee, points: knee.points, activeIndex: 2 },
      { label: 'knee-midstance-left', style: { color: '#00E5FF', strokeWidth: 3 } },
      settings,
    );
    expect(edited.style.color).toBe('#00E5FF');
    expect(edited.measurement?.preset?.key).toBe('knee-midstance-left');
    const partial = renderPreview(
      { geometry: null, points: [{ x: 0, y: 0 }, { x: 5, y: 5 }], activeIndex: 1 },
      null,
      settings,
    );
    expect(partial.primitives).toEqual([{ type: 'path', role: 'main', points: [{ x: 0, y: 0 }, { x: 5, y: 5 }] }]);
    expect(partial.style.color).toBe('#FFD400');
  });
});
