import { describe, expect, it } from 'vitest';
import { POINT_COUNT } from '../../../common/geometry/points.ts';
import { DRAWING_TOOLS, initialToolState, isToolBusy, previewTool, stepTool, TOOL_IDS, toolInfo } from '../../../renderer/tools/registry.ts';
import { at, click, context } from './helpers.ts';

describe('tool registry', () => {
  it('has one drawing tool per annotation kind, with the right number of points', () => {
    for (const [kind, tool] of Object.entries(DRAWING_TOOLS)) {
      expect(tool.id).toBe(kind);
      expect(tool.spec.pointCount).toBe(POINT_COUNT[tool.id]);
      expect(toolInfo(tool.id).name.nl.length).toBeGreaterThan(0);
    }
    expect(TOOL_IDS[0]).toBe('select');
    expect(new Set(TOOL_IDS).size).toBe(TOOL_IDS.length);
  });

  it('steps the active tool; a foreign state counts as idle', () => {
    const ctx = context();
    let state = initialToolState('goniometer');
    for (const event of click(0, 0)) state = stepTool('goniometer', state, event, ctx).state;
    expect(isToolBusy(state)).toBe(true);
    expect(previewTool('select', state, ctx)).toBeNull();
    const selectStep = stepTool('select', state, at('pointer-down', 10, 10), ctx);
    expect(selectStep.state.mode).toBe('select');
    expect(selectStep.effects).toEqual([]);
  });
});
