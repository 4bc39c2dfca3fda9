import type { AnnotationGeometry, AnnotationKind } from '../../common/contract/annotation.ts';
import type { HitTestOptions } from '../../common/geometry/hit-test.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import type { ViewTransform } from '../../common/geometry/view-transform.ts';

/**
 * Tool interaction as pure state machines: (state, event, context) → (state, effects). The canvas feeds them
 * pointer events already converted to image and screen coordinates; effects go to the lead's callbacks
 * (create / change / select). Nothing here touches the DOM, Konva or the API.
 */

export type DrawingToolId = AnnotationKind;
export type ToolId = 'select' | DrawingToolId;

export interface PointerInput {
  /** Pointer in source-video pixels. */
  readonly image: Vec2;
  /** Pointer in screen (stage) pixels; thresholds and hit tolerances are measured here. */
  readonly screen: Vec2;
  /** Shift held: snap directions to 15° steps (or movement to one axis). */
  readonly shift: boolean;
}

export type ToolEvent =
  | ({ readonly type: 'pointer-down'; readonly button: number } & PointerInput)
  | ({ readonly type: 'pointer-move' } & PointerInput)
  | ({ readonly type: 'pointer-up' } & PointerInput)
  /** Esc, a tool switch, a frame change or lost focus: abandon whatever is in progress. */
  | { readonly type: 'cancel' };

export interface ToolContext {
  readonly transform: ViewTransform;
  /** Screen px the pointer must travel with the button down before a press becomes a drag. */
  readonly dragThresholdPx: number;
  /** Annotations on the current frame, drawing order (last on top). Used by the select tool. */
  readonly annotations: readonly { readonly id: string; readonly geometry: AnnotationGeometry }[];
  readonly selectedId: string | null;
  readonly hitOptions?: HitTestOptions;
  /** The real length a new ruler starts with, e.g. the last one the user typed. */
  readonly defaultRulerLengthCm: number;
}

export const DEFAULT_DRAG_THRESHOLD_PX = 3;
export const DEFAULT_RULER_LENGTH_CM = 100;

/** What the UI should ask for right after a new annotation exists. */
export type CreateFollowUp = 'none' | 'edit-text' | 'edit-real-length';

export type ToolEffect =
  | { readonly type: 'create'; readonly geometry: AnnotationGeometry; readonly followUp: CreateFollowUp }
  | { readonly type: 'select'; readonly id: string | null }
  | { readonly type: 'change'; readonly id: string; readonly geometry: AnnotationGeometry };

/** Geometry being drawn or edited right now, for the canvas to show instead of (or besides) stored ones. */
export interface ToolPreview {
  /** Set while editing an existing annotation: draw `geometry` in its place. */
  readonly replacesId: string | null;
  readonly kind: AnnotationKind;
  /** Complete geometry once enough points exist (the last one may still follow the pointer). */
  readonly geometry: AnnotationGeometry | null;
  /** The points so far, for drawing an incomplete shape (e.g. the first arm of a goniometer). */
  readonly points: readonly Vec2[];
  /** The point under the user's finger: the loupe centres on it. Null when nothing is being placed or dragged. */
  readonly activePoint: Vec2 | null;
  /** Index of the active point in `points`. */
  readonly activeIndex: number | null;
}

export interface ToolStep<S> {
  readonly state: S;
  readonly effects: readonly ToolEffect[];
}

export interface ToolMachine<S> {
  readonly initial: S;
  step(state: S, event: ToolEvent, context: ToolContext): ToolStep<S>;
  preview(state: S, context: ToolContext): ToolPreview | null;
  /** A gesture is in progress: Esc should cancel it rather than deselect, and frame stepping should wait. */
  isBusy(state: S): boolean;
}

export type { Localized } from '../../common/measurements/presets.ts';

export function unchanged<S>(state: S): ToolStep<S> {
  return { state, effects: [] };
}
