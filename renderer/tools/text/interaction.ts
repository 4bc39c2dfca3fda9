import { defineDrawingTool, storedPoint } from '../drawing-tool.ts';

/** A note pinned at a point (its plate's top-left corner); the UI asks for the text right after (`edit-text`). */
export const textTool = defineDrawingTool({
  name: { en: 'Text note', nl: 'Notitie' },
  hint: {
    en: 'Click where the note should go, then type it.',
    nl: 'Klik waar de notitie moet komen en typ hem dan.',
  },
  cursor: 'text',
  spec: {
    kind: 'text',
    pointCount: 1,
    followUp: 'edit-text',
    build: (points) => ({ kind: 'text', points: [storedPoint(points, 0)], text: '' }),
  },
});
