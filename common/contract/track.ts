import { z } from 'zod';
import { defineCall, defineEvent } from './define.ts';

/**
 * Tracks: a point followed through a clip, one position per frame. A track comes from point tracking (template
 * matching), colour-blob tracking (stickers) or pose detection (one track per landmark). Coordinates are source
 * pixels of the upright frame, as annotations are. Points the user placed or corrected are anchors: tracking
 * never moves them and re-runs from them. Proposed tracks (pose) become measurements only once accepted.
 *
 * Edits answer `{ record, savedAt }` like every project edit; each answer carries what the edit replaced, so
 * the renderer's undo stack can put it back (see replacePoints and setAnchor).
 */

const Id = z.string().min(1).max(64);

export const TrackSource = z.enum(['point', 'blob', 'pose']);
export type TrackSource = z.infer<typeof TrackSource>;

export const TrackStatus = z.enum(['proposed', 'accepted']);
export type TrackStatus = z.infer<typeof TrackStatus>;

/** Pose landmark names (camelCase, e.g. leftKnee, rightHeel, leftFootIndex); free text for other tracks. */
export const TrackLandmark = z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9]*$/, 'expected a landmark name like leftKnee');

/** At most this many points cross the API in one call (a 10-minute 240 fps clip has 144,000 frames). */
export const MAX_TRACK_POINTS = 200_000;

export const TrackPoint = z.object({
  frameIndex: z.number().int().min(0),
  x: z.number().finite(),
  y: z.number().finite(),
  /** 0 = lost, 1 = certain (anchors are 1). */
  confidence: z.number().min(0).max(1),
  /** Placed or corrected by the user: never moved by tracking. */
  anchor: z.boolean(),
});
export type TrackPoint = z.infer<typeof TrackPoint>;

export const Track = z.object({
  id: Id,
  clipId: Id,
  label: z.string().max(200),
  source: TrackSource,
  landmark: TrackLandmark.nullable(),
  status: TrackStatus,
  /** Number of frames with a position, and the first and last of them (null when the track has none). */
  pointCount: z.number().int().nonnegative(),
  firstFrame: z.number().int().min(0).nullable(),
  lastFrame: z.number().int().min(0).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Track = z.infer<typeof Track>;

export const TrackWithPoints = Track.extend({ points: z.array(TrackPoint).max(MAX_TRACK_POINTS) });
export type TrackWithPoints = z.infer<typeof TrackWithPoints>;

const Points = z.array(TrackPoint).max(MAX_TRACK_POINTS);

export const TrackDraft = z.object({
  /** Give the id of a deleted track to restore it (undo). */
  id: Id.optional(),
  clipId: Id,
  label: Track.shape.label.optional(),
  source: TrackSource,
  landmark: TrackLandmark.nullable().optional(),
  /** Point and blob tracks start accepted (the user picked them); pose tracks start proposed. */
  status: TrackStatus.optional(),
  points: Points.optional(),
});
export type TrackDraft = z.input<typeof TrackDraft>;

export const TrackPatch = z
  .object({ label: Track.shape.label, landmark: TrackLandmark.nullable(), status: TrackStatus })
  .partial();
export type TrackPatch = z.input<typeof TrackPatch>;

/** A frame range, both ends included. */
export const FrameRange = z
  .object({ fromFrame: z.number().int().min(0), toFrame: z.number().int().min(0) })
  .refine((range) => range.fromFrame <= range.toFrame, 'fromFrame must not be after toFrame');
export type FrameRange = z.infer<typeof FrameRange>;

/** What an edit of points did: the track after it and the points it replaced (for undo). */
export const TrackPointsEdit = z.object({ track: Track, replaced: Points, range: FrameRange.nullable() });
export type TrackPointsEdit = z.infer<typeof TrackPointsEdit>;

/** One range a tracking run wrote: what was there before (undo puts it back) and what it wrote (redo). */
export const TrackRunEdit = z.object({ range: FrameRange, replaced: Points, written: Points, lost: z.boolean() });
export type TrackRunEdit = z.infer<typeof TrackRunEdit>;

const saved = <T extends z.ZodType>(record: T) => z.object({ record, savedAt: z.string() });
const byId = z.object({ id: Id });

export const trackCalls = {
  'tracks.list': defineCall({
    summary: 'Tracks of a clip (without their points), sorted by creation.',
    input: z.object({ clipId: Id }),
    output: z.array(Track),
  }),
  'tracks.get': defineCall({
    summary: 'A track with its points by frame; only the frames in fromFrame..toFrame when given.',
    input: z.object({ id: Id, fromFrame: z.number().int().min(0).optional(), toFrame: z.number().int().min(0).optional() }),
    output: TrackWithPoints,
  }),
  'tracks.create': defineCall({
    summary: 'Store a track with its points (an id restores a deleted track).',
    input: TrackDraft,
    output: saved(TrackWithPoints),
  }),
  'tracks.update': defineCall({
    summary: 'Change a track\'s label, landmark or status.',
    input: z.object({ id: Id, patch: TrackPatch }),
    output: saved(Track),
  }),
  'tracks.accept': defineCall({
    summary: 'Accept proposed tracks (pose): they become measurements like any other track.',
    input: z.object({ ids: z.array(Id).min(1).max(200) }),
    output: saved(z.array(Track)),
  }),
  'tracks.replacePoints': defineCall({
    summary:
      'Replace the points of a track in fromFrame..toFrame (all points when no range is given) by the given ones; answers with the points replaced.',
    input: z.object({ id: Id, range: FrameRange.nullable().optional(), points: Points }),
    output: saved(TrackPointsEdit),
  }),
  'tracks.setAnchor': defineCall({
    summary:
      'Place the track on a frame by hand: the point becomes an anchor (confidence 1) that tracking never moves; anchor: false releases it.',
    input: z.object({
      id: Id,
      frameIndex: z.number().int().min(0),
      x: z.number().finite(),
      y: z.number().finite(),
      anchor: z.boolean().optional(),
    }),
    output: saved(TrackPointsEdit),
  }),
  'tracks.track': defineCall({
    summary:
      'Track the point from fromFrame (where the track has a position) forward and backward to the next anchors or the clip\'s ends, on the open media; writes the positions found in one edit. Progress comes as tracks.progress; tracks.cancelTracking stops it (nothing is written).',
    input: z.object({
      id: Id,
      mediaId: z.string().min(1).max(64),
      fromFrame: z.number().int().min(0),
      mode: z.enum(['template', 'blob']).optional(),
      /** Chosen by the caller to match tracks.progress events and to cancel. */
      jobId: z.string().min(1).max(64).optional(),
    }),
    output: saved(z.object({ track: Track, edits: z.array(TrackRunEdit) })),
  }),
  'tracks.cancelTracking': defineCall({
    summary: 'Stop a tracks.track that is still running (it fails with "cancelled" and writes nothing).',
    input: z.object({ jobId: z.string().min(1).max(64) }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'tracks.delete': defineCall({
    summary: 'Delete a track with its points; answers with both (undo creates it again).',
    input: byId,
    output: saved(TrackWithPoints),
  }),
} as const;

export const trackEvents = {
  'tracks.progress': defineEvent({
    summary: 'Progress of a tracks.track job: frames done of the frames planned.',
    payload: z.object({ jobId: z.string(), trackId: Id, done: z.number().int().min(0), total: z.number().int().min(0) }),
  }),
  'tracks.changed': defineEvent({
    summary: 'Tracks of a clip were written by a background job (tracking, pose); the renderer reloads them.',
    payload: z.object({ clipId: Id, trackIds: z.array(Id) }),
  }),
} as const;
