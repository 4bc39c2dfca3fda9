import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/** Three points: arm end – vertex – arm end (e.g. hip – knee – ankle). */
export const goniometerTool = defineDrawingTool({
  name: { en: 'Goniometer', nl: 'Goniometer' },
  hint: {
    en: 'Click the end of the first arm, then the joint (vertex), then the end of the second arm.',
    nl: 'Klik op het eind van de eerste arm, dan op het gewricht (hoekpunt), dan op het eind van de tweede arm.',
  },
  cursor: 'crosshair',
  spec: {
    kind: 'goniometer',
    pointCount: 3,
    followUp: 'none',
    build: (points) => ({
      kind: 'goniometer',
      points: [storedPoint(points, 0), storedPoint(points, 1), storedPoint(points, 2)],
    }),
  },
});
