import type { AnnotationGeometry, AnnotationKind } from '../../common/contract/annotation.ts';
import { snapDirection } from '../../common/geometry/edit.ts';
import { distance, type Vec2 } from '../../common/geometry/vector.ts';
import { imageToScreen } from '../../common/geometry/view-transform.ts';
import { unchanged, type CreateFollowUp, type ToolContext, type ToolEvent, type ToolMachine, type ToolStep } from './types.ts';

/**
 * Placing the n points of a new annotation. Both ways of drawing work, and mix:
 * - click, click (, click): each click fixes a point; between clicks the next point follows the pointer;
 * - press, drag, release: the press fixes the first point, the release the second (a goniometer's third point
 *   then follows with a click or another press-drag-release).
 * Any later press may be dragged to fine-tune the point before the release commits it (the loupe shows it).
 * Shift snaps the new point's direction from the previous point to 15° steps. Cancel abandons the shape.
 *
 * Phases: idle → pointing (button down, not moved) → dragging (button down, moved) → placing (button up,
 * waiting for the next point) → … → idle with a `create` effect.
 */
export interface PlacementState {
  readonly mode: 'placement';
  readonly phase: 'idle' | 'pointing' | 'dragging' | 'placing';
  /** Points fixed so far, image px. */
  readonly placed: readonly Vec2[];
  /** The point being placed (follows the pointer); null when idle. */
  readonly live: Vec2 | null;
  /** Where the current press started, screen px (drag threshold). */
  readonly downScreen: Vec2 | null;
  /** The current press created the shape's first point (so a plain click keeps it and waits for the next). */
  readonly pressStartedShape: boolean;
}

export interface PlacementSpec {
  readonly kind: AnnotationKind;
  readonly pointCount: 1 | 2 | 3;
  readonly followUp: CreateFollowUp;
  build(points: readonly Vec2[], context: ToolContext): AnnotationGeometry;
}

export const IDLE_PLACEMENT: PlacementState = {
  mode: 'placement',
  phase: 'idle',
  placed: [],
  live: null,
  downScreen: null,
  pressStartedShape: false,
};

/** Two points closer than this on screen are one point: a double click must not make a zero-length arm. */
const MIN_SEPARATION_PX = 3;

function constrained(state: PlacementState, image: Vec2, shift: boolean): Vec2 {
  const last = state.placed[state.placed.length - 1];
  return shift && last ? snapDirection(last, image) : { x: image.x, y: image.y };
}

function commit(spec: PlacementSpec, state: PlacementState, context: ToolContext): ToolStep<PlacementState> {
  const live = state.live;
  if (!live) return unchanged(state);
  const last = state.placed[state.placed.length - 1];
  if (
    last &&
    distance(imageToScreen(context.transform, last), imageToScreen(context.transform, live)) < MIN_SEPARATION_PX
  ) {
    return { state: { ...state, phase: 'placing', downScreen: null, pressStartedShape: false }, effects: [] };
  }
  const placed = [...state.placed, live];
  if (placed.length >= spec.pointCount) {
    return {
      state: IDLE_PLACEMENT,
      effects: [{ type: 'create', geometry: spec.build(placed, context), followUp: spec.followUp }],
    };
  }
  return { state: { ...state, phase: 'placing', placed, live, downScreen: null, pressStartedShape: false }, effects: [] };
}

function step(
  spec: PlacementSpec,
  state: PlacementState,
  event: ToolEvent,
  context: ToolContext,
): ToolStep<PlacementState> {
  if (event.type === 'cancel') return { state: IDLE_PLACEMENT, effects: [] };

  switch (event.type) {
    case 'pointer-down': {
      if (event.button !== 0) return unchanged(state);
      if (state.phase === 'idle') {
        const p = { x: event.image.x, y: event.image.y };
        return {
          state: {
            mode: 'placement',
            phase: 'pointing',
            placed: spec.pointCount === 1 ? [] : [p],
            live: p,
            downScreen: event.screen,
            pressStartedShape: spec.pointCount > 1,
          },
          effects: [],
        };
      }
      if (state.phase === 'placing') {
        return {
          state: {
            ...state,
            phase: 'pointing',
            live: constrained(state, event.image, event.shift),
            downScreen: event.screen,
            pressStartedShape: false,
          },
          effects: [],
        };
      }
      return unchanged(state);
    }
    case 'pointer-move': {
      if (state.phase === 'idle') return unchanged(state);
      if (state.phase === 'pointing') {
        const travelled = state.downScreen ? distance(state.downScreen, event.screen) : Number.POSITIVE_INFINITY;
        // Below the threshold the point stays where it was pressed: hand tremor must not move it.
        if (travelled <= context.dragThresholdPx) return unchanged(state);
        return { state: { ...state, phase: 'dragging', live: constrained(state, event.image, event.shift) }, effects: [] };
      }
      return { state: { ...state, live: constrained(state, event.image, event.shift) }, effects: [] };
    }
    case 'pointer-up': {
      if (state.phase === 'pointing' && state.pressStartedShape) {
        // A plain click on an empty spot: the first point stays, the next one follows the pointer.
        return { state: { ...state, phase: 'placing', downScreen: null, pressStartedShape: false }, effects: [] };
      }
      if (state.phase === 'pointing' || state.phase === 'dragging') {
        const live = state.phase === 'dragging' ? constrained(state, event.image, event.shift) : state.live;
        return commit(spec, { ...state, live }, context);
      }
      return unchanged(state);
    }
  }
}

export function createPlacementMachine(spec: PlacementSpec): ToolMachine<PlacementState> {
  return {
    initial: IDLE_PLACEMENT,
    step: (state, event, context) => step(spec, state, event, context),
    preview(state, context) {
      if (state.phase === 'idle' || !state.live) return null;
      const points = [...state.placed, state.live];
      const complete = points.length >= spec.pointCount;
      return {
        replacesId: null,
        kind: spec.kind,
        geometry: complete ? spec.build(points.slice(0, spec.pointCount), context) : null,
        points,
        activePoint: state.live,
        activeIndex: points.length - 1,
      };
    },
    isBusy: (state) => state.phase !== 'idle',
  };
}
