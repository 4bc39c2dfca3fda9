import { describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { selectMachine, type SelectState } from '../../../renderer/tools/select/interaction.ts';
import type { ToolContext, ToolEffect, ToolEvent } from '../../../renderer/tools/types.ts';
import { at, context, gonio } from './helpers.ts';

const knee = gonio([
  [100, 0],
  [100, 100],
  [200, 150],
]);
const line: AnnotationGeometry = { kind: 'line', points: [{ x: 0, y: 300 }, { x: 400, y: 300 }] };
const annotations = [
  { id: 'knee', geometry: knee },
  { id: 'line', geometry: line },
];

function run(events: readonly ToolEvent[], ctx: ToolContext = context({ annotations })) {
  let state: SelectState = selectMachine.initial;
  const effects: ToolEffect[] = [];
  for (const event of events) {
    const result = selectMachine.step(state, event, ctx);
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects, preview: selectMachine.preview(state, ctx) };
}

describe('select tool', () => {
  it('a click on a line selects it without changing anything', () => {
    const { effects, state } = run([at('pointer-down', 200, 302), at('pointer-up', 200, 302)]);
    expect(effects).toEqual([{ type: 'select', id: 'line' }]);
    expect(state.phase).toBe('idle');
  });

  it('a click on empty space deselects, but only if something was selected', () => {
    expect(run([at('pointer-down', 600, 600)], context({ annotations, selectedId: 'knee' })).effects).toEqual([{ type: 'select', id: null }]);
    expect(run([at('pointer-down', 600, 600)]).effects).toEqual([]);
  });

  it('dragging a handle moves that point only and commits one change on release', () => {
    const { effects } = run([at('pointer-down', 200, 150), at('pointer-move', 210, 160), at('pointer-move', 230, 170), at('pointer-up', 230, 170)]);
    expect(effects).toEqual([
      { type: 'select', id: 'knee' },
      { type: 'change', id: 'knee', geometry: gonio([[100, 0], [100, 100], [230, 170]]) },
    ]);
  });

  it('keeps the grab offset: a handle grabbed off-centre does not jump to the pointer', () => {
    const { preview } = run([at('pointer-down', 203, 152), at('pointer-move', 213, 162)]);
    expect(preview?.replacesId).toBe('knee');
    expect(preview?.activePoint).toEqual({ x: 210, y: 160 });
    expect(preview?.activeIndex).toBe(2);
  });

  it('dragging the body moves the whole annotation; Shift keeps it on one axis', () => {
    const { effects } = run([at('pointer-down', 200, 300), at('pointer-move', 250, 310, { shift: true }), at('pointer-up', 250, 310, { shift: true })]);
    expect(effects[1]).toEqual({ type: 'change', id: 'line', geometry: { kind: 'line', points: [{ x: 50, y: 300 }, { x: 450, y: 300 }] } });
  });

  it('Shift while dragging a goniometer arm snaps it around the vertex', () => {
    const { effects } = run([at('pointer-down', 200, 150), at('pointer-move', 180, 104, { shift: true }), at('pointer-up', 180, 104, { shift: true })]);
    const change = effects.find((e) => e.type === 'change');
    if (change?.type !== 'change') throw new Error('expected change');
    expect(change.geometry.points[2]).toEqual({ x: 180, y: 100 });
  });

  it('cancel during a drag puts everything back; nothing is committed', () => {
    const { effects, state, preview } = run([at('pointer-down', 200, 150), at('pointer-move', 260, 190), { type: 'cancel' }, at('pointer-up', 260, 190)]);
    expect(effects).toEqual([{ type: 'select', id: 'knee' }]);
    expect(state.phase).toBe('idle');
    expect(preview).toBeNull();
  });

  it('a drag that ends where it began commits nothing', () => {
    const { effects } = run([at('pointer-down', 200, 300), at('pointer-move', 260, 300), at('pointer-up', 200, 300)]);
    expect(effects).toEqual([{ type: 'select', id: 'line' }]);
  });

  it('handles of the selected annotation win over a body underneath', () => {
    const crossing: AnnotationGeometry = { kind: 'line', points: [{ x: 150, y: 150 }, { x: 250, y: 150 }] };
    const ctx = context({ annotations: [{ id: 'knee', geometry: knee }, { id: 'top', geometry: crossing }], selectedId: 'knee' });
    const { state } = run([at('pointer-down', 199, 150)], ctx);
    expect(state.phase === 'pressed' && state.id).toBe('knee');
    expect(state.phase === 'pressed' && state.target).toEqual({ part: 'handle', index: 2 });
  });

  it('movement below the drag threshold is still a click', () => {
    const { state, effects } = run([at('pointer-down', 200, 300), at('pointer-move', 202, 301), at('pointer-up', 202, 301)]);
    expect(state.phase).toBe('idle');
    expect(effects).toEqual([{ type: 'select', id: 'line' }]);
  });
});
