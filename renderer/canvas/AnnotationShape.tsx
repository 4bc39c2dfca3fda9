import { memo, type ReactElement } from 'react';
import { Circle, Group, Line, Rect, Shape, Text } from 'react-konva';
import type { AnnotationStyle } from '../../common/contract/annotation.ts';
import type { DrawPrimitive } from '../../common/geometry/drawing.ts';
import type { Size } from '../../common/geometry/view-transform.ts';
import type { Vec2 } from '../../common/geometry/vector.ts';
import { layoutPlate, type MeasureText } from './label-layout.ts';
import { HANDLE_STYLE, haloColor, PLATE_STYLE, strokeSpecs, type StrokeSpec } from './style.ts';

/**
 * Draws screen-space primitives with Konva. Everything is non-listening: hit testing is done by the pure
 * geometry, which keeps Konva from painting hit canvases for hundreds of shapes.
 */

const flat = (points: readonly Vec2[]): number[] => points.flatMap((p) => [p.x, p.y]);
const rad = (deg: number): number => (deg * Math.PI) / 180;

function StrokePrimitive({ primitive, spec }: { primitive: DrawPrimitive; spec: StrokeSpec }): ReactElement | null {
  const common = {
    stroke: spec.stroke,
    strokeWidth: spec.strokeWidth,
    dash: spec.dash,
    opacity: spec.opacity,
    listening: false,
    perfectDrawEnabled: false,
    lineCap: 'round' as const,
    lineJoin: 'round' as const,
  };
  switch (primitive.type) {
    case 'path':
      return <Line points={flat(primitive.points)} {...common} />;
    case 'arc': {
      const { center, radius, startDeg, sweepDeg } = primitive;
      return (
        <Shape
          {...common}
          sceneFunc={(context, shape) => {
            context.beginPath();
            context.arc(center.x, center.y, radius, rad(startDeg), rad(startDeg + sweepDeg), false);
            context.strokeShape(shape);
          }}
        />
      );
    }
    case 'ring':
      return <Circle x={primitive.center.x} y={primitive.center.y} radius={primitive.radius} {...common} />;
    case 'label':
      return null;
  }
}

export interface LabelPlateProps {
  readonly primitive: Extract<DrawPrimitive, { type: 'label' }>;
  readonly accent: string;
  readonly measure: MeasureText;
  readonly viewport: Size | null;
}

export function LabelPlate({ primitive, accent, measure, viewport }: LabelPlateProps): ReactElement | null {
  const layout = layoutPlate(primitive.anchor, primitive.placement, primitive.lines, primitive.note, measure, viewport);
  if (!layout) return null;
  return (
    <Group listening={false}>
      <Rect
        x={layout.x}
        y={layout.y}
        width={layout.width}
        height={layout.height}
        fill={PLATE_STYLE.fill}
        stroke={PLATE_STYLE.border}
        strokeWidth={1}
        cornerRadius={PLATE_STYLE.cornerRadius}
        listening={false}
        perfectDrawEnabled={false}
      />
      <Rect
        x={layout.x}
        y={layout.y}
        width={PLATE_STYLE.accentWidth}
        height={layout.height}
        fill={accent}
        cornerRadius={[PLATE_STYLE.cornerRadius, 0, 0, PLATE_STYLE.cornerRadius]}
        listening={false}
        perfectDrawEnabled={false}
      />
      {layout.lines.map((line, i) => (
        <Text
          key={i}
          x={line.x}
          y={line.y}
          text={line.text}
          fontSize={PLATE_STYLE.fontSizePx}
          fontFamily={PLATE_STYLE.fontFamily}
          fontStyle={line.bold ? 'bold' : 'normal'}
          lineHeight={PLATE_STYLE.lineHeight}
          fill={PLATE_STYLE.text}
          listening={false}
          perfectDrawEnabled={false}
        />
      ))}
    </Group>
  );
}

export interface AnnotationShapeProps {
  readonly primitives: readonly DrawPrimitive[];
  readonly style: AnnotationStyle;
  readonly opacity?: number;
  readonly showLabels?: boolean;
  readonly measure: MeasureText;
  /** Plates are kept inside this area (screen px); null = no clamping (e.g. inside the loupe). */
  readonly viewport: Size | null;
}

/** One annotation: all halos first, then the strokes, then its label plates. */
export const AnnotationShape = memo(function AnnotationShape({
  primitives,
  style,
  opacity = 1,
  showLabels = true,
  measure,
  viewport,
}: AnnotationShapeProps): ReactElement {
  const strokes = primitives.filter((p) => p.type !== 'label');
  const labels = showLabels ? primitives.filter((p): p is Extract<DrawPrimitive, { type: 'label' }> => p.type === 'label') : [];
  const marker = primitives.find((p): p is Extract<DrawPrimitive, { type: 'ring' }> => p.type === 'ring');
  return (
    <Group opacity={opacity} listening={false}>
      {strokes.map((p, i) => (
        <StrokePrimitive key={`h${i}`} primitive={p} spec={strokeSpecs(style, p.type === 'path' || p.type === 'arc' ? p.role : 'main').halo} />
      ))}
      {strokes.map((p, i) => (
        <StrokePrimitive key={`s${i}`} primitive={p} spec={strokeSpecs(style, p.type === 'path' || p.type === 'arc' ? p.role : 'main').stroke} />
      ))}
      {marker ? (
        <Circle x={marker.center.x} y={marker.center.y} radius={1.6} fill={style.color} stroke={haloColor(style.color)} strokeWidth={1} listening={false} />
      ) : null}
      {labels.map((p, i) => (
        <LabelPlate key={`l${i}`} primitive={p} accent={style.color} measure={measure} viewport={viewport} />
      ))}
    </Group>
  );
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
