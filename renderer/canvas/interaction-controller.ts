import { hitTestAnnotations, DEFAULT_HIT_OPTIONS, type HitPart } from '../../common/geometry/hit-test.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import { screenToImage } from '../../common/geometry/view-transform.ts';
import { initialToolState, isToolBusy, stepTool, toolInfo, type ToolState } from '../tools/registry.ts';
import type { ToolContext, ToolEffect, ToolEvent, ToolId } from '../tools/types.ts';

/**
 * Turns raw pointer input on the canvas into either a pan of the view (middle button, or left button while the
 * pan key — Space — is held) or an event for the active tool. Pure, so the canvas component stays thin.
 */
export interface RawPointer {
  readonly type: 'down' | 'move' | 'up' | 'cancel';
  /** Stage-relative CSS px. */
  readonly screen: Vec2;
  readonly button: number;
  readonly shift: boolean;
}

export interface ControllerState {
  readonly tool: ToolState;
  readonly toolId: ToolId;
  /** Last pointer position while panning. */
  readonly panFrom: Vec2 | null;
  /** Last known pointer position over the canvas, for re-aiming the tool after a zoom. */
  readonly pointer: Vec2 | null;
  readonly shift: boolean;
}

export function initialController(toolId: ToolId): ControllerState {
  return { tool: initialToolState(toolId), toolId, panFrom: null, pointer: null, shift: false };
}

export interface ControllerResult {
  readonly state: ControllerState;
  readonly effects: readonly ToolEffect[];
  /** Screen px to move the view by. */
  readonly pan: Vec2 | null;
}

const MIDDLE_BUTTON = 1;

function toToolEvent(raw: RawPointer, context: ToolContext): ToolEvent {
  const image = screenToImage(context.transform, raw.screen);
  switch (raw.type) {
    case 'down':
      return { type: 'pointer-down', image, screen: raw.screen, shift: raw.shift, button: raw.button };
    case 'move':
      return { type: 'pointer-move', image, screen: raw.screen, shift: raw.shift };
    case 'up':
      return { type: 'pointer-up', image, screen: raw.screen, shift: raw.shift };
    case 'cancel':
      return { type: 'cancel' };
  }
}

export function handlePointer(
  state: ControllerState,
  raw: RawPointer,
  context: ToolContext,
  panKeyHeld: boolean,
): ControllerResult {
  const base = { ...state, pointer: raw.screen, shift: raw.shift };
  if (state.panFrom) {
    if (raw.type === 'move') {
      return { state: { ...base, panFrom: raw.screen }, effects: [], pan: { x: raw.screen.x - state.panFrom.x, y: raw.screen.y - state.panFrom.y } };
    }
    if (raw.type === 'up' || raw.type === 'cancel') return { state: { ...base, panFrom: null }, effects: [], pan: null };
    return { state: base, effects: [], pan: null };
  }
  if (raw.type === 'down' && (raw.button === MIDDLE_BUTTON || (raw.button === 0 && panKeyHeld))) {
    return { state: { ...base, panFrom: raw.screen }, effects: [], pan: null };
  }
  const step = stepTool(state.toolId, state.tool, toToolEvent(raw, context), context);
  return { state: { ...base, tool: step.state }, effects: step.effects, pan: null };
}

/** Esc or a frame change: abandon the tool's gesture. Reports whether there was one. */
export function cancelTool(state: ControllerState, context: ToolContext): { state: ControllerState; cancelled: boolean } {
  if (!isToolBusy(state.tool)) return { state, cancelled: false };
  return { state: { ...state, tool: stepTool(state.toolId, state.tool, { type: 'cancel' }, context).state }, cancelled: true };
}

/** A new active tool starts from its idle state (whatever the old one was doing is abandoned). */
export function switchTool(state: ControllerState, toolId: ToolId): ControllerState {
  return state.toolId === toolId ? state : { ...state, toolId, tool: initialToolState(toolId) };
}

/**
 * After the view zoomed or panned under a still pointer, the point being placed must follow the pointer's new
 * image position: replay a move at the last pointer position.
 */
export function reaimAfterViewChange(state: ControllerState, context: ToolContext): ControllerResult {
  if (!state.pointer || !isToolBusy(state.tool) || state.panFrom) return { state, effects: [], pan: null };
  return handlePointer(state, { type: 'move', screen: state.pointer, button: 0, shift: state.shift }, context, false);
}

/** What lies under the pointer for the select tool's hover feedback. */
export function hoverTarget(context: ToolContext, screen: Vec2): { id: string; target: HitPart } | null {
  const hit = hitTestAnnotations(context.annotations, screen, context.transform, context.hitOptions ?? DEFAULT_HIT_OPTIONS, context.selectedId);
  return hit ? { id: hit.id, target: hit.target } : null;
}

export function cursorFor(
  state: ControllerState,
  hover: { target: HitPart } | null,
  panKeyHeld: boolean,
): string {
  if (state.panFrom) return 'grabbing';
  if (panKeyHeld) return 'grab';
  if (state.toolId === 'select') {
    if (state.tool.mode === 'select' && state.tool.phase === 'dragging-handle') return 'none';
    if (state.tool.mode === 'select' && state.tool.phase === 'moving') return 'move';
    if (hover?.target.part === 'handle') return 'crosshair';
    if (hover?.target.part === 'body') return 'move';
    return 'default';
  }
  return toolInfo(state.toolId).cursor;
}
