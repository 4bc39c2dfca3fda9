import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../common/contract/app.ts';
import type { GaitTiming } from '../../../common/gait/timing.ts';
import type { GaitEvent } from '../../../common/contract/project.ts';
import type { TrackPointsById } from '../../../common/tracking/track-measure.ts';

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
  /** The clip's track points and marked events: measurements bound to tracks count at the marked events. */
  tracks?: TrackPointsById;
  events?: readonly GaitEvent[];
}

/**
 * The focused viewer's state, published outside React's tree: the viewer changes it on every step, and only the
 * panels that read it (the checklist) should render again — not the workspace or the side panel around them.
 */
export interface ViewerStateStore {
  get(): ViewerState | null;
  /** Publishes the state of the viewer `owner`; null withdraws it (only when `owner` is the one published). */
  set(owner: object, state: ViewerState | null): void;
  subscribe(listener: () => void): () => void;
}

export function createViewerStateStore(): ViewerStateStore {
  let current: ViewerState | null = null;
  let currentOwner: object | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(owner, state) {
      if (state === null && owner !== currentOwner) return;
      current = state;
      currentOwner = state === null ? null : owner;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface ViewerLinkSource {
  store: ViewerStateStore;
  convention: AngleConvention;
  /** Remember the frame to show when this clip is opened next (for linked stills of another clip). */
  placeFrame(clipId: string, frame: number): void;
}

export interface ViewerLink {
  /** Null while no clip is open. */
  viewer: ViewerState | null;
  convention: AngleConvention;
  /** Remember the frame to show when this clip is opened next (for linked stills of another clip). */
  placeFrame(clipId: string, frame: number): void;
}

export const ViewerLinkContext = createContext<ViewerLinkSource | null>(null);

const NO_STORE = createViewerStateStore();

export function useViewerLink(): ViewerLink {
  const source = useContext(ViewerLinkContext);
  const store = source?.store ?? NO_STORE;
  const viewer = useSyncExternalStore(store.subscribe, store.get);
  return { viewer, convention: source?.convention ?? 'interior', placeFrame: source?.placeFrame ?? (() => {}) };
}

/** Where the viewers publish their state (the side panel's checklist reads it back through useViewerLink). */
export function useViewerStateStore(): ViewerStateStore | null {
  return useContext(ViewerLinkContext)?.store ?? null;
}
