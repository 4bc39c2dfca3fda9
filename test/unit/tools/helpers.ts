import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { imageToScreen, type ViewTransform } from '../../../common/geometry/view-transform.ts';
import type { ToolContext, ToolEvent } from '../../../renderer/tools/types.ts';

export function context(overrides: Partial<ToolContext> = {}): ToolContext {
  return {
    transform: { scale: 1, x: 0, y: 0 },
    dragThresholdPx: 3,
    annotations: [],
    selectedId: null,
    defaultRulerLengthCm: 100,
    ...overrides,
  };
}

type PointerType = 'pointer-down' | 'pointer-move' | 'pointer-up';

/** A pointer event at an image point, with the screen point the transform puts it at. */
export function at(type: PointerType, x: number, y: number, options: { shift?: boolean; transform?: ViewTransform; button?: number } = {}): ToolEvent {
  const image = { x, y };
  const screen = imageToScreen(options.transform ?? { scale: 1, x: 0, y: 0 }, image);
  const shift = options.shift ?? false;
  if (type === 'pointer-down') return { type, image, screen, shift, button: options.button ?? 0 };
  return { type, image, screen, shift };
}

export function click(x: number, y: number, options: { shift?: boolean; transform?: ViewTransform } = {}): ToolEvent[] {
  return [at('pointer-down', x, y, options), at('pointer-up', x, y, options)];
}

export function drag(from: [number, number], to: [number, number], options: { shift?: boolean; transform?: ViewTransform } = {}): ToolEvent[] {
  const mid: [number, number] = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
  return [
    at('pointer-down', from[0], from[1], options),
    at('pointer-move', mid[0], mid[1], options),
    at('pointer-move', to[0], to[1], options),
    at('pointer-up', to[0], to[1], options),
  ];
}

export function gonio(points: [number, number][]): AnnotationGeometry {
  const [a, b, c] = points.map(([x, y]) => ({ x, y }));
  if (!a || !b || !c) throw new Error('three points');
  return { kind: 'goniometer', points: [a, b, c] };
}
