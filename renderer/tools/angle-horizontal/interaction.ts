import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/** Two points; the angle of the segment to the horizontal, measured at the first point (e.g. hip → shoulder). */
export const angleHorizontalTool = defineDrawingTool({
  name: { en: 'Angle to horizontal', nl: 'Hoek met horizontaal' },
  hint: {
    en: 'Click the base point (e.g. the hip), then the second point (e.g. the shoulder).',
    nl: 'Klik op het basispunt (bijv. de heup), dan op het tweede punt (bijv. de schouder).',
  },
  cursor: 'crosshair',
  spec: {
    kind: 'angle-horizontal',
    pointCount: 2,
    followUp: 'none',
    build: (points) => ({ kind: 'angle-horizontal', points: [storedPoint(points, 0), storedPoint(points, 1)] }),
  },
});
