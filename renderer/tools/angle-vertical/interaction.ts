import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/** Two points; the angle of the segment to the vertical, measured at the first point (e.g. knee → ankle). */
export const angleVerticalTool = defineDrawingTool({
  name: { en: 'Angle to vertical', nl: 'Hoek met verticaal' },
  hint: {
    en: 'Click the base point (e.g. the knee), then the second point (e.g. the ankle).',
    nl: 'Klik op het basispunt (bijv. de knie), dan op het tweede punt (bijv. de enkel).',
  },
  cursor: 'crosshair',
  spec: {
    kind: 'angle-vertical',
    pointCount: 2,
    followUp: 'none',
    build: (points) => ({ kind: 'angle-vertical', points: [storedPoint(points, 0), storedPoint(points, 1)] }),
  },
});
