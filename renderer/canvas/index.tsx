/** Public surface of the annotation canvas. Pure helpers live in .ts files that unit tests import directly. */
export { AnnotationStage, type AnnotationStageHandle, type AnnotationStageProps } from './AnnotationStage.tsx';
export { AnnotationLayer, type AnnotationLayerProps } from './AnnotationLayer.tsx';
export { AnnotationShape, Handles } from './AnnotationShape.tsx';
export { Loupe, type LoupeProps, type LoupeImage } from './Loupe.tsx';
export { fadeOpacity, fadedNeighbours, type FadedAnnotation } from './fading.ts';
export { annotationLabelLines } from '../../common/painter/labels.ts';
export { renderAnnotation, renderPreview, type RenderSettings } from '../../common/painter/render-model.ts';
export { ANNOTATION_PALETTE, DEFAULT_ANNOTATION_STYLE, haloColor, relativeLuminance } from '../../common/painter/style.ts';
export { useViewTransform, type ViewTransformControls, type ViewTransformOptions } from './use-view-transform.ts';
export { viewReducer, INITIAL_VIEW, type ViewAction, type ViewState } from './view-state.ts';
