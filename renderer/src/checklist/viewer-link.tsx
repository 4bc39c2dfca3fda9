import { createContext, useContext } from 'react';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../common/contract/app.ts';
import type { GaitTiming } from '../../../common/gait/timing.ts';

/** What the viewer shows right now, as the checklist needs it: live measurements, timing, the frame on screen. */
export interface ViewerState {
  clipId: string;
  frameIndex: number;
  annotations: readonly Annotation[];
  timing: GaitTiming | null;
  goTo(frame: number): void;
  /** For exports: the clip's frame count, capture rate and in/out range. */
  frameCount?: number;
  captureFps?: number;
  range?: { in: number | null; out: number | null };
}

export interface ViewerLink {
  /** Null while no clip is open. */
  viewer: ViewerState | null;
  convention: AngleConvention;
  /** Remember the frame to show when this clip is opened next (for linked stills of another clip). */
  placeFrame(clipId: string, frame: number): void;
}

export const ViewerLinkContext = createContext<ViewerLink | null>(null);

export function useViewerLink(): ViewerLink {
  return useContext(ViewerLinkContext) ?? { viewer: null, convention: 'interior', placeFrame: () => {} };
}
