import type { Annotation } from '../contract/annotation.ts';
import type { Size } from '../geometry/view-transform.ts';
import { estimateTextWidth, layoutFramePlates, type MeasureText } from './label-layout.ts';
import { paintAnnotation, type PaintContext } from './paint.ts';
import { renderAnnotation, type RenderSettings } from './render-model.ts';

/**
 * Paints one frame's stored annotations the way the viewer shows them: every annotation rendered, their label
 * plates laid out together (so none covers another), then painted in drawing order. The canvas does the same
 * per Konva shape (AnnotationLayer); outputs without a stage — PDF report, PNG and video exports — call this.
 */
export function paintFrameAnnotations(
  context: PaintContext,
  annotations: readonly Annotation[],
  settings: RenderSettings,
  viewport: Size | null,
  measure: MeasureText = estimateTextWidth,
): void {
  const renders = annotations.map((annotation) => ({ annotation, render: renderAnnotation(annotation, settings) }));
  const plates = layoutFramePlates(
    renders.map(({ annotation, render }) => ({ id: annotation.id, primitives: render.primitives })),
    measure,
    viewport,
  );
  for (const { annotation, render } of renders) {
    paintAnnotation(context, render.primitives, annotation.style, plates.byId.get(annotation.id) ?? [], 1);
  }
}
