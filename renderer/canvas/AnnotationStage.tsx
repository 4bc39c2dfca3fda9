import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  type CSSProperties,
  type PointerEvent as ReactPointerEvent,
  type ReactElement,
  type Ref,
} from 'react';
import { Layer, Stage } from 'react-konva';
import type { Annotation, AnnotationGeometry, AnnotationStyle } from '../../common/contract/annotation.ts';
import type { AngleConvention, UiLanguage } from '../../common/geometry/conventions.ts';
import type { DrawPrimitive } from '../../common/geometry/drawing.ts';
import type { HitPart } from '../../common/geometry/hit-test.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import { DEFAULT_ZOOM_LIMITS, panBy, wheelZoomFactor, zoomAt, type Rect, type Size, type ViewTransform, type ZoomLimits } from '../../common/geometry/view-transform.ts';
import { isToolBusy, previewTool } from '../tools/registry.ts';
import { DEFAULT_DRAG_THRESHOLD_PX, DEFAULT_RULER_LENGTH_CM, type CreateFollowUp, type ToolContext, type ToolEffect, type ToolId } from '../tools/types.ts';
import { AnnotationItem, AnnotationLayer, useFramePlates } from './AnnotationLayer.tsx';
import { AnnotationShape, Handles } from './AnnotationShape.tsx';
import type { FadedAnnotation } from './fading.ts';
import {
  cancelTool,
  cursorFor,
  handlePointer,
  hoverTarget,
  initialController,
  reaimAfterViewChange,
  switchTool,
  type ControllerResult,
  type ControllerState,
  type RawPointer,
} from './interaction-controller.ts';
import { Loupe, type LoupeImage } from './Loupe.tsx';
import { renderPreview, type RenderSettings } from '../../common/painter/render-model.ts';
import { DEFAULT_ANNOTATION_STYLE } from '../../common/painter/style.ts';
import { layoutFramePlates, type FramePlates, type PlateLayout } from '../../common/painter/label-layout.ts';
import { measurePlateText } from '../../common/painter/text-measure.ts';

const NEW_SHAPE_ID = '\u0000new';

/** The plates of the shape being drawn or edited, laid out against the rest of the frame (not against its own old ones). */
function previewPlates(primitives: readonly DrawPrimitive[], replacesId: string | null, frame: FramePlates, viewport: Size): readonly PlateLayout[] {
  const id = replacesId ?? NEW_SHAPE_ID;
  return layoutFramePlates([{ id, primitives }], measurePlateText, viewport, { frame, replacing: replacesId }).byId.get(id) ?? [];
}

export interface AnnotationStageHandle {
  /** Esc: abandon the gesture in progress. False when there was none (the caller may then deselect). */
  cancel(): boolean;
  /** A shape is being placed or edited (hold off frame stepping or cancel first). */
  isBusy(): boolean;
}

export interface AnnotationStageProps {
  /** Stage size in CSS px; lay it exactly over the frame's viewport. */
  readonly width: number;
  readonly height: number;
  /** Image (source px) → screen mapping shared with the viewer's frame display. */
  readonly transform: ViewTransform;
  /** Wheel zoom (towards the cursor) and pans (middle button, or left button with `panKeyHeld`). Omit to disable. */
  readonly onTransformChange?: (next: ViewTransform) => void;
  readonly zoomLimits?: ZoomLimits;

  readonly annotations: readonly Annotation[];
  readonly faded?: readonly FadedAnnotation[];
  readonly selectedId: string | null;
  readonly activeTool: ToolId;
  readonly convention: AngleConvention;
  readonly language: UiLanguage;
  readonly cmPerPx: number | null;
  /** Style for shapes being drawn (the lead stores it with the new annotation). */
  readonly newStyle?: AnnotationStyle;
  readonly defaultRulerLengthCm?: number;

  /** The frame as the viewer shows it, for the loupe. */
  readonly image?: LoupeImage | null;
  readonly sourceSize: Size;
  readonly showLoupe?: boolean;
  /** Space is held (the viewer owns the keyboard): left-drag pans instead of drawing. */
  readonly panKeyHeld?: boolean;

  readonly onCreate: (geometry: AnnotationGeometry, followUp: CreateFollowUp) => void;
  readonly onChange: (id: string, geometry: AnnotationGeometry) => void;
  readonly onSelect: (id: string | null) => void;
  readonly onBusyChange?: (busy: boolean) => void;
  readonly handleRef?: Ref<AnnotationStageHandle>;
  readonly className?: string;
  readonly style?: CSSProperties;
}

/**
 * The annotation canvas over the viewer's frame: draws the frame's annotations, runs the active tool, shows
 * the loupe, zooms and pans. Plain props and callbacks only — no API calls — so the viewer decides what a
 * create or change means (store, undo stack).
 */
export function AnnotationStage(props: AnnotationStageProps): ReactElement {
  const {
    width,
    height,
    transform,
    annotations,
    faded,
    selectedId,
    activeTool,
    convention,
    language,
    cmPerPx,
    newStyle = DEFAULT_ANNOTATION_STYLE,
    defaultRulerLengthCm = DEFAULT_RULER_LENGTH_CM,
    image = null,
    sourceSize,
    showLoupe = true,
    panKeyHeld = false,
    handleRef,
  } = props;

  const containerRef = useRef<HTMLDivElement | null>(null);
  const controllerRef = useRef<ControllerState>(initialController(activeTool));
  const hoverRef = useRef<{ id: string; target: HitPart } | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const propsRef = useRef(props);
  propsRef.current = props;

  const context = useMemo<ToolContext>(
    () => ({ transform, dragThresholdPx: DEFAULT_DRAG_THRESHOLD_PX, annotations, selectedId, defaultRulerLengthCm }),
    [transform, annotations, selectedId, defaultRulerLengthCm],
  );
  const contextRef = useRef(context);
  contextRef.current = context;

  const runEffects = useCallback((effects: readonly ToolEffect[]) => {
    const p = propsRef.current;
    for (const effect of effects) {
      if (effect.type === 'create') p.onCreate(effect.geometry, effect.followUp);
      else if (effect.type === 'change') p.onChange(effect.id, effect.geometry);
      else p.onSelect(effect.id);
    }
  }, []);

  const apply = useCallback(
    (result: ControllerResult) => {
      const changed = result.state !== controllerRef.current;
      controllerRef.current = result.state;
      runEffects(result.effects);
      const onTransformChange = propsRef.current.onTransformChange;
      if (result.pan && onTransformChange) onTransformChange(panBy(propsRef.current.transform, result.pan.x, result.pan.y));
      if (changed) rerender();
    },
    [runEffects],
  );

  // A new tool starts idle; whatever the old one was doing is abandoned.
  useLayoutEffect(() => {
    const current = controllerRef.current;
    if (current.toolId !== activeTool) {
      controllerRef.current = switchTool(cancelTool(current, contextRef.current).state, activeTool);
      rerender();
    }
  }, [activeTool]);

  // The view moved under a still pointer (wheel zoom, keyboard zoom): the point being placed follows it.
  useEffect(() => {
    apply(reaimAfterViewChange(controllerRef.current, contextRef.current));
  }, [transform, apply]);

  // The annotation being edited disappeared (undo, frame change): drop the edit.
  useEffect(() => {
    const tool = controllerRef.current.tool;
    if (tool.mode === 'select' && tool.phase !== 'idle' && !annotations.some((a) => a.id === tool.id)) {
      controllerRef.current = cancelTool(controllerRef.current, contextRef.current).state;
      rerender();
    }
  }, [annotations]);

  const busy = isToolBusy(controllerRef.current.tool);
  const onBusyChange = props.onBusyChange;
  useEffect(() => {
    onBusyChange?.(busy);
  }, [busy, onBusyChange]);

  useImperativeHandle(
    handleRef,
    () => ({
      cancel() {
        const { state, cancelled } = cancelTool(controllerRef.current, contextRef.current);
        if (cancelled) {
          controllerRef.current = state;
          rerender();
        }
        return cancelled;
      },
      isBusy: () => isToolBusy(controllerRef.current.tool),
    }),
    [],
  );

  const screenOf = (event: { clientX: number; clientY: number }): Vec2 => {
    const rect = containerRef.current?.getBoundingClientRect();
    return rect ? { x: event.clientX - rect.left, y: event.clientY - rect.top } : { x: event.clientX, y: event.clientY };
  };

  const pointer = (type: RawPointer['type']) => (event: ReactPointerEvent<HTMLDivElement>) => {
    const screen = screenOf(event);
    if (type === 'down') {
      containerRef.current?.focus({ preventScroll: true });
      event.currentTarget.setPointerCapture(event.pointerId);
      if (event.button === 1) event.preventDefault(); // no autoscroll on middle click
    }
    const raw: RawPointer = { type, screen, button: event.button, shift: event.shiftKey };
    const result = handlePointer(controllerRef.current, raw, contextRef.current, propsRef.current.panKeyHeld ?? false);
    if (type === 'move' && result.state.toolId === 'select' && !isToolBusy(result.state.tool)) {
      const hover = hoverTarget(contextRef.current, screen);
      const before = hoverRef.current;
      if (before?.id !== hover?.id || before?.target.part !== hover?.target.part) {
        hoverRef.current = hover;
        rerender();
      }
    }
    apply(result);
  };

  // React's wheel listener is passive; zooming must prevent the page from scrolling.
  useEffect(() => {
    const element = containerRef.current;
    if (!element) return undefined;
    const onWheel = (event: WheelEvent): void => {
      const p = propsRef.current;
      if (!p.onTransformChange) return;
      event.preventDefault();
      const factor = wheelZoomFactor(event.deltaY, event.deltaMode);
      p.onTransformChange(zoomAt(p.transform, screenOf(event), factor, p.zoomLimits ?? DEFAULT_ZOOM_LIMITS));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const settings = useMemo<RenderSettings>(() => ({ transform, convention, language, cmPerPx }), [transform, convention, language, cmPerPx]);
  const viewport = useMemo<Size>(() => ({ width, height }), [width, height]);
  const controller = controllerRef.current;
  const preview = previewTool(controller.toolId, controller.tool, context);
  const editing = preview?.replacesId ? (annotations.find((a) => a.id === preview.replacesId) ?? null) : null;
  const previewRender = preview ? renderPreview(preview, editing, settings, newStyle) : null;
  const cursor = cursorFor(controller, hoverRef.current, panKeyHeld);
  const framePlates = useFramePlates(annotations, settings, viewport);
  const previewPlateLayouts = previewRender ? previewPlates(previewRender.primitives, preview?.replacesId ?? null, framePlates, viewport) : [];
  const plates: readonly Rect[] = previewPlateLayouts;
  // The selected annotation lives on the active layer with the tool preview, so selecting, dragging, releasing
  // and storing an edit redraw only that layer: the static layer with everything else (hundreds of labelled
  // shapes cost tens of ms to draw) is drawn once per selection change, never per pointer move.
  const selected = selectedId === null ? null : (annotations.find((a) => a.id === selectedId) ?? null);
  const staticAnnotations = useMemo(() => (selected ? annotations.filter((a) => a !== selected) : annotations), [annotations, selected]);

  return (
    <div
      ref={containerRef}
      className={props.className}
      tabIndex={-1}
      style={{ position: 'relative', width, height, cursor, touchAction: 'none', outline: 'none', ...props.style }}
      onPointerDown={pointer('down')}
      onPointerMove={pointer('move')}
      onPointerUp={pointer('up')}
      onPointerCancel={pointer('cancel')}
      onLostPointerCapture={(event) => {
        if (controllerRef.current.panFrom || isToolBusy(controllerRef.current.tool)) {
          // Released outside the window or the capture was taken away: end the gesture as a release there.
          if (event.buttons === 0 && controllerRef.current.tool.phase !== 'placing') pointer('up')(event);
        }
      }}
      onContextMenu={(event) => event.preventDefault()}
    >
      <Stage width={width} height={height} listening={false}>
        <AnnotationLayer
          annotations={staticAnnotations}
          faded={faded}
          transform={transform}
          convention={convention}
          language={language}
          cmPerPx={cmPerPx}
          hiddenId={preview?.replacesId ?? null}
          viewport={viewport}
          plates={framePlates}
        />
        <Layer listening={false}>
          {selected && selected.id !== preview?.replacesId ? (
            <AnnotationItem
              annotation={selected}
              settings={settings}
              selected
              opacity={1}
              plates={framePlates.byId.get(selected.id)}
            />
          ) : null}
          {previewRender ? (
            <>
              <AnnotationShape primitives={previewRender.primitives} style={previewRender.style} plates={previewPlateLayouts} />
              <Handles points={previewRender.handles} color={previewRender.style.color} activeIndex={previewRender.activeIndex} />
            </>
          ) : null}
          {showLoupe && preview?.activePoint && controller.pointer && controller.tool.phase !== 'placing' ? (
            <Loupe
              image={image}
              sourceSize={sourceSize}
              preview={preview}
              editing={editing}
              newStyle={newStyle}
              settings={settings}
              pointer={controller.pointer}
              viewport={viewport}
              avoid={plates}
            />
          ) : null}
        </Layer>
      </Stage>
    </div>
  );
}
