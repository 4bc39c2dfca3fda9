/**
 * BT.709 limited-range yuv420p ↔ RGBA for rectangles of a picture, so a slowed export pipes planar YUV (1.5 bytes
 * a pixel, no conversion in either ffmpeg) and converts to RGBA only where something is painted: a frame with
 * drawings, or the caption's corner. The decoder hands frames over in exactly this form (scale filter with
 * out_color_matrix=bt709, out_range=tv) and the encoder tags its output so.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const yuvFrameBytes = (width: number, height: number): number => width * height + 2 * ((width >> 1) * (height >> 1));

/** A rectangle grown to even edges (chroma covers 2×2 pixels) and clipped to the picture. */
export function evenRect(rect: Rect, width: number, height: number): Rect {
  const x0 = Math.max(0, Math.floor(rect.x / 2) * 2);
  const y0 = Math.max(0, Math.floor(rect.y / 2) * 2);
  const x1 = Math.min(width, Math.ceil((rect.x + rect.width) / 2) * 2);
  const y1 = Math.min(height, Math.ceil((rect.y + rect.height) / 2) * 2);
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** The rectangle (even edges) of a yuv420p picture as RGBA, rect.width × rect.height. */
export function yuvToRgba(yuv: Uint8Array, width: number, height: number, rect: Rect): Uint8ClampedArray {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  const uPlane = width * height;
  const vPlane = uPlane + (width >> 1) * (height >> 1);
  const chromaWidth = width >> 1;
  for (let row = 0; row < rect.height; row++) {
    const y = rect.y + row;
    const chromaRow = (y >> 1) * chromaWidth;
    let o = row * rect.width * 4;
    for (let col = 0; col < rect.width; col++) {
      const x = rect.x + col;
      const c = 1.164383 * (yuv[y * width + x]! - 16);
      const u = yuv[uPlane + chromaRow + (x >> 1)]! - 128;
      const v = yuv[vPlane + chromaRow + (x >> 1)]! - 128;
      out[o] = clamp(c + 1.792741 * v);
      out[o + 1] = clamp(c - 0.213249 * u - 0.532909 * v);
      out[o + 2] = clamp(c + 2.112402 * u);
      out[o + 3] = 255;
      o += 4;
    }
  }
  return out;
}

/** Writes RGBA pixels (rect.width × rect.height, even edges) into that rectangle of a yuv420p picture. */
export function rgbaIntoYuv(rgba: Uint8Array | Uint8ClampedArray, yuv: Uint8Array, width: number, height: number, rect: Rect): void {
  const uPlane = width * height;
  const vPlane = uPlane + (width >> 1) * (height >> 1);
  const chromaWidth = width >> 1;
  for (let row = 0; row < rect.height; row++) {
    const y = rect.y + row;
    let i = row * rect.width * 4;
    for (let col = 0; col < rect.width; col++) {
      yuv[y * width + rect.x + col] = clamp(Math.round(16 + 0.182586 * rgba[i]! + 0.614231 * rgba[i + 1]! + 0.062007 * rgba[i + 2]!));
      i += 4;
    }
  }
  for (let row = 0; row < rect.height; row += 2) {
    const chromaRow = ((rect.y + row) >> 1) * chromaWidth;
    for (let col = 0; col < rect.width; col += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]] as const) {
        const i = ((row + dy) * rect.width + col + dx) * 4;
        r += rgba[i]!;
        g += rgba[i + 1]!;
        b += rgba[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const at = chromaRow + ((rect.x + col) >> 1);
      yuv[uPlane + at] = clamp(Math.round(128 - 0.100644 * r - 0.338572 * g + 0.439216 * b));
      yuv[vPlane + at] = clamp(Math.round(128 + 0.439216 * r - 0.398942 * g - 0.040274 * b));
    }
  }
}
