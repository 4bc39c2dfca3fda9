import { createPlacementMachine, type PlacementSpec, type PlacementState } from './placement.ts';
import type { DrawingToolId, Localized, ToolMachine } from './types.ts';

/** A tool that creates one kind of annotation by placing its points. */
export interface DrawingTool {
  readonly id: DrawingToolId;
  readonly name: Localized;
  /** One line for the status bar: what to click. */
  readonly hint: Localized;
  readonly cursor: string;
  readonly spec: PlacementSpec;
  readonly machine: ToolMachine<PlacementState>;
}

export function defineDrawingTool(tool: Omit<DrawingTool, 'machine' | 'id'>): DrawingTool {
  return { ...tool, id: tool.spec.kind, machine: createPlacementMachine(tool.spec) };
}

export function pointAt<T>(points: readonly T[], index: number): T {
  const p = points[index];
  if (p === undefined) throw new RangeError(`point ${index} missing (have ${points.length})`);
  return p;
}

/** The i-th placed point as a plain stored point. */
export function storedPoint(points: readonly { readonly x: number; readonly y: number }[], index: number): { x: number; y: number } {
  const p = pointAt(points, index);
  return { x: p.x, y: p.y };
}
