import { describe, expect, it } from 'vitest';
import { angleAtVertex } from '../../../common/geometry/angle.ts';
import type { PlacementState } from '../../../renderer/tools/placement.ts';
import { DRAWING_TOOLS } from '../../../renderer/tools/registry.ts';
import type { DrawingToolId, ToolContext, ToolEffect, ToolEvent } from '../../../renderer/tools/types.ts';
import { at, click, context, drag } from './helpers.ts';

function run(tool: DrawingToolId, events: readonly ToolEvent[], ctx: ToolContext = context()) {
  const machine = DRAWING_TOOLS[tool].machine;
  let state: PlacementState = machine.initial;
  const effects: ToolEffect[] = [];
  const phases: string[] = [];
  for (const event of events) {
    const result = machine.step(state, event, ctx);
    state = result.state;
    effects.push(...result.effects);
    phases.push(state.phase);
  }
  return { state, effects, phases, preview: machine.preview(state, ctx), busy: machine.isBusy(state) };
}

describe('goniometer placement', () => {
  it('click, click, click creates arm end – vertex – arm end', () => {
    const { effects, state, phases } = run('goniometer', [...click(100, 50), ...click(100, 200), ...click(200, 260)]);
    expect(effects).toEqual([
      { type: 'create', geometry: { kind: 'goniometer', points: [{ x: 100, y: 50 }, { x: 100, y: 200 }, { x: 200, y: 260 }] }, followUp: 'none' },
    ]);
    expect(state.phase).toBe('idle');
    expect(phases).toEqual(['pointing', 'placing', 'pointing', 'placing', 'pointing', 'idle']);
  });

  it('press-drag-release draws the first arm, a click adds the third point', () => {
    const { effects } = run('goniometer', [...drag([10, 10], [10, 110]), at('pointer-move', 90, 150), ...click(90, 150)]);
    expect(effects).toHaveLength(1);
    const created = effects[0];
    if (created?.type !== 'create') throw new Error('expected create');
    expect(created.geometry.points).toEqual([{ x: 10, y: 10 }, { x: 10, y: 110 }, { x: 90, y: 150 }]);
  });

  it('shows a live preview with the angle while the last point follows the pointer', () => {
    const { preview, busy } = run('goniometer', [...click(0, 0), ...click(0, 100), at('pointer-move', 100, 100)]);
    expect(busy).toBe(true);
    expect(preview?.geometry?.kind).toBe('goniometer');
    const g = preview?.geometry;
    if (g?.kind !== 'goniometer') throw new Error('preview');
    expect(angleAtVertex(g.points[0], g.points[1], g.points[2])).toBeCloseTo(90, 9);
    expect(preview?.activePoint).toEqual({ x: 100, y: 100 });
    expect(preview?.activeIndex).toBe(2);
  });

  it('an incomplete shape previews its points only', () => {
    const { preview } = run('goniometer', [...click(0, 0), at('pointer-move', 30, 40)]);
    expect(preview?.geometry).toBeNull();
    expect(preview?.points).toEqual([{ x: 0, y: 0 }, { x: 30, y: 40 }]);
  });

  it('cancel abandons the shape at any point', () => {
    const { effects, state, preview } = run('goniometer', [...click(0, 0), ...click(0, 100), { type: 'cancel' }]);
    expect(effects).toEqual([]);
    expect(state.phase).toBe('idle');
    expect(preview).toBeNull();
  });

  it('a double click on the same spot does not make a zero-length arm', () => {
    const { effects, state } = run('goniometer', [...click(50, 50), ...click(51, 50)]);
    expect(effects).toEqual([]);
    expect(state.placed).toEqual([{ x: 50, y: 50 }]);
    expect(state.phase).toBe('placing');
  });

  it('separation is judged on screen: 1 image px apart at 8× zoom is a real point', () => {
    const transform = { scale: 8, x: 0, y: 0 };
    const ctx = context({ transform });
    const { state } = run('goniometer', [...click(50, 50, { transform }), ...click(51, 50, { transform })], ctx);
    expect(state.placed).toEqual([{ x: 50, y: 50 }, { x: 51, y: 50 }]);
  });

  it('ignores the middle and right buttons (pan, context menu)', () => {
    const { state } = run('goniometer', [at('pointer-down', 5, 5, { button: 1 }), at('pointer-up', 5, 5)]);
    expect(state.phase).toBe('idle');
  });

  it('small hand tremor while pressing does not move the point', () => {
    const { state } = run('goniometer', [...click(0, 0), at('pointer-down', 100, 100), at('pointer-move', 102, 101)]);
    expect(state.phase).toBe('pointing');
    expect(state.live).toEqual({ x: 100, y: 100 });
  });

  it('a later press can be dragged to fine-tune the point before release', () => {
    const { state } = run('goniometer', [...click(0, 0), at('pointer-down', 100, 100), at('pointer-move', 120, 90), at('pointer-up', 121, 91)]);
    expect(state.placed).toEqual([{ x: 0, y: 0 }, { x: 121, y: 91 }]);
  });
});

describe('two-point tools', () => {
  it('line: press-drag-release creates it in one gesture', () => {
    const { effects, phases } = run('line', drag([0, 0], [300, 40]));
    expect(phases).toEqual(['pointing', 'dragging', 'dragging', 'idle']);
    expect(effects).toEqual([{ type: 'create', geometry: { kind: 'line', points: [{ x: 0, y: 0 }, { x: 300, y: 40 }] }, followUp: 'none' }]);
  });

  it('Shift snaps the second point to 15° steps from the first', () => {
    const { effects } = run('angle-vertical', [...click(100, 100), at('pointer-move', 104, 300, { shift: true }), ...click(104, 300, { shift: true })]);
    const created = effects[0];
    if (created?.type !== 'create') throw new Error('expected create');
    expect(created.geometry.points[1]).toEqual({ x: 100, y: 300 });
  });

  it('ruler starts with the default real length and asks for the real one', () => {
    const { effects } = run('ruler', drag([0, 0], [200, 0]), context({ defaultRulerLengthCm: 50 }));
    expect(effects).toEqual([
      { type: 'create', geometry: { kind: 'ruler', points: [{ x: 0, y: 0 }, { x: 200, y: 0 }], realLengthCm: 50 }, followUp: 'edit-real-length' },
    ]);
  });

  it('angle to horizontal keeps the first point as its base', () => {
    const { effects } = run('angle-horizontal', [...click(10, 500), ...click(60, 200)]);
    const created = effects[0];
    if (created?.type !== 'create') throw new Error('expected create');
    expect(created.geometry).toEqual({ kind: 'angle-horizontal', points: [{ x: 10, y: 500 }, { x: 60, y: 200 }] });
  });
});

describe('single-point tools', () => {
  it('marker: a click places it', () => {
    const { effects } = run('marker', click(40, 41));
    expect(effects).toEqual([{ type: 'create', geometry: { kind: 'marker', points: [{ x: 40, y: 41 }] }, followUp: 'none' }]);
  });

  it('marker: press and drag fine-tunes with the loupe before the release places it', () => {
    const events = [at('pointer-down', 40, 40), at('pointer-move', 48, 44)];
    const during = run('marker', events);
    expect(during.preview?.activePoint).toEqual({ x: 48, y: 44 });
    expect(during.preview?.geometry).toEqual({ kind: 'marker', points: [{ x: 48, y: 44 }] });
    const { effects } = run('marker', [...events, at('pointer-up', 49, 45)]);
    expect(effects).toEqual([{ type: 'create', geometry: { kind: 'marker', points: [{ x: 49, y: 45 }] }, followUp: 'none' }]);
  });

  it('text: a click pins an empty note and asks for its text', () => {
    const { effects } = run('text', click(5, 6));
    expect(effects).toEqual([{ type: 'create', geometry: { kind: 'text', points: [{ x: 5, y: 6 }], text: '' }, followUp: 'edit-text' }]);
  });
});
