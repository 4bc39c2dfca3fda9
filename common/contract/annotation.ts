import { z } from 'zod';

/**
 * A point in source-video pixels of the upright (rotation-applied) full-resolution frame.
 * Zoom, window size and preview size never change stored values.
 */
export const ImagePoint = z.object({ x: z.number().finite(), y: z.number().finite() });
export type ImagePoint = z.infer<typeof ImagePoint>;

export const AnnotationStyle = z.object({
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  strokeWidth: z.number().min(0.5).max(20),
});
export type AnnotationStyle = z.infer<typeof AnnotationStyle>;

const twoPoints = z.tuple([ImagePoint, ImagePoint]);

/** The shape of each tool's stored geometry, discriminated by tool kind. */
export const AnnotationGeometry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('goniometer'), points: z.tuple([ImagePoint, ImagePoint, ImagePoint]) }),
  z.object({ kind: z.literal('line'), points: twoPoints }),
  z.object({ kind: z.literal('angle-horizontal'), points: twoPoints }),
  z.object({ kind: z.literal('angle-vertical'), points: twoPoints }),
  z.object({
    kind: z.literal('ruler'),
    points: twoPoints,
    /** The real length the user says this line has; sets cm per pixel for its clip. */
    realLengthCm: z.number().positive().max(100_000),
  }),
  z.object({ kind: z.literal('marker'), points: z.tuple([ImagePoint]) }),
  z.object({ kind: z.literal('text'), points: z.tuple([ImagePoint]), text: z.string().max(2000) }),
]);
export type AnnotationGeometry = z.infer<typeof AnnotationGeometry>;
export type AnnotationKind = AnnotationGeometry['kind'];

/**
 * Which track each geometry point follows, one entry per point in geometry order (null = the point stays where
 * it was drawn). A bound annotation has a value on every frame where its tracks have a position. An entry may
 * name a track that was deleted: the binding is kept (undo of the delete restores the track under the same id)
 * and the point is shown as "track missing", the annotation falling back to its stored geometry on its own frame.
 */
export const TrackBindings = z.array(z.string().min(1).max(64).nullable()).min(1).max(3);
export type TrackBindings = z.infer<typeof TrackBindings>;

export const Annotation = z.object({
  id: z.string().min(1).max(64),
  clipId: z.string().min(1).max(64),
  frameIndex: z.number().int().min(0),
  /** Presentation time of that frame on the file's timeline, seconds (kept to re-anchor if needed). */
  frameTime: z.number().finite(),
  geometry: AnnotationGeometry,
  /** Preset label key (e.g. "knee-midstance-left") or free text; the checklist and report use it. */
  label: z.string().max(200).nullable(),
  style: AnnotationStyle,
  /** Null (or absent in older callers) when no point is bound to a track. */
  trackBindings: TrackBindings.nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof Annotation>;
