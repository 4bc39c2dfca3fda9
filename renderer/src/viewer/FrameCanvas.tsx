import { useLayoutEffect, useRef } from 'react';
import type { Size, ViewTransform } from '../../../common/geometry/view-transform.ts';

/** Marked each time a frame bitmap is drawn; the canvas bench times key press → paint with it. */
export const FRAME_PAINTED_MARK = 'midstance:frame-painted';

/**
 * Paints the frame bitmap under the annotation stage with the same image→screen transform, so a
 * source pixel lands exactly where the annotations expect it, whatever the preview size.
 */
export function FrameCanvas({
  bitmap,
  sourceSize,
  transform,
  width,
  height,
}: {
  bitmap: ImageBitmap | null;
  sourceSize: Size;
  transform: ViewTransform;
  width: number;
  height: number;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    // A closed (evicted) bitmap has no size; drawing it would throw and take the whole viewer down.
    if (!bitmap || bitmap.width === 0) return;
    // Smooth when shrinking; crisp pixels when zoomed far in, so a landmark's edge is visible.
    context.imageSmoothingEnabled = transform.scale * dpr < 2;
    context.imageSmoothingQuality = 'high';
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    context.drawImage(
      bitmap,
      transform.x,
      transform.y,
      sourceSize.width * transform.scale,
      sourceSize.height * transform.scale,
    );
    performance.mark(FRAME_PAINTED_MARK);
    // Observers still receive it; cleared so hours of playback do not grow the timeline buffer.
    performance.clearMarks(FRAME_PAINTED_MARK);
  }, [bitmap, sourceSize.width, sourceSize.height, transform, width, height, dpr]);

  return (
    <canvas
      ref={canvasRef}
      className="frame-canvas"
      width={Math.round(width * dpr)}
      height={Math.round(height * dpr)}
      style={{ width, height }}
      aria-hidden="true"
    />
  );
}
