import type { MeasureText } from './label-layout.ts';
import { estimateTextWidth } from './label-layout.ts';
import { PLATE_STYLE } from './style.ts';

let context: CanvasRenderingContext2D | null | undefined;
const cache = new Map<string, number>();

/** Plate text width from the browser's own font metrics (cached); falls back to an estimate without a DOM. */
export const measurePlateText: MeasureText = (text, bold) => {
  const key = `${bold ? 'b' : 'n'}${text}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return estimateTextWidth(text, bold);
  context.font = `${bold ? 'bold ' : ''}${PLATE_STYLE.fontSizePx}px ${PLATE_STYLE.fontFamily}`;
  const width = context.measureText(text).width;
  if (cache.size > 5000) cache.clear();
  cache.set(key, width);
  return width;
};
