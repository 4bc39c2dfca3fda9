import { describe, expect, it } from 'vitest';
import {
  actualSizeTransform,
  constrainPan,
  fitTransform,
  imageToScreen,
  needsFullResolution,
  panBy,
  screenToImage,
  visibleImageRect,
  wheelZoomFactor,
  zoomAt,
  zoomPercent,
  DEFAULT_ZOOM_LIMITS,
} from '../../../common/geometry/view-transform.ts';

describe('view transform', () => {
  const t = { scale: 2, x: 100, y: -50 };

  it('maps image to screen and back', () => {
    expect(imageToScreen(t, { x: 10, y: 20 })).toEqual({ x: 120, y: -10 });
    expect(screenToImage(t, { x: 120, y: -10 })).toEqual({ x: 10, y: 20 });
  });

  it('zooms towards the cursor: the image point under the cursor stays put', () => {
    const cursor = { x: 333, y: 210 };
    const before = screenToImage(t, cursor);
    const zoomed = zoomAt(t, cursor, 4);
    expect(zoomed.scale).toBe(8);
    const after = screenToImage(zoomed, cursor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('clamps zoom to the limits and still keeps the anchor fixed', () => {
    const cursor = { x: 40, y: 40 };
    const zoomed = zoomAt(t, cursor, 1e6);
    expect(zoomed.scale).toBe(DEFAULT_ZOOM_LIMITS.maxScale);
    expect(screenToImage(zoomed, cursor).x).toBeCloseTo(screenToImage(t, cursor).x, 9);
  });

  it('fits a 1920×1080 frame into a 1000×1000 viewport, centred', () => {
    const fit = fitTransform({ width: 1920, height: 1080 }, { width: 1000, height: 1000 });
    expect(fit.scale).toBeCloseTo(1000 / 1920, 12);
    expect(fit.x).toBeCloseTo(0, 9);
    expect(imageToScreen(fit, { x: 960, y: 540 })).toEqual({ x: 500, y: 500 });
  });

  it('fit respects padding and a portrait frame', () => {
    const fit = fitTransform({ width: 1080, height: 1920 }, { width: 800, height: 600 }, 20);
    expect(fit.scale).toBeCloseTo(560 / 1920, 12);
    expect(imageToScreen(fit, { x: 0, y: 0 }).y).toBeCloseTo(20, 9);
  });

  it('100 % means one source pixel per device pixel, around the viewport centre', () => {
    const viewport = { width: 800, height: 600 };
    const start = fitTransform({ width: 3840, height: 2160 }, viewport);
    const centreImage = screenToImage(start, { x: 400, y: 300 });
    const actual = actualSizeTransform(start, viewport, 2);
    expect(actual.scale).toBe(0.5);
    expect(zoomPercent(actual, 2)).toBe(100);
    const after = screenToImage(actual, { x: 400, y: 300 });
    expect(after.x).toBeCloseTo(centreImage.x, 9);
    expect(after.y).toBeCloseTo(centreImage.y, 9);
  });

  it('wheel zoom is symmetric: one notch in and one out returns to the start', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1, 12);
    expect(wheelZoomFactor(3, 1)).toBeCloseTo(wheelZoomFactor(48, 0), 12);
    expect(wheelZoomFactor(1e9)).toBeCloseTo(wheelZoomFactor(300), 12);
  });

  it('visible rect and pan constraint', () => {
    const rect = visibleImageRect({ scale: 0.5, x: -100, y: 0 }, { width: 400, height: 300 });
    expect(rect).toEqual({ x: 200, y: 0, width: 800, height: 600 });
    const image = { width: 1000, height: 500 };
    const viewport = { width: 400, height: 300 };
    const lost = constrainPan(panBy({ scale: 1, x: 0, y: 0 }, -5000, 5000), image, viewport);
    expect(lost.x).toBe(48 - 1000);
    expect(lost.y).toBe(300 - 48);
  });

  it('asks for full-resolution frames only when the preview would be enlarged', () => {
    expect(needsFullResolution({ scale: 0.25, x: 0, y: 0 }, 3840, 960)).toBe(false);
    expect(needsFullResolution({ scale: 0.3, x: 0, y: 0 }, 3840, 960)).toBe(true);
    expect(needsFullResolution({ scale: 0.25, x: 0, y: 0 }, 3840, 960, 2)).toBe(true);
  });
});
