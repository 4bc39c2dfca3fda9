import { describe, expect, it } from 'vitest';
import { createPdfPaintContext, parseColour } from '../../../main/report/pdf-painter.ts';

/** Records the pdfkit calls the context makes (only the ones it uses). */
function recorder() {
  const calls: [string, ...unknown[]][] = [];
  const doc: Record<string, unknown> = { _font: { ascender: 900, descender: -200 } };
  for (const name of ['save', 'restore', 'moveTo', 'lineTo', 'bezierCurveTo', 'closePath', 'stroke', 'fill', 'lineWidth', 'lineCap', 'lineJoin', 'dash', 'undash', 'strokeColor', 'fillColor', 'font', 'fontSize', 'text']) {
    doc[name] = (...args: unknown[]) => {
      calls.push([name, ...args]);
      return doc;
    };
  }
  doc.widthOfString = (text: string) => text.length * 5;
  return { doc: doc as unknown as PDFKit.PDFDocument, calls };
}

describe('PDF paint context', () => {
  it('reads the painter’s colours, with their alpha, as pdfkit colour and opacity', () => {
    expect(parseColour('rgba(0, 0, 0, 0.62)')).toEqual({ colour: '#000000', alpha: 0.62 });
    expect(parseColour('rgb(255, 212, 0)')).toEqual({ colour: '#ffd400', alpha: 1 });
    expect(parseColour('#FFD400')).toEqual({ colour: '#FFD400', alpha: 1 });
  });

  it('keeps a path after fill() so stroke() paints the same outline, as a canvas does', () => {
    const { doc, calls } = recorder();
    const context = createPdfPaintContext(doc, { regular: 'r', bold: 'b' });
    context.beginPath();
    context.moveTo(1, 2);
    context.lineTo(3, 4);
    context.fillStyle = 'rgba(14, 16, 20, 0.88)';
    context.globalAlpha = 0.5;
    context.fill();
    context.strokeStyle = '#ffffff';
    context.setLineDash([6, 5]);
    context.stroke();
    const paths = calls.filter(([name]) => name === 'moveTo' || name === 'lineTo');
    expect(paths).toEqual([['moveTo', 1, 2], ['lineTo', 3, 4], ['moveTo', 1, 2], ['lineTo', 3, 4]]);
    expect(calls).toContainEqual(['fillColor', '#0e1014', 0.44]);
    expect(calls).toContainEqual(['strokeColor', '#ffffff', 0.5]);
    expect(calls).toContainEqual(['dash', [6, 5], {}]);
  });

  it('draws an arc as Bézier curves that start and end on the circle where the canvas arc does', () => {
    const { doc, calls } = recorder();
    const context = createPdfPaintContext(doc, { regular: 'r', bold: 'b' });
    context.beginPath();
    context.arc(10, 20, 5, 0, Math.PI / 2 + Math.PI / 4, false);
    context.stroke();
    const move = calls.find(([name]) => name === 'moveTo')!;
    expect(move.slice(1)).toEqual([15, 20]);
    const curves = calls.filter(([name]) => name === 'bezierCurveTo');
    expect(curves).toHaveLength(2);
    const end = curves.at(-1)!.slice(5) as number[];
    expect(end[0]).toBeCloseTo(10 + 5 * Math.cos((3 * Math.PI) / 4), 9);
    expect(end[1]).toBeCloseTo(20 + 5 * Math.sin((3 * Math.PI) / 4), 9);
  });

  it('writes plate text at the alphabetic baseline in the bold or regular face the font string names', () => {
    const { doc, calls } = recorder();
    const context = createPdfPaintContext(doc, { regular: 'r', bold: 'b' });
    context.font = 'bold 13px system-ui, sans-serif';
    context.fillStyle = '#F4F6F8';
    context.fillText('139.0°', 7, 9);
    expect(calls).toContainEqual(['font', 'b']);
    expect(calls).toContainEqual(['fontSize', 13]);
    expect(calls).toContainEqual(['text', '139.0°', 7, 9, { lineBreak: false, baseline: 'alphabetic' }]);
    expect(context.measureText('abc').width).toBe(15);
    expect(context.measureText('abc').fontBoundingBoxAscent).toBeCloseTo(11.7, 9);
  });
});
