import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/** One point (e.g. a joint centre or the heel at contact); press and drag to fine-tune before releasing. */
export const markerTool = defineDrawingTool({
  name: { en: 'Marker', nl: 'Markering' },
  hint: {
    en: 'Click a point; hold the button and drag to fine-tune it with the loupe.',
    nl: 'Klik op een punt; houd de knop ingedrukt en sleep om het met de loep precies te plaatsen.',
  },
  cursor: 'crosshair',
  spec: {
    kind: 'marker',
    pointCount: 1,
    followUp: 'none',
    build: (points) => ({ kind: 'marker', points: [storedPoint(points, 0)] }),
  },
});
