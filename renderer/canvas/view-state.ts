import type { Vec2 } from '../../common/geometry/vector.ts';
import {
  actualSizeTransform,
  constrainPan,
  DEFAULT_ZOOM_LIMITS,
  fitTransform,
  IDENTITY_TRANSFORM,
  panBy,
  zoomAt,
  type Size,
  type ViewTransform,
  type ZoomLimits,
} from '../../common/geometry/view-transform.ts';

/**
 * The viewer's zoom and pan. While `fitted`, the frame follows window resizes and stays fitted; any zoom or pan
 * by the user ends that until they ask for "fit" again.
 */
export interface ViewState {
  readonly transform: ViewTransform;
  readonly fitted: boolean;
  readonly image: Size | null;
  readonly viewport: Size | null;
}

export type ViewAction =
  | { readonly type: 'resize'; readonly image: Size | null; readonly viewport: Size | null }
  | { readonly type: 'fit' }
  | { readonly type: 'actual-size'; readonly devicePixelRatio: number; readonly anchor?: Vec2 }
  | { readonly type: 'zoom-at'; readonly anchor: Vec2; readonly factor: number }
  | { readonly type: 'pan'; readonly dx: number; readonly dy: number }
  | { readonly type: 'set'; readonly transform: ViewTransform; readonly fitted?: boolean };

export const FIT_PADDING_PX = 12;

export const INITIAL_VIEW: ViewState = { transform: IDENTITY_TRANSFORM, fitted: true, image: null, viewport: null };

function constrained(state: ViewState, transform: ViewTransform): ViewTransform {
  return state.image && state.viewport ? constrainPan(transform, state.image, state.viewport) : transform;
}

export function viewReducer(state: ViewState, action: ViewAction, limits: ZoomLimits = DEFAULT_ZOOM_LIMITS): ViewState {
  switch (action.type) {
    case 'resize': {
      const next = { ...state, image: action.image, viewport: action.viewport };
      if (!action.image || !action.viewport) return next;
      return state.fitted
        ? { ...next, transform: fitTransform(action.image, action.viewport, FIT_PADDING_PX) }
        : { ...next, transform: constrained(next, state.transform) };
    }
    case 'fit':
      return state.image && state.viewport
        ? { ...state, fitted: true, transform: fitTransform(state.image, state.viewport, FIT_PADDING_PX) }
        : { ...state, fitted: true };
    case 'actual-size':
      if (!state.viewport) return state;
      return {
        ...state,
        fitted: false,
        transform: constrained(state, actualSizeTransform(state.transform, state.viewport, action.devicePixelRatio, action.anchor)),
      };
    case 'zoom-at':
      return { ...state, fitted: false, transform: constrained(state, zoomAt(state.transform, action.anchor, action.factor, limits)) };
    case 'pan':
      return { ...state, fitted: false, transform: constrained(state, panBy(state.transform, action.dx, action.dy)) };
    case 'set':
      return { ...state, fitted: action.fitted ?? false, transform: constrained(state, action.transform) };
  }
}
