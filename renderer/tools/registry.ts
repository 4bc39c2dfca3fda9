import { angleHorizontalTool } from './angle-horizontal/interaction.ts';
import { angleVerticalTool } from './angle-vertical/interaction.ts';
import type { DrawingTool } from './drawing-tool.ts';
import { goniometerTool } from './goniometer/interaction.ts';
import { lineTool } from './line/interaction.ts';
import { markerTool } from './marker/interaction.ts';
import type { PlacementState } from './placement.ts';
import { rulerTool } from './ruler/interaction.ts';
import { selectTool, type SelectState } from './select/interaction.ts';
import { textTool } from './text/interaction.ts';
import type { DrawingToolId, Localized, ToolContext, ToolEvent, ToolId, ToolPreview, ToolStep } from './types.ts';

export const DRAWING_TOOLS: Readonly<Record<DrawingToolId, DrawingTool>> = {
  goniometer: goniometerTool,
  'angle-horizontal': angleHorizontalTool,
  'angle-vertical': angleVerticalTool,
  line: lineTool,
  ruler: rulerTool,
  marker: markerTool,
  text: textTool,
};

/** Toolbar order. */
export const TOOL_IDS: readonly ToolId[] = [
  'select',
  'goniometer',
  'angle-horizontal',
  'angle-vertical',
  'line',
  'ruler',
  'marker',
  'text',
];

export function toolInfo(id: ToolId): { readonly name: Localized; readonly hint: Localized; readonly cursor: string } {
  return id === 'select' ? selectTool : DRAWING_TOOLS[id];
}

/** The state of whichever tool is active; a state from another tool is treated as that tool's idle state. */
export type ToolState = PlacementState | SelectState;

export function initialToolState(id: ToolId): ToolState {
  return id === 'select' ? selectTool.machine.initial : DRAWING_TOOLS[id].machine.initial;
}

export function stepTool(id: ToolId, state: ToolState, event: ToolEvent, context: ToolContext): ToolStep<ToolState> {
  if (id === 'select') {
    const own = state.mode === 'select' ? state : selectTool.machine.initial;
    return selectTool.machine.step(own, event, context);
  }
  const machine = DRAWING_TOOLS[id].machine;
  return machine.step(state.mode === 'placement' ? state : machine.initial, event, context);
}

export function previewTool(id: ToolId, state: ToolState, context: ToolContext): ToolPreview | null {
  if (id === 'select') return state.mode === 'select' ? selectTool.machine.preview(state, context) : null;
  return state.mode === 'placement' ? DRAWING_TOOLS[id].machine.preview(state, context) : null;
}

export function isToolBusy(state: ToolState): boolean {
  return state.phase !== 'idle';
}
