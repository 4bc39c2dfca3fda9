/**
 * Which frames of the tracks the viewer holds: a window around the current frame, wide enough for the trails
 * and a few seconds of stepping, loaded again once the current frame comes near its edge.
 */
export interface FrameWindow {
  fromFrame: number;
  toFrame: number;
}

export const WINDOW_HALF = 240;
/** Frames kept between the current frame and the window's edge before loading the next window. */
export const WINDOW_MARGIN = 60;

export function frameWindowAround(frame: number, half = WINDOW_HALF): FrameWindow {
  const center = Math.max(0, Math.round(frame));
  return { fromFrame: Math.max(0, center - half), toFrame: center + half };
}

export function needsNewWindow(window: FrameWindow, frame: number, margin = WINDOW_MARGIN): boolean {
  const nearStart = window.fromFrame > 0 && frame < window.fromFrame + margin;
  return nearStart || frame > window.toFrame - margin;
}
