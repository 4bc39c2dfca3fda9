import { type Canvas, createCanvas, GlobalFonts, ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import type { Annotation } from '../../common/contract/annotation.ts';
import type { AngleConvention, UiLanguage } from '../../common/geometry/conventions.ts';
import type { Size } from '../../common/geometry/view-transform.ts';
import { paintFrameAnnotations } from '../../common/painter/frame-painter.ts';
import type { MeasureText } from '../../common/painter/label-layout.ts';
import type { PaintContext } from '../../common/painter/paint.ts';
import { PLATE_STYLE } from '../../common/painter/style.ts';
import { bundledFonts } from '../platform/fonts.ts';
import { evenRect, rgbaIntoYuv, yuvToRgba } from './yuv.ts';

/**
 * Paints annotations over full-resolution frames in Node (@napi-rs/canvas, Skia) with the viewer's own painter
 * (common/painter). The painter works in screen px (2 px lines, 13 px plate text), which on a 1080p picture would
 * be hair-thin: the picture is painted at `overlayScale` (1 for frames up to 960 px, 2 for 1080p, 4 for 4K), so a
 * full-resolution export looks like the viewer showing the frame at 960 px, only sharper.
 */

/** The viewer's preview width: exports draw the overlays as the viewer does on a frame of this size. */
const REFERENCE_WIDTH = 960;

export function overlayScale(size: Size): number {
  return Math.max(1, Math.max(size.width, size.height) / REFERENCE_WIDTH);
}

let fontsReady = false;
/**
 * The plate font, shipped in resources/fonts (DejaVu Sans Condensed, the report's font too; licence beside it):
 * registered under the painter's first family name, so plates look the same on every machine, fonts installed
 * or not.
 */
export function registerOverlayFonts(): void {
  if (fontsReady) return;
  const { regular, bold } = bundledFonts();
  const family = PLATE_STYLE.fontFamily.split(',')[0]!.trim().replaceAll('"', '');
  GlobalFonts.registerFromPath(regular, family);
  GlobalFonts.registerFromPath(bold, family);
  fontsReady = true;
}

export interface OverlaySettings {
  convention: AngleConvention;
  language: UiLanguage;
  cmPerPx: number | null;
}

/** One reusable canvas of a frame's size that paints frames with their overlays. */
export interface OverlayPainter {
  readonly size: Size;
  readonly scale: number;
  /** Puts the picture (RGBA, the canvas's size) on the canvas. */
  setPicture(rgba: Buffer): void;
  paintAnnotations(annotations: readonly Annotation[]): void;
  /** A caption plate in the bottom-left corner (lines of text, the last one bold). */
  paintCaption(lines: readonly string[]): void;
  /** The same caption straight into a yuv420p picture (even size, see yuv.ts), touching only its own rectangle. */
  captionIntoYuv(yuv: Buffer, lines: readonly string[]): void;
  /** The drawings over a yuv420p picture (even size): converted to RGBA, painted, converted back into `yuv`. */
  paintAnnotationsYuv(yuv: Buffer, annotations: readonly Annotation[]): void;
  /** The canvas's pixels, RGBA. */
  pixels(): Buffer;
  png(): Promise<Buffer>;
}

export function createOverlayPainter(size: Size, settings: OverlaySettings): OverlayPainter {
  registerOverlayFonts();
  const canvas = createCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  const scale = overlayScale(size);
  const measure = measurerFor(context);
  return {
    size,
    scale,
    setPicture(rgba) {
      const data = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength);
      context.putImageData(new ImageData(data, size.width, size.height), 0, 0);
    },
    paintAnnotations(annotations) {
      if (annotations.length === 0) return;
      context.save();
      context.scale(scale, scale);
      paintFrameAnnotations(
        context as unknown as PaintContext,
        annotations,
        { transform: { scale: 1 / scale, x: 0, y: 0 }, convention: settings.convention, language: settings.language, cmPerPx: settings.cmPerPx },
        { width: size.width / scale, height: size.height / scale },
        measure,
      );
      context.restore();
    },
    paintCaption(lines) {
      const box = captionBox(context, lines, scale, size);
      if (!box) return;
      context.save();
      context.scale(scale, scale);
      drawCaption(context, lines, box);
      context.restore();
    },
    captionIntoYuv(yuv, lines) {
      const box = captionBox(context, lines, scale, size);
      if (!box) return;
      const width = size.width - (size.width % 2);
      const height = size.height - (size.height % 2);
      // Only the caption's own rectangle goes through a (small) canvas: a whole frame there and back costs ~20 ms at 1080p.
      const rect = evenRect({ x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale }, width, height);
      if (rect.width <= 0 || rect.height <= 0) return;
      const small = smallCanvas(rect.width, rect.height);
      small.putImageData(new ImageData(yuvToRgba(yuv, width, height, rect), rect.width, rect.height), 0, 0);
      small.save();
      small.translate(-rect.x, -rect.y);
      small.scale(scale, scale);
      drawCaption(small, lines, box);
      small.restore();
      rgbaIntoYuv(small.getImageData(0, 0, rect.width, rect.height).data, yuv, width, height, rect);
    },
    paintAnnotationsYuv(yuv, annotations) {
      if (annotations.length === 0) return;
      const width = size.width - (size.width % 2);
      const height = size.height - (size.height % 2);
      const whole = { x: 0, y: 0, width, height };
      context.putImageData(new ImageData(yuvToRgba(yuv, width, height, whole), width, height), 0, 0);
      this.paintAnnotations(annotations);
      rgbaIntoYuv(context.getImageData(0, 0, width, height).data, yuv, width, height, whole);
    },
    pixels() {
      const data = context.getImageData(0, 0, size.width, size.height).data;
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    },
    png() {
      return canvas.encode('png');
    },
  };
}

const CAPTION = { fontSize: 15, lineHeight: 15 * 1.3, padX: 8, padY: 5, margin: 10 } as const;
const captionFont = (bold: boolean) => `${bold ? 'bold' : 'normal'} ${CAPTION.fontSize}px ${PLATE_STYLE.fontFamily}`;

interface CaptionBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where the caption plate goes, in painter px (image px / scale): the bottom-left corner. */
function captionBox(context: SKRSContext2D, lines: readonly string[], scale: number, size: Size): CaptionBox | null {
  if (lines.length === 0) return null;
  context.save();
  const textWidth = Math.max(...lines.map((line, i) => ((context.font = captionFont(i === lines.length - 1)), context.measureText(line).width)));
  context.restore();
  const width = Math.ceil(textWidth + 2 * CAPTION.padX);
  const height = Math.ceil(lines.length * CAPTION.lineHeight + 2 * CAPTION.padY);
  return { x: CAPTION.margin, y: size.height / scale - height - CAPTION.margin, width, height };
}

function drawCaption(context: SKRSContext2D, lines: readonly string[], box: CaptionBox): void {
  context.globalAlpha = 1;
  context.fillStyle = PLATE_STYLE.fill;
  context.beginPath();
  context.roundRect(box.x, box.y, box.width, box.height, PLATE_STYLE.cornerRadius);
  context.fill();
  context.fillStyle = PLATE_STYLE.text;
  context.textBaseline = 'middle';
  context.textAlign = 'left';
  lines.forEach((line, i) => {
    context.font = captionFont(i === lines.length - 1);
    context.fillText(line, box.x + CAPTION.padX, box.y + CAPTION.padY + CAPTION.lineHeight * (i + 0.5));
  });
}

let small: { canvas: Canvas; context: SKRSContext2D } | null = null;
function smallCanvas(width: number, height: number): SKRSContext2D {
  if (!small || small.canvas.width < width || small.canvas.height < height) {
    const canvas = createCanvas(Math.max(width, small?.canvas.width ?? 0), Math.max(height, small?.canvas.height ?? 0));
    small = { canvas, context: canvas.getContext('2d') };
    return small.context;
  }
  return small.context;
}

function measurerFor(context: SKRSContext2D): MeasureText {
  const cache = new Map<string, number>();
  return (text, bold) => {
    const key = `${bold ? 'b' : 'n'}${text}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    context.save();
    context.font = `${bold ? 'bold' : 'normal'} ${PLATE_STYLE.fontSizePx}px ${PLATE_STYLE.fontFamily}`;
    const width = context.measureText(text).width;
    context.restore();
    cache.set(key, width);
    return width;
  };
}
