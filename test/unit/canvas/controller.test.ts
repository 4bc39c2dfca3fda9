import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { imageToScreen } from '../../../common/geometry/view-transform.ts';
import {
  cancelTool,
  cursorFor,
  handlePointer,
  initialController,
  reaimAfterViewChange,
  switchTool,
  type ControllerState,
  type RawPointer,
} from '../../../renderer/canvas/interaction-controller.ts';
import { INITIAL_VIEW, viewReducer } from '../../../renderer/canvas/view-state.ts';
import type { ToolContext, ToolEffect } from '../../../renderer/tools/types.ts';
import { context } from '../tools/helpers.ts';

function feed(state: ControllerState, raws: RawPointer[], ctx: ToolContext, panKey = false) {
  const effects: ToolEffect[] = [];
  const pans: { x: number; y: number }[] = [];
  for (const raw of raws) {
    const r = handlePointer(state, raw, ctx, panKey);
    state = r.state;
    effects.push(...r.effects);
    if (r.pan) pans.push(r.pan);
  }
  return { state, effects, pans };
}

const raw = (type: RawPointer['type'], x: number, y: number, button = 0, shift = false): RawPointer => ({ type, screen: { x, y }, button, shift });

describe('interaction controller', () => {
  it('converts screen to image with the view transform before the tool sees it', () => {
    const ctx = context({ transform: { scale: 2, x: 100, y: 50 } });
    const { effects } = feed(initialController('line'), [raw('down', 100, 50), raw('move', 300, 50), raw('up', 300, 50)], ctx);
    expect(effects).toEqual([{ type: 'create', geometry: { kind: 'line', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }] }, followUp: 'none' }]);
  });

  it('middle-button drag pans and never reaches the tool', () => {
    const { effects, pans, state } = feed(initialController('line'), [raw('down', 10, 10, 1), raw('move', 30, 15, 1), raw('move', 40, 25, 1), raw('up', 40, 25, 1)], context());
    expect(effects).toEqual([]);
    expect(pans).toEqual([{ x: 20, y: 5 }, { x: 10, y: 10 }]);
    expect(state.panFrom).toBeNull();
    expect(state.tool.phase).toBe('idle');
  });

  it('Space + left drag pans; cursor says so', () => {
    const start = initialController('goniometer');
    expect(cursorFor(start, null, true)).toBe('grab');
    const { pans, state } = feed(start, [raw('down', 0, 0), raw('move', 5, 0)], context(), true);
    expect(pans).toEqual([{ x: 5, y: 0 }]);
    expect(cursorFor(state, null, true)).toBe('grabbing');
  });

  it('a pan in the middle of placing keeps the shape; re-aim puts the live point back under the pointer', () => {
    let state = feed(initialController('goniometer'), [raw('down', 100, 100), raw('up', 100, 100), raw('move', 150, 100)], context()).state;
    // The view zooms 2× about the origin; the pointer has not moved on screen.
    const zoomed = context({ transform: { scale: 2, x: 0, y: 0 } });
    state = reaimAfterViewChange(state, zoomed).state;
    expect(state.tool.mode === 'placement' && state.tool.live).toEqual({ x: 75, y: 50 });
    expect(state.tool.mode === 'placement' && state.tool.placed).toEqual([{ x: 100, y: 100 }]);
  });

  it('cancel reports whether there was something to cancel; switching tools starts idle', () => {
    const ctx = context();
    const idle = initialController('goniometer');
    expect(cancelTool(idle, ctx).cancelled).toBe(false);
    const busy = feed(idle, [raw('down', 1, 1), raw('up', 1, 1)], ctx).state;
    const cancelled = cancelTool(busy, ctx);
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.state.tool.phase).toBe('idle');
    const switched = switchTool(busy, 'select');
    expect(switched.tool).toEqual({ mode: 'select', phase: 'idle' });
    expect(switchTool(busy, 'goniometer')).toBe(busy);
  });

  it('select tool cursor follows what is under the pointer', () => {
    const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }] };
    const ctx = context({ annotations: [{ id: 'l', geometry: line }] });
    const state = initialController('select');
    expect(cursorFor(state, { target: { part: 'handle', index: 0 } }, false)).toBe('crosshair');
    expect(cursorFor(state, { target: { part: 'body' } }, false)).toBe('move');
    expect(cursorFor(state, null, false)).toBe('default');
    const dragging = feed(state, [raw('down', 0, 0), raw('move', 10, 10)], ctx).state;
    expect(cursorFor(dragging, null, false)).toBe('none');
    expect(cursorFor(initialController('text'), null, false)).toBe('text');
  });
});

describe('view reducer', () => {
  const image = { width: 1920, height: 1080 };
  const viewport = { width: 960, height: 600 };

  it('starts fitted and stays fitted through resizes until the user zooms', () => {
    let s = viewReducer(INITIAL_VIEW, { type: 'resize', image, viewport });
    expect(s.fitted).toBe(true);
    expect(s.transform.scale).toBeCloseTo((960 - 24) / 1920, 9);
    s = viewReducer(s, { type: 'resize', image, viewport: { width: 1920, height: 1200 } });
    expect(s.transform.scale).toBeCloseTo((1920 - 24) / 1920, 9);
    s = viewReducer(s, { type: 'zoom-at', anchor: { x: 100, y: 100 }, factor: 2 });
    expect(s.fitted).toBe(false);
    const zoomedScale = s.transform.scale;
    s = viewReducer(s, { type: 'resize', image, viewport });
    expect(s.transform.scale).toBe(zoomedScale);
    s = viewReducer(s, { type: 'fit' });
    expect(s.fitted).toBe(true);
    expect(s.transform.scale).toBeCloseTo((960 - 24) / 1920, 9);
  });

  it('4× zoom then a pan keeps image points where the transform says', () => {
    let s = viewReducer(INITIAL_VIEW, { type: 'resize', image, viewport });
    const target = { x: 700, y: 400 };
    const before = imageToScreen(s.transform, target);
    s = viewReducer(s, { type: 'zoom-at', anchor: before, factor: 4 });
    const after = imageToScreen(s.transform, target);
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.y).toBeCloseTo(before.y, 6);
    s = viewReducer(s, { type: 'pan', dx: -50, dy: 20 });
    const panned = imageToScreen(s.transform, target);
    expect(panned.x).toBeCloseTo(before.x - 50, 6);
    expect(panned.y).toBeCloseTo(before.y + 20, 6);
  });

  it('a pan cannot lose the frame; 100 % uses the device pixel ratio', () => {
    let s = viewReducer(INITIAL_VIEW, { type: 'resize', image, viewport });
    s = viewReducer(s, { type: 'pan', dx: 100_000, dy: 0 });
    expect(s.transform.x).toBeLessThanOrEqual(viewport.width - 48);
    s = viewReducer(s, { type: 'actual-size', devicePixelRatio: 2 });
    expect(s.transform.scale).toBe(0.5);
    expect(s.fitted).toBe(false);
  });
});
