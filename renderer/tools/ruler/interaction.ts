import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/**
 * Two points on something of known length (e.g. marks on the treadmill). Created with the last length the user
 * entered; the UI then asks for the real length (`edit-real-length`).
 */
export const rulerTool = defineDrawingTool({
  name: { en: 'Calibration ruler', nl: 'Kalibratielat' },
  hint: {
    en: 'Click both ends of something whose real length you know, then enter that length.',
    nl: 'Klik op beide uiteinden van iets waarvan je de echte lengte weet en vul die lengte in.',
  },
  cursor: 'crosshair',
  spec: {
    kind: 'ruler',
    pointCount: 2,
    followUp: 'edit-real-length',
    build: (points, context) => ({
      kind: 'ruler',
      points: [storedPoint(points, 0), storedPoint(points, 1)],
      realLengthCm: context.defaultRulerLengthCm,
    }),
  },
});
