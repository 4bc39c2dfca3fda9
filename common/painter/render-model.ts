import type { Annotation, AnnotationStyle } from '../contract/annotation.ts';
import type { AngleConvention, UiLanguage } from '../geometry/conventions.ts';
import { drawAnnotation, drawPartial, type DrawPrimitive } from '../geometry/drawing.ts';
import type { Vec2 } from '../geometry/vector.ts';
import { imageToScreen, type ViewTransform } from '../geometry/view-transform.ts';
import { measureAnnotation, type LabelledMeasurement } from '../measurements/measure.ts';
import type { AnnotationGeometry } from '../contract/annotation.ts';
import { annotationLabelLines } from './labels.ts';
import { DEFAULT_ANNOTATION_STYLE } from './style.ts';

/** Everything that decides how annotations look besides the annotations themselves. */
export interface RenderSettings {
  readonly transform: ViewTransform;
  readonly convention: AngleConvention;
  readonly language: UiLanguage;
  /** The clip's calibration; null = lengths in px. */
  readonly cmPerPx: number | null;
}

export interface AnnotationRender {
  readonly primitives: readonly DrawPrimitive[];
  readonly measurement: LabelledMeasurement | null;
  /** Handle centres, screen px. */
  readonly handles: readonly Vec2[];
}

export function renderAnnotation(annotation: Pick<Annotation, 'geometry' | 'label'>, settings: RenderSettings): AnnotationRender {
  const measured = measureAnnotation(annotation.geometry, annotation.label, settings.cmPerPx);
  const lines = annotationLabelLines(annotation, measured?.measurement ?? null, settings.convention, settings.language);
  return {
    primitives: drawAnnotation(annotation.geometry, measured?.measurement ?? null, lines, settings),
    measurement: measured,
    handles: annotation.geometry.points.map((p) => imageToScreen(settings.transform, p)),
  };
}

/** A shape being drawn or edited, as the painter needs it (a tool's preview satisfies this). */
export interface ShapePreview {
  readonly geometry: AnnotationGeometry | null;
  /** The points so far, for drawing an incomplete shape. */
  readonly points: readonly Vec2[];
  readonly activeIndex: number | null;
}

export interface PreviewRender extends AnnotationRender {
  readonly style: AnnotationStyle;
  readonly activeIndex: number | null;
}

/**
 * The shape being drawn or edited. An edit keeps the annotation's label and style (so its preset rule and
 * value update live); a new shape uses `newStyle`.
 */
export function renderPreview(
  preview: ShapePreview,
  editing: Pick<Annotation, 'label' | 'style'> | null,
  settings: RenderSettings,
  newStyle: AnnotationStyle = DEFAULT_ANNOTATION_STYLE,
): PreviewRender {
  const style = editing?.style ?? newStyle;
  const handles = preview.points.map((p) => imageToScreen(settings.transform, p));
  if (preview.geometry) {
    const rendered = renderAnnotation({ geometry: preview.geometry, label: editing?.label ?? null }, settings);
    return { ...rendered, handles, style, activeIndex: preview.activeIndex };
  }
  return { primitives: drawPartial(preview.points, settings.transform), measurement: null, handles, style, activeIndex: preview.activeIndex };
}
