import type Konva from 'konva';
import { memo, useCallback, type ReactElement } from 'react';
import { Circle, Group, Line, Shape } from 'react-konva';
import type { AnnotationStyle } from '../../common/contract/annotation.ts';
import type { DrawPrimitive } from '../../common/geometry/drawing.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import type { PlateLayout } from '../../common/painter/label-layout.ts';
import { paintAnnotation } from '../../common/painter/paint.ts';
import { HANDLE_STYLE, haloColor } from '../../common/painter/style.ts';

/**
 * Draws screen-space primitives with Konva. Everything is non-listening: hit testing is done by the pure
 * geometry, which keeps Konva from painting hit canvases for hundreds of shapes.
 */

export interface AnnotationShapeProps {
  readonly primitives: readonly DrawPrimitive[];
  readonly style: AnnotationStyle;
  readonly opacity?: number;
  /** Its label plates, laid out with the rest of the frame (label-layout.ts); none = no labels. */
  readonly plates?: readonly PlateLayout[];
}

const NO_PLATES: readonly PlateLayout[] = [];

/** One annotation as one Konva shape: all halos first, then the strokes, then its label plates (see paint.ts). */
export const AnnotationShape = memo(function AnnotationShape({
  primitives,
  style,
  opacity = 1,
  plates = NO_PLATES,
}: AnnotationShapeProps): ReactElement {
  const sceneFunc = useCallback(
    (context: Konva.Context) => {
      const native = context._context;
      paintAnnotation(native, primitives, style, plates, native.globalAlpha);
    },
    [primitives, style, plates],
  );
  return <Shape sceneFunc={sceneFunc} opacity={opacity} listening={false} perfectDrawEnabled={false} />;
});

export interface HandlesProps {
  readonly points: readonly Vec2[];
  readonly color: string;
  /** The handle under the user's pointer right now: drawn as a thin crosshair so the exact spot stays visible. */
  readonly activeIndex?: number | null;
}

export const Handles = memo(function Handles({ points, color, activeIndex = null }: HandlesProps): ReactElement {
  const size = HANDLE_STYLE.crosshairPx;
  return (
    <Group listening={false}>
      {points.map((p, i) =>
        i === activeIndex ? (
          <Group key={i} listening={false}>
            {[haloColor(color), color].map((stroke, pass) => (
              <Line
                key={pass}
                points={[p.x - size, p.y, p.x + size, p.y]}
                stroke={stroke}
                strokeWidth={pass === 0 ? 3 : 1}
                listening={false}
              />
            ))}
            {[haloColor(color), color].map((stroke, pass) => (
              <Line
                key={`v${pass}`}
                points={[p.x, p.y - size, p.x, p.y + size]}
                stroke={stroke}
                strokeWidth={pass === 0 ? 3 : 1}
                listening={false}
              />
            ))}
          </Group>
        ) : (
          <Circle
            key={i}
            x={p.x}
            y={p.y}
            radius={HANDLE_STYLE.radius}
            fill={HANDLE_STYLE.fill}
            stroke={HANDLE_STYLE.ring}
            strokeWidth={1.5}
            listening={false}
            perfectDrawEnabled={false}
          />
        ),
      )}
    </Group>
  );
});
