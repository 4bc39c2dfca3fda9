import { memo, useMemo, type ReactElement } from 'react';
import { Group, Layer } from 'react-konva';
import type { Annotation } from '../../common/contract/annotation.ts';
import type { AngleConvention, UiLanguage } from '../../common/geometry/conventions.ts';
import type { Size, ViewTransform } from '../../common/geometry/view-transform.ts';
import { AnnotationShape, Handles } from './AnnotationShape.tsx';
import type { FadedAnnotation } from './fading.ts';
import { layoutFramePlates, type FramePlates, type MeasureText, type PlateLayout } from '../../common/painter/label-layout.ts';
import { renderAnnotation, type AnnotationRender, type RenderSettings } from '../../common/painter/render-model.ts';
import { measurePlateText } from '../../common/painter/text-measure.ts';

export interface AnnotationLayerProps {
  /** The current frame's annotations, drawing order (last on top). */
  readonly annotations: readonly Annotation[];
  /** Neighbouring frames' annotations, drawn faded and without labels underneath. */
  readonly faded?: readonly FadedAnnotation[];
  readonly transform: ViewTransform;
  readonly convention: AngleConvention;
  readonly language: UiLanguage;
  readonly cmPerPx: number | null;
  readonly selectedId?: string | null;
  /** Not drawn here (it is being edited and drawn by the tool preview). */
  readonly hiddenId?: string | null;
  /** Size of the stage, to keep label plates on screen. */
  readonly viewport?: Size | null;
  readonly measureText?: MeasureText;
  /** The frame's plates laid out together; computed here from `annotations` when not given. */
  readonly plates?: FramePlates;
}

export interface AnnotationItemProps {
  readonly annotation: Annotation;
  readonly settings: RenderSettings;
  readonly selected: boolean;
  readonly opacity: number;
  /** Its label plates (none for faded neighbours). */
  readonly plates?: readonly PlateLayout[];
}

/** One stored annotation (with its handles when selected). Memoised: dragging one handle re-renders no other. */
export const AnnotationItem = memo(function AnnotationItem({ annotation, settings, selected, opacity, plates }: AnnotationItemProps): ReactElement {
  const render = renderCached(annotation, settings);
  return (
    <Group listening={false}>
      <AnnotationShape primitives={render.primitives} style={annotation.style} opacity={opacity} plates={plates} />
      {selected ? <Handles points={render.handles} color={annotation.style.color} /> : null}
    </Group>
  );
});

function sameSettings(a: RenderSettings, b: RenderSettings): boolean {
  return a === b || (a.transform === b.transform && a.convention === b.convention && a.language === b.language && a.cmPerPx === b.cmPerPx);
}

const renders = new WeakMap<Annotation, { settings: RenderSettings; render: AnnotationRender }>();

/** renderAnnotation, remembered per stored annotation and settings (the frame layout and the shapes share it). */
export function renderCached(annotation: Annotation, settings: RenderSettings): AnnotationRender {
  const known = renders.get(annotation);
  if (known && sameSettings(known.settings, settings)) return known.render;
  const render = renderAnnotation(annotation, settings);
  renders.set(annotation, { settings, render });
  return render;
}

interface CachedLayout {
  readonly annotations: readonly Annotation[];
  readonly settings: RenderSettings;
  readonly viewport: Size | null;
  readonly measure: MeasureText;
  readonly plates: FramePlates;
}

/** The last few frames' layouts: stepping back onto a crowded frame reuses its layout instead of searching again. */
const recentLayouts: CachedLayout[] = [];
const RECENT_LAYOUTS = 6;

function sameLayoutInput(entry: CachedLayout, annotations: readonly Annotation[], settings: RenderSettings, viewport: Size | null, measure: MeasureText): boolean {
  return (
    entry.measure === measure &&
    entry.viewport?.width === viewport?.width &&
    entry.viewport?.height === viewport?.height &&
    sameSettings(entry.settings, settings) &&
    entry.annotations.length === annotations.length &&
    entry.annotations.every((a, i) => a === annotations[i])
  );
}

/** Lays out the plates of a frame's stored annotations together (see label-layout.ts). */
export function useFramePlates(
  annotations: readonly Annotation[],
  settings: RenderSettings,
  viewport: Size | null,
  measure: MeasureText = measurePlateText,
): FramePlates {
  return useMemo(() => {
    const known = recentLayouts.find((entry) => sameLayoutInput(entry, annotations, settings, viewport, measure));
    if (known) return known.plates;
    const plates = layoutFramePlates(annotations.map((a) => ({ id: a.id, primitives: renderCached(a, settings).primitives })), measure, viewport);
    recentLayouts.unshift({ annotations, settings, viewport, measure, plates });
    recentLayouts.length = Math.min(recentLayouts.length, RECENT_LAYOUTS);
    return plates;
  }, [annotations, settings, viewport, measure]);
}

/** The stored annotations of one frame as a Konva layer (place it inside a react-konva Stage). */
export const AnnotationLayer = memo(function AnnotationLayer({
  annotations,
  faded = [],
  transform,
  convention,
  language,
  cmPerPx,
  selectedId = null,
  hiddenId = null,
  viewport = null,
  measureText = measurePlateText,
  plates,
}: AnnotationLayerProps): ReactElement {
  const settings = useMemo<RenderSettings>(() => ({ transform, convention, language, cmPerPx }), [transform, convention, language, cmPerPx]);
  const ownPlates = useFramePlates(plates ? [] : annotations, settings, viewport, measureText);
  const layout = plates ?? ownPlates;
  return (
    <Layer listening={false}>
      {faded.map(({ annotation, opacity }) => (
        <AnnotationItem key={`faded-${annotation.id}`} annotation={annotation} settings={settings} selected={false} opacity={opacity} />
      ))}
      {annotations.map((annotation) =>
        annotation.id === hiddenId ? null : (
          <AnnotationItem
            key={annotation.id}
            annotation={annotation}
            settings={settings}
            selected={annotation.id === selectedId}
            opacity={1}
            plates={layout.byId.get(annotation.id)}
          />
        ),
      )}
    </Layer>
  );
});
