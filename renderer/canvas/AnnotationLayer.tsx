import { memo, useMemo, type ReactElement } from 'react';
import { Group, Layer } from 'react-konva';
import type { Annotation } from '../../common/contract/annotation.ts';
import type { AngleConvention, UiLanguage } from '../../common/geometry/conventions.ts';
import type { Size, ViewTransform } from '../../common/geometry/view-transform.ts';
import { AnnotationShape, Handles } from './AnnotationShape.tsx';
import type { FadedAnnotation } from './fading.ts';
import type { MeasureText } from './label-layout.ts';
import { renderAnnotation, type RenderSettings } from './render-model.ts';
import { measurePlateText } from './text-measure.ts';

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
}

export interface AnnotationItemProps {
  readonly annotation: Annotation;
  readonly settings: RenderSettings;
  readonly selected: boolean;
  readonly opacity: number;
  readonly showLabels: boolean;
  readonly viewport: Size | null;
  readonly measure: MeasureText;
}

/** One stored annotation (with its handles when selected). Memoised: dragging one handle re-renders no other. */
export const AnnotationItem = memo(function AnnotationItem({ annotation, settings, selected, opacity, showLabels, viewport, measure }: AnnotationItemProps): ReactElement {
  const render = useMemo(() => renderAnnotation(annotation, settings), [annotation, settings]);
  return (
    <Group listening={false}>
      <AnnotationShape primitives={render.primitives} style={annotation.style} opacity={opacity} showLabels={showLabels} measure={measure} viewport={viewport} />
      {selected ? <Handles points={render.handles} color={annotation.style.color} /> : null}
    </Group>
  );
});

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
}: AnnotationLayerProps): ReactElement {
  const settings = useMemo<RenderSettings>(() => ({ transform, convention, language, cmPerPx }), [transform, convention, language, cmPerPx]);
  return (
    <Layer listening={false}>
      {faded.map(({ annotation, opacity }) => (
        <AnnotationItem
          key={`faded-${annotation.id}`}
          annotation={annotation}
          settings={settings}
          selected={false}
          opacity={opacity}
          showLabels={false}
          viewport={viewport}
          measure={measureText}
        />
      ))}
      {annotations.map((annotation) =>
        annotation.id === hiddenId ? null : (
          <AnnotationItem
            key={annotation.id}
            annotation={annotation}
            settings={settings}
            selected={annotation.id === selectedId}
            opacity={1}
            showLabels
            viewport={viewport}
            measure={measureText}
          />
        ),
      )}
    </Layer>
  );
});
