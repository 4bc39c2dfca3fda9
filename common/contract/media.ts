import { z } from 'zod';
import { defineCall, defineEvent } from './define.ts';

/** Opaque handle of an opened clip for this launch: random, never a path. */
export const MediaId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export type MediaId = z.infer<typeof MediaId>;

export const Rotation = z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]);
export type Rotation = z.infer<typeof Rotation>;

/**
 * Where the capture rate comes from: the file's own timestamps, Android's capture-rate tag, Apple's
 * slow-motion playback intent on a high-frame-rate file (whose timestamps are then capture time),
 * or the user.
 */
export const CaptureFpsSource = z.enum(['file', 'android-metadata', 'apple-metadata', 'user']);
export type CaptureFpsSource = z.infer<typeof CaptureFpsSource>;

export const FrameTiming = z.object({
  /** Median interval between frames on the file's timeline, ms. */
  medianIntervalMs: z.number(),
  minIntervalMs: z.number(),
  maxIntervalMs: z.number(),
  /** Standard deviation of the intervals, ms. */
  sdIntervalMs: z.number(),
  /** True when intervals vary beyond time-stamp rounding (variable frame rate, drops). */
  irregular: z.boolean(),
});
export type FrameTiming = z.infer<typeof FrameTiming>;

export const MediaInfo = z.object({
  fileName: z.string(),
  sizeBytes: z.number(),
  /** Container as ffprobe names it (e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"). */
  container: z.string(),
  codec: z.string(),
  profile: z.string().nullable(),
  pixelFormat: z.string(),
  bitDepth: z.number().int().nullable(),
  /** Size of the stored pictures. */
  codedWidth: z.number().int(),
  codedHeight: z.number().int(),
  /** Size as shown, after rotation: all frames (and annotation coordinates) use this. */
  width: z.number().int(),
  height: z.number().int(),
  /** Clockwise turn applied to stored pictures to show them upright. */
  rotation: Rotation,
  /**
   * After the turn the picture is mirrored left–right, as the file's display matrix asks (some
   * front-camera recordings). Frames are shown mirrored, as players show the file: left and right
   * of the runner then appear as in a mirror.
   */
  mirrored: z.boolean(),
  /** Seconds from the first to past the last shown frame, on the file's timeline. */
  duration: z.number(),
  /** File-timeline time of the first shown frame, seconds (non-zero for some cameras/edits). */
  startTime: z.number(),
  frameCount: z.number().int(),
  /** Nominal rate of the file (1 / median frame interval, snapped to a common rate). */
  fileFps: z.number(),
  /** Rate at which the scene was filmed; real-world times use this. */
  captureFps: z.number(),
  captureFpsSource: CaptureFpsSource,
  timing: FrameTiming,
  hasAudio: z.boolean(),
  /** True when an MP4/MOV edit list hides stored frames (e.g. trimmed in a phone's gallery). */
  editList: z.boolean(),
});
export type MediaInfo = z.infer<typeof MediaInfo>;

/**
 * One entry per shown frame in display order, in a compact column form.
 * `times[i]` is frame i's presentation time on the file's timeline in seconds;
 * `keyframes` lists the indices of frames that start a decodable group.
 * Convert to real-world time with common/media-time.ts (never divide by fileFps yourself).
 */
export const FrameTable = z.object({
  times: z.array(z.number()),
  keyframes: z.array(z.number().int()),
});
export type FrameTable = z.infer<typeof FrameTable>;

export const MediaWarningCode = z.enum([
  'irregular-timing',
  'low-capture-rate',
  'truncated',
  'time-scaled-edits',
  'mirrored',
]);
export const MediaWarning = z.object({
  code: MediaWarningCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type MediaWarning = z.infer<typeof MediaWarning>;

export const OpenedMedia = z.object({
  mediaId: MediaId,
  info: MediaInfo,
  frames: FrameTable,
  warnings: z.array(MediaWarning),
});
export type OpenedMedia = z.infer<typeof OpenedMedia>;

export const FrameInfo = z.object({
  index: z.number().int(),
  /** File-timeline time, seconds. */
  time: z.number(),
  /** Real-world seconds since the first frame (capture rate applied). */
  captureTime: z.number(),
  keyframe: z.boolean(),
  cachedPreview: z.boolean(),
  cachedFull: z.boolean(),
});
export type FrameInfo = z.infer<typeof FrameInfo>;

export const WarmStatus = z.object({
  mediaId: MediaId,
  totalFrames: z.number().int(),
  /** Preview frames ready without decoding: in the memory cache or spilled to disk. */
  cachedFrames: z.number().int(),
  /** 'all' when the whole clip fits the cache bound or can spill to disk, else a window around the current frame. */
  mode: z.enum(['all', 'window']),
  /** Frames the warm-up aims to hold (all frames, or the window size). */
  targetFrames: z.number().int(),
  complete: z.boolean(),
  cacheBytes: z.number(),
  cacheBoundBytes: z.number(),
  /** Preview frames of this clip in its disk spill file, and that file's size. */
  spilledFrames: z.number().int().optional(),
  spillBytes: z.number().optional(),
});
export type WarmStatus = z.infer<typeof WarmStatus>;

export const ToolInfo = z.object({
  path: z.string().nullable(),
  version: z.string().nullable(),
  /** Where it was found: the settings path, an environment variable, bundled with the app, or PATH. */
  source: z.enum(['settings', 'environment', 'bundled', 'path']).nullable(),
});

export const MediaDiagnostics = z.object({
  ok: z.boolean(),
  ffmpeg: ToolInfo,
  ffprobe: ToolInfo,
  /** What is wrong and how to fix it, when ok is false. */
  problem: z.string().nullable(),
  decoder: z.string(),
  previewWidth: z.number().int(),
  cacheBoundBytes: z.number(),
  cacheBytes: z.number(),
  openClips: z.number().int(),
  liveProcesses: z.number().int(),
});
export type MediaDiagnostics = z.infer<typeof MediaDiagnostics>;

const CaptureFps = z.number().min(1).max(10_000);

export const mediaCalls = {
  'media.open': defineCall({
    summary: 'Open a video: probe it, index every frame, start warming the frame cache.',
    input: z.object({
      path: z.string().min(1),
      /** The user's capture rate for this clip (stored with the project), if any. */
      captureFps: CaptureFps.nullable().optional(),
      /** Chosen by the caller to match media.openProgress events and to cancel with media.cancelOpen. */
      openId: z.string().max(64).optional(),
    }),
    output: OpenedMedia,
  }),
  'media.check': defineCall({
    summary: 'Check that a file is a video Midstance can show (header and first picture), without opening it.',
    input: z.object({ path: z.string().min(1) }),
    output: z.object({ readable: z.literal(true) }),
  }),
  'media.cancelOpen': defineCall({
    summary: 'Stop a media.open that is still probing or indexing (it fails with "cancelled").',
    input: z.object({ openId: z.string().max(64) }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'media.close': defineCall({
    summary: 'Close a clip: stop its decoders and drop its cached frames.',
    input: z.object({ mediaId: MediaId }),
    output: z.object({ closed: z.boolean() }),
  }),
  'media.frameInfo': defineCall({
    summary: 'Time, real-world time, keyframe and cache state of one frame.',
    input: z.object({ mediaId: MediaId, index: z.number().int().min(0) }),
    output: FrameInfo,
  }),
  'media.setCaptureFps': defineCall({
    summary: 'Set (or with null, reset to the detected value) the capture rate of an open clip.',
    input: z.object({ mediaId: MediaId, captureFps: CaptureFps.nullable() }),
    output: z.object({ info: MediaInfo, warnings: z.array(MediaWarning) }),
  }),
  'media.warmStatus': defineCall({
    summary: 'How much of the clip is in the frame cache.',
    input: z.object({ mediaId: MediaId }),
    output: WarmStatus,
  }),
  'media.diagnostics': defineCall({
    summary: 'ffmpeg/ffprobe in use (path, version, where found) and frame engine state, for About.',
    input: z.object({}),
    output: MediaDiagnostics,
  }),
} as const;

export const mediaEvents = {
  'media.openProgress': defineEvent({
    summary: 'Progress of a media.open (probing, then indexing frames).',
    payload: z.object({
      openId: z.string(),
      stage: z.enum(['probing', 'indexing']),
      /** 0…1, or null while unknown. */
      fraction: z.number().min(0).max(1).nullable(),
      framesIndexed: z.number().int(),
    }),
  }),
  'media.warmProgress': defineEvent({
    summary: 'The background warm-up of a clip advanced (sent at most a few times per second).',
    payload: WarmStatus,
  }),
} as const;
