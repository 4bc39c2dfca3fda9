import { useCallback, useMemo } from 'react';
import type { Annotation, AnnotationGeometry, AnnotationKind } from '../../../../common/contract/annotation.ts';
import type { BodySide } from '../../../../common/contract/project.ts';
import type { Track } from '../../../../common/contract/track.ts';
import {
  annotationsOnFrame,
  isBound,
  snapToTracks,
  trackPositionsOnFrame,
  type TrackPointsById,
} from '../../../../common/tracking/track-measure.ts';

/** A click this close (screen pixels) to a track's point on the frame snaps to it and binds the drawn point. */
export const SNAP_SCREEN_PX = 10;

/** Tools whose points can follow tracks: the angle tools and the line (a ruler calibrates; markers and notes stay put). */
const BINDABLE: ReadonlySet<AnnotationKind> = new Set(['goniometer', 'angle-horizontal', 'angle-vertical', 'line']);
export const isBindableKind = (kind: AnnotationKind | string): boolean => BINDABLE.has(kind as AnnotationKind);

/** Landmarks of a knee goniometer, per side, in drawing order: hip, knee (vertex), ankle. */
export const KNEE_LANDMARKS: Readonly<Record<BodySide, readonly [string, string, string]>> = {
  left: ['leftHip', 'leftKnee', 'leftAnkle'],
  right: ['rightHip', 'rightKnee', 'rightAnkle'],
};

/** The tracks for a knee goniometer on one side (by pose landmark), or null when one is missing. */
export function kneeTracks(tracks: readonly Track[], side: BodySide): [Track, Track, Track] | null {
  const found = KNEE_LANDMARKS[side].map(
    (landmark) => tracks.find((t) => t.landmark === landmark && t.status === 'accepted') ?? tracks.find((t) => t.landmark === landmark),
  );
  return found.every((t) => t !== undefined) ? (found as [Track, Track, Track]) : null;
}

/**
 * Measurements bound to tracks in the viewer: what the frame shows (a bound annotation on every frame its tracks
 * cover, at their positions there, so its label shows that frame's value), snapping of drawn points onto tracks,
 * and moving a bound point with the Select tool, which corrects the track on this frame (an anchor, then the
 * track is followed again from there) instead of moving the drawing away from it.
 */
export function useBoundMeasurements({
  annotations,
  points,
  frame,
  scale,
  update,
  correct,
}: {
  annotations: readonly Annotation[];
  points: TrackPointsById;
  frame: number;
  /** Screen pixels per image pixel. */
  scale: number;
  update(id: string, geometry: AnnotationGeometry): void;
  correct(trackId: string, x: number, y: number): void;
}) {
  const onFrame = useMemo(() => annotationsOnFrame(annotations, points, frame), [annotations, points, frame]);

  /** A drawn geometry with its points snapped onto nearby tracks, and the bindings (null when none snapped). */
  const snap = useCallback(
    (geometry: AnnotationGeometry): { geometry: AnnotationGeometry; trackBindings: (string | null)[] | null } => {
      if (!isBindableKind(geometry.kind)) return { geometry, trackBindings: null };
      const result = snapToTracks(geometry.points, trackPositionsOnFrame(points, frame), SNAP_SCREEN_PX / scale);
      if (result.bindings.every((id) => id === null)) return { geometry, trackBindings: null };
      return { geometry: { ...geometry, points: result.points } as AnnotationGeometry, trackBindings: result.bindings };
    },
    [points, frame, scale],
  );

  const change = useCallback(
    (id: string, geometry: AnnotationGeometry) => {
      const shown = onFrame.find((a) => a.id === id);
      if (!shown || !isBound(shown)) return update(id, geometry);
      const bindings = shown.trackBindings ?? [];
      const moved = geometry.points.flatMap((point, i) => {
        const before = shown.geometry.points[i]!;
        return point.x !== before.x || point.y !== before.y ? [i] : [];
      });
      const boundMoved = moved.filter((i) => bindings[i] != null);
      // One bound point dragged: the track is corrected there. Dragging the whole drawing would pull every track
      // at once; it stays on its tracks instead.
      if (boundMoved.length === 1 && moved.length === 1) {
        const i = boundMoved[0]!;
        correct(bindings[i]!, geometry.points[i]!.x, geometry.points[i]!.y);
        return;
      }
      if (boundMoved.length === 0) {
        // Only unbound points moved: they are stored where they were dropped; bound ones keep their stored place.
        const stored = annotations.find((a) => a.id === id)!;
        const points = stored.geometry.points.map((p, i) => (moved.includes(i) ? geometry.points[i]! : p));
        update(id, { ...stored.geometry, points } as AnnotationGeometry);
      }
    },
    [onFrame, annotations, update, correct],
  );

  return { onFrame, snap, change };
}
