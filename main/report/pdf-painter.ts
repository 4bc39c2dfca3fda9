import type PDFDocument from 'pdfkit';
import type { PaintContext } from '../../common/painter/paint.ts';

/**
 * The annotation painter's 2-D context (common/painter/paint.ts) on a PDF page, as vectors: pdfkit's path,
 * stroke, fill, dash, opacity and text. Canvas keeps a path after stroke()/fill() (the painter fills a plate,
 * then strokes the same path), PDF consumes it; so the path is recorded here and replayed per paint.
 * Coordinates are the painter's screen px; the caller sets the PDF transform that maps them onto the page.
 */

type PathOp =
  | { op: 'move'; x: number; y: number }
  | { op: 'line'; x: number; y: number }
  | { op: 'curve'; c: [number, number, number, number, number, number] }
  | { op: 'close' };

export interface PdfFonts {
  regular: string;
  bold: string;
}

interface Colour {
  colour: string;
  alpha: number;
}

/** '#rrggbb', '#rgb' or 'rgba(r, g, b, a)' → pdfkit colour + opacity. */
export function parseColour(css: string): Colour {
  const rgba = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(css.trim());
  if (rgba) {
    const hex = [rgba[1], rgba[2], rgba[3]].map((v) => Math.round(Number(v)).toString(16).padStart(2, '0')).join('');
    return { colour: `#${hex}`, alpha: rgba[4] === undefined ? 1 : Number(rgba[4]) };
  }
  return { colour: css.trim(), alpha: 1 };
}

const KAPPA_STEP = Math.PI / 2;

export function createPdfPaintContext(doc: PDFKit.PDFDocument, fonts: PdfFonts): PaintContext {
  let path: PathOp[] = [];
  let current: { x: number; y: number } | null = null;
  let fontBold = false;
  let fontSize = 13;
  let dash: number[] = [];

  const addArc = (cx: number, cy: number, r: number, start: number, end: number, anticlockwise: boolean) => {
    let sweep = end - start;
    if (!anticlockwise && sweep < 0) sweep = (sweep % (2 * Math.PI)) + 2 * Math.PI;
    if (anticlockwise && sweep > 0) sweep = (sweep % (2 * Math.PI)) - 2 * Math.PI;
    if (Math.abs(end - start) >= 2 * Math.PI) sweep = anticlockwise ? -2 * Math.PI : 2 * Math.PI;
    const sx = cx + r * Math.cos(start);
    const sy = cy + r * Math.sin(start);
    if (current) path.push({ op: 'line', x: sx, y: sy });
    else path.push({ op: 'move', x: sx, y: sy });
    const segments = Math.max(1, Math.ceil(Math.abs(sweep) / KAPPA_STEP - 1e-9));
    const step = sweep / segments;
    const k = (4 / 3) * Math.tan(step / 4);
    let a = start;
    for (let i = 0; i < segments; i++) {
      const b = a + step;
      const [ca, sa, cb, sb] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b)];
      path.push({
        op: 'curve',
        c: [cx + r * (ca - k * sa), cy + r * (sa + k * ca), cx + r * (cb + k * sb), cy + r * (sb - k * cb), cx + r * cb, cy + r * sb],
      });
      a = b;
    }
    current = { x: cx + r * Math.cos(start + sweep), y: cy + r * Math.sin(start + sweep) };
  };

  const replay = () => {
    for (const step of path) {
      if (step.op === 'move') doc.moveTo(step.x, step.y);
      else if (step.op === 'line') doc.lineTo(step.x, step.y);
      else if (step.op === 'curve') doc.bezierCurveTo(...step.c);
      else doc.closePath();
    }
  };

  const state = {
    globalAlpha: 1,
    strokeStyle: '#000000' as string | CanvasGradient | CanvasPattern,
    fillStyle: '#000000' as string | CanvasGradient | CanvasPattern,
    lineWidth: 1,
    lineCap: 'butt' as CanvasLineCap,
    lineJoin: 'miter' as CanvasLineJoin,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    textAlign: 'start' as CanvasTextAlign,
  };
  const useFont = () => doc.font(fontBold ? fonts.bold : fonts.regular).fontSize(fontSize);

  const context = {
    ...state,
    get font() {
      return `${fontBold ? 'bold' : 'normal'} ${fontSize}px sans-serif`;
    },
    set font(value: string) {
      fontBold = /\bbold\b|\b[6-9]00\b/.test(value);
      const size = /([\d.]+)px/.exec(value);
      fontSize = size ? Number(size[1]) : 13;
    },
    beginPath() {
      path = [];
      current = null;
    },
    closePath() {
      path.push({ op: 'close' });
    },
    moveTo(x: number, y: number) {
      path.push({ op: 'move', x, y });
      current = { x, y };
    },
    lineTo(x: number, y: number) {
      path.push(current ? { op: 'line', x, y } : { op: 'move', x, y });
      current = { x, y };
    },
    arc(x: number, y: number, radius: number, startAngle: number, endAngle: number, counterclockwise?: boolean) {
      addArc(x, y, radius, startAngle, endAngle, counterclockwise ?? false);
    },
    roundRect(x: number, y: number, w: number, h: number, radii?: number | DOMPointInit | (number | DOMPointInit)[]) {
      const list = Array.isArray(radii) ? radii : [radii ?? 0];
      const r = list.map((v) => (typeof v === 'number' ? v : (v.x ?? 0)));
      const [tl, tr, br, bl] = r.length === 1 ? [r[0]!, r[0]!, r[0]!, r[0]!] : r.length === 2 ? [r[0]!, r[1]!, r[0]!, r[1]!] : [r[0]!, r[1]!, r[2]!, r[3]!];
      context.moveTo(x + tl, y);
      context.lineTo(x + w - tr, y);
      if (tr > 0) addArc(x + w - tr, y + tr, tr, -Math.PI / 2, 0, false);
      context.lineTo(x + w, y + h - br);
      if (br > 0) addArc(x + w - br, y + h - br, br, 0, Math.PI / 2, false);
      context.lineTo(x + bl, y + h);
      if (bl > 0) addArc(x + bl, y + h - bl, bl, Math.PI / 2, Math.PI, false);
      context.lineTo(x, y + tl);
      if (tl > 0) addArc(x + tl, y + tl, tl, Math.PI, (3 * Math.PI) / 2, false);
      context.closePath();
    },
    stroke() {
      if (path.length === 0) return;
      const { colour, alpha } = parseColour(String(context.strokeStyle));
      doc.save();
      doc.lineWidth(context.lineWidth).lineCap(context.lineCap).lineJoin(context.lineJoin);
      if (dash.length > 0 && dash.every((v) => v > 0)) doc.dash(dash as unknown as number, {});
      else doc.undash();
      doc.strokeColor(colour, alpha * context.globalAlpha);
      replay();
      doc.stroke();
      doc.restore();
    },
    fill() {
      if (path.length === 0) return;
      const { colour, alpha } = parseColour(String(context.fillStyle));
      doc.save();
      doc.fillColor(colour, alpha * context.globalAlpha);
      replay();
      doc.fill();
      doc.restore();
    },
    fillText(text: string, x: number, y: number) {
      const { colour, alpha } = parseColour(String(context.fillStyle));
      doc.save();
      useFont();
      doc.fillColor(colour, alpha * context.globalAlpha);
      const width = doc.widthOfString(text);
      const left = context.textAlign === 'center' ? x - width / 2 : context.textAlign === 'right' || context.textAlign === 'end' ? x - width : x;
      doc.text(text, left, y, { lineBreak: false, baseline: context.textBaseline === 'alphabetic' ? 'alphabetic' : 'top' });
      doc.restore();
    },
    setLineDash(segments: number[]) {
      dash = [...segments];
    },
    measureText(text: string): TextMetrics {
      useFont();
      const width = doc.widthOfString(text);
      const font = (doc as unknown as { _font: { ascender: number; descender: number } })._font;
      const ascent = (font.ascender / 1000) * fontSize;
      const descent = (-font.descender / 1000) * fontSize;
      return {
        width,
        actualBoundingBoxAscent: ascent,
        actualBoundingBoxDescent: descent,
        fontBoundingBoxAscent: ascent,
        fontBoundingBoxDescent: descent,
        actualBoundingBoxLeft: 0,
        actualBoundingBoxRight: width,
        alphabeticBaseline: 0,
        emHeightAscent: ascent,
        emHeightDescent: descent,
        hangingBaseline: ascent,
        ideographicBaseline: -descent,
      };
    },
  };
  return context as unknown as PaintContext;
}

export type { PDFDocument };
