import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/** Two points; shows its length in px, or in cm once the clip has a calibration ruler. */
export const lineTool = defineDrawingTool({
  name: { en: 'Line', nl: 'Lijn' },
  hint: {
    en: 'Click or drag from the start to the end of the line. Shift keeps it at 15° steps.',
    nl: 'Klik of sleep van het begin naar het eind van de lijn. Met Shift blijft hij op stappen van 15°.',
  },
  cursor: 'crosshair',
  spec: {
    kind: 'line',
    pointCount: 2,
    followUp: 'none',
    build: (points) => ({ kind: 'line', points: [storedPoint(points, 0), storedPoint(points, 1)] }),
  },
});
