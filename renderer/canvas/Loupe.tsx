import { memo, useMemo, type ReactElement } from 'react';
import { Circle, Group, Image as KonvaImage, Line, Rect } from 'react-konva';
import type { AnnotationStyle } from '../../common/contract/annotation.ts';
import type { Rect as ScreenRect, Size } from '../../common/geometry/view-transform.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import { AnnotationShape } from './AnnotationShape.tsx';
import { loupeImageCrop, loupePosition, loupeScale, loupeTransform } from './loupe-geometry.ts';
import { renderPreview, type RenderSettings } from '../../common/painter/render-model.ts';
import { LOUPE_STYLE } from '../../common/painter/style.ts';
import type { ToolPreview } from '../tools/types.ts';

/** An image the loupe can draw: the frame as the viewer has it (preview or full resolution). */
export type LoupeImage = HTMLImageElement | ImageBitmap | HTMLCanvasElement | HTMLVideoElement | OffscreenCanvas;

function bitmapSize(image: LoupeImage): Size {
  if (typeof HTMLImageElement !== 'undefined' && image instanceof HTMLImageElement) {
    return { width: image.naturalWidth, height: image.naturalHeight };
  }
  if (typeof HTMLVideoElement !== 'undefined' && image instanceof HTMLVideoElement) {
    return { width: image.videoWidth, height: image.videoHeight };
  }
  return { width: image.width, height: image.height };
}

export interface LoupeProps {
  /** The frame under the annotations; null draws only the shape on black. */
  readonly image: LoupeImage | null;
  /** Size of the full-resolution source frame (the image is stretched to it, as in the viewer). */
  readonly sourceSize: Size;
  /** What is being placed or dragged; the loupe centres on its active point. */
  readonly preview: ToolPreview;
  readonly editing: { readonly label: string | null; readonly style: AnnotationStyle } | null;
  readonly newStyle?: AnnotationStyle;
  /** The view's settings (the loupe uses its own transform but the same convention and calibration). */
  readonly settings: RenderSettings;
  /** The pointer on screen, to keep the loupe beside it. */
  readonly pointer: Vec2;
  readonly viewport: Size;
  readonly diameter?: number;
  readonly magnification?: number;
  /** Screen rects the loupe should not cover (the value plate of the shape being drawn). */
  readonly avoid?: readonly ScreenRect[];
}

/** A round magnifier beside the pointer while a point is placed or dragged: frame, shape and crosshair. */
export const Loupe = memo(function Loupe({
  image,
  sourceSize,
  preview,
  editing,
  newStyle,
  settings,
  pointer,
  viewport,
  diameter = LOUPE_STYLE.diameterPx,
  magnification = LOUPE_STYLE.magnification,
  avoid = [],
}: LoupeProps): ReactElement | null {
  const center = preview.activePoint;
  const scale = loupeScale(settings.transform.scale, magnification);
  const local = useMemo(() => (center ? loupeTransform(center, diameter, scale) : null), [center, diameter, scale]);
  if (!center || !local) return null;

  const position = loupePosition(pointer, viewport, diameter, LOUPE_STYLE.gapPx, avoid);
  const crop = image ? loupeImageCrop(local, diameter, sourceSize, bitmapSize(image)) : null;
  const shape = renderPreview(preview, editing, { ...settings, transform: local }, newStyle);
  const r = diameter / 2;
  const cross = 10;

  return (
    <Group x={position.x} y={position.y} listening={false}>
      <Group
        listening={false}
        clipFunc={(context) => {
          context.arc(r, r, r, 0, Math.PI * 2, false);
        }}
      >
        <Rect width={diameter} height={diameter} fill={LOUPE_STYLE.background} listening={false} />
        {image && crop ? (
          <KonvaImage
            image={image as CanvasImageSource}
            crop={crop.crop}
            x={crop.dest.x}
            y={crop.dest.y}
            width={crop.dest.width}
            height={crop.dest.height}
            imageSmoothingEnabled={false}
            listening={false}
          />
        ) : null}
        <AnnotationShape primitives={shape.primitives} style={shape.style} />
        {[LOUPE_STYLE.borderHalo, LOUPE_STYLE.crosshair].map((stroke, pass) => (
          <Group key={pass} listening={false}>
            <Line points={[r - cross, r, r - 3, r]} stroke={stroke} strokeWidth={pass === 0 ? 3 : 1} listening={false} />
            <Line points={[r + 3, r, r + cross, r]} stroke={stroke} strokeWidth={pass === 0 ? 3 : 1} listening={false} />
            <Line points={[r, r - cross, r, r - 3]} stroke={stroke} strokeWidth={pass === 0 ? 3 : 1} listening={false} />
            <Line points={[r, r + 3, r, r + cross]} stroke={stroke} strokeWidth={pass === 0 ? 3 : 1} listening={false} />
          </Group>
        ))}
      </Group>
      <Circle x={r} y={r} radius={r} stroke={LOUPE_STYLE.borderHalo} strokeWidth={4} listening={false} />
      <Circle x={r} y={r} radius={r} stroke={LOUPE_STYLE.border} strokeWidth={2} listening={false} />
    </Group>
  );
});
