import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { Vec2 } from '../../common/geometry/vector.ts';
import { DEFAULT_ZOOM_LIMITS, zoomPercent, type Size, type ViewTransform, type ZoomLimits } from '../../common/geometry/view-transform.ts';
import { INITIAL_VIEW, viewReducer, type ViewAction, type ViewState } from './view-state.ts';

export interface ViewTransformOptions {
  /** Full-resolution source frame size (upright); null until the clip is known. */
  readonly imageSize: Size | null;
  /** The viewer's drawing area in CSS px; null until measured. */
  readonly viewportSize: Size | null;
  readonly devicePixelRatio?: number;
  readonly limits?: ZoomLimits;
  /** Restore a clip's remembered view (e.g. when switching back to it); otherwise it starts fitted. */
  readonly initial?: { readonly transform: ViewTransform; readonly fitted: boolean } | null;
}

export interface ViewTransformControls {
  readonly transform: ViewTransform;
  /** True while the view follows "fit" (resizes keep the whole frame in view). */
  readonly fitted: boolean;
  /** 100 % = one source pixel per device pixel. */
  readonly zoomPercent: number;
  fit(): void;
  actualSize(anchor?: Vec2): void;
  zoomAt(anchor: Vec2, factor: number): void;
  /** Zoom about the viewport centre (toolbar buttons, keyboard). */
  zoomBy(factor: number): void;
  panBy(dx: number, dy: number): void;
  /** For AnnotationStage's onTransformChange. */
  setTransform(next: ViewTransform): void;
}

/** Zoom and pan state for one clip's viewer, built on the pure view reducer. */
export function useViewTransform(options: ViewTransformOptions): ViewTransformControls {
  const limits = options.limits ?? DEFAULT_ZOOM_LIMITS;
  const dpr = options.devicePixelRatio ?? (typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);
  const [state, dispatch] = useReducer(
    (s: ViewState, a: ViewAction) => viewReducer(s, a, limits),
    options.initial ?? null,
    (initial): ViewState => (initial ? { ...INITIAL_VIEW, transform: initial.transform, fitted: initial.fitted } : INITIAL_VIEW),
  );

  const { imageSize, viewportSize } = options;
  useEffect(() => {
    dispatch({ type: 'resize', image: imageSize, viewport: viewportSize });
  }, [imageSize?.width, imageSize?.height, viewportSize?.width, viewportSize?.height]); // eslint-disable-line react-hooks/exhaustive-deps

  const viewport = state.viewport;
  const fit = useCallback(() => dispatch({ type: 'fit' }), []);
  const actualSize = useCallback(
    (anchor?: Vec2) => dispatch(anchor ? { type: 'actual-size', devicePixelRatio: dpr, anchor } : { type: 'actual-size', devicePixelRatio: dpr }),
    [dpr],
  );
  const zoomAtCb = useCallback((anchor: Vec2, factor: number) => dispatch({ type: 'zoom-at', anchor, factor }), []);
  const zoomBy = useCallback(
    (factor: number) =>
      dispatch({ type: 'zoom-at', anchor: viewport ? { x: viewport.width / 2, y: viewport.height / 2 } : { x: 0, y: 0 }, factor }),
    [viewport],
  );
  const panByCb = useCallback((dx: number, dy: number) => dispatch({ type: 'pan', dx, dy }), []);
  const setTransform = useCallback((next: ViewTransform) => dispatch({ type: 'set', transform: next }), []);

  return useMemo(
    () => ({
      transform: state.transform,
      fitted: state.fitted,
      zoomPercent: zoomPercent(state.transform, dpr),
      fit,
      actualSize,
      zoomAt: zoomAtCb,
      zoomBy,
      panBy: panByCb,
      setTransform,
    }),
    [state.transform, state.fitted, dpr, fit, actualSize, zoomAtCb, zoomBy, panByCb, setTransform],
  );
}
