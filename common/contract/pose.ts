import { z } from 'zod';
import { defineCall, defineEvent } from './define.ts';
import { MediaId } from './media.ts';

/**
 * Body landmarks Midstance detects automatically (BlazePose), per side. Coordinates are in source
 * pixels of the upright picture, like every other point in a clip. "Toe" is BlazePose's foot index
 * (the tip of the foot near the second toe).
 */
export const PoseLandmark = z.enum([
  'leftShoulder',
  'rightShoulder',
  'leftHip',
  'rightHip',
  'leftKnee',
  'rightKnee',
  'leftAnkle',
  'rightAnkle',
  'leftHeel',
  'rightHeel',
  'leftToe',
  'rightToe',
]);
export type PoseLandmark = z.infer<typeof PoseLandmark>;

/** heavy: slower, places crossing legs correctly; full: ~4× faster, puts both legs on the stance leg more often. */
export const PoseModel = z.enum(['heavy', 'full']);
export type PoseModel = z.infer<typeof PoseModel>;

/**
 * What a run uses: one model on every frame, or auto — full on every frame, then heavy on the frames where
 * full is unsure (low leg confidence, legs on top of each other) and a few frames around them.
 */
export const PoseModelChoice = z.enum(['heavy', 'full', 'auto']);
export type PoseModelChoice = z.infer<typeof PoseModelChoice>;

export const PosePoint = z.object({
  x: z.number(),
  y: z.number(),
  /** 0–1: the model's score, lowered where the left and right counterparts coincide or the point was an outlier. */
  confidence: z.number().min(0).max(1),
});
export type PosePoint = z.infer<typeof PosePoint>;

/** One frame's landmarks; a landmark is absent where no body was found on that frame. */
export const PoseFrame = z.object({
  index: z.number().int().nonnegative(),
  landmarks: z.partialRecord(PoseLandmark, PosePoint),
});
export type PoseFrame = z.infer<typeof PoseFrame>;

const Id = z.string().min(1).max(64);
/** Chosen by the renderer so it can cancel the job and match its progress events. */
const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const PoseDetectResult = z.object({
  /** The clip's pose tracks (one per landmark), proposed until the user accepts them. */
  trackIds: z.array(Id),
  /** True when the clip already had pose tracks and nothing was computed. */
  cached: z.boolean(),
  model: PoseModelChoice,
  /** Frames whose landmarks come from the heavy model (all of them for heavy, none for full). */
  heavyFrames: z.number().int().nonnegative().optional(),
  frames: z.number().int().nonnegative(),
  /** Frames where no body was found. */
  missed: z.number().int().nonnegative(),
  /** Frames whose left/right labels were exchanged (legs or trunk), and where the legs lay on one another. */
  swappedFrames: z.number().int().nonnegative(),
  coincidentFrames: z.number().int().nonnegative(),
});
export type PoseDetectResult = z.infer<typeof PoseDetectResult>;

export const poseCalls = {
  'pose.detect': defineCall({
    summary:
      'Detect body landmarks on every frame of an open clip (offline BlazePose, in a worker) and store them as proposed pose tracks; answers with the stored ones when the clip already has pose tracks, unless redo is set (then proposed pose tracks are replaced, accepted ones kept).',
    input: z.object({ clipId: Id, mediaId: MediaId, jobId: JobId, model: PoseModelChoice.optional(), redo: z.boolean().optional() }),
    output: PoseDetectResult,
  }),
  'pose.cancel': defineCall({
    summary: 'Stop a running landmark detection; nothing of it is stored.',
    input: z.object({ jobId: JobId }),
    output: z.object({ cancelled: z.boolean() }),
  }),
} as const;

export const poseEvents = {
  'pose.progress': defineEvent({
    summary: 'Progress of a landmark detection: frames done of the total (done = 0 while the model loads).',
    payload: z.object({ jobId: JobId, clipId: Id, done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  }),
} as const;
