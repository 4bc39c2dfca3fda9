import { z } from 'zod';
import { Language } from './app.ts';
import { defineCall, defineEvent } from './define.ts';

/** Chosen by the caller to match export.progress events and to cancel with export.cancel. */
export const ExportJobId = z.string().min(1).max(64);

const OutPath = z.string().min(1).max(4096);
const ClipId = z.string().min(1).max(64);

export const CsvDialect = z.enum(['standard', 'nl']);

export const ExportProgress = z.object({
  jobId: ExportJobId,
  stage: z.enum(['preparing', 'frames', 'encoding', 'finishing']),
  /** 0…1, or null while unknown. */
  fraction: z.number().min(0).max(1).nullable(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const exportCalls = {
  'export.csv': defineCall({
    summary: 'Write the measurements and gait events of a clip or a session as CSV (standard, or Dutch spreadsheet dialect).',
    input: z.object({
      scope: z.union([z.object({ clipId: ClipId }), z.object({ sessionId: ClipId })]),
      dialect: CsvDialect,
      /** Headers and words; null = the project's language. */
      language: Language.nullable(),
      outPath: OutPath,
    }),
    output: z.object({ path: z.string(), rows: z.number().int(), missingMedia: z.array(z.string()) }),
  }),
  'export.png': defineCall({
    summary: 'Write frames of a clip at full resolution with their drawings, one PNG per frame.',
    input: z.object({
      clipId: ClipId,
      frames: z.array(z.number().int().min(0)).min(1).max(500),
      outPath: OutPath,
      language: Language.nullable(),
      jobId: ExportJobId.optional(),
    }),
    output: z.object({ paths: z.array(z.string()), width: z.number().int(), height: z.number().int() }),
  }),
  'export.video': defineCall({
    summary: 'Write an in/out range of a clip slowed down (from its capture rate) with the drawings burnt in, as H.264 MP4.',
    input: z.object({
      clipId: ClipId,
      from: z.number().int().min(0),
      to: z.number().int().min(0),
      slow: z.union([z.literal(2), z.literal(4), z.literal(8), z.literal(16)]),
      caption: z.boolean(),
      /** How long a frame with drawings is held, seconds of video. */
      holdSeconds: z.number().min(0).max(10),
      outPath: OutPath,
      language: Language.nullable(),
      jobId: ExportJobId.optional(),
    }),
    output: z.object({
      path: z.string(),
      frames: z.number().int(),
      fps: z.number(),
      durationSeconds: z.number(),
      width: z.number().int(),
      height: z.number().int(),
    }),
  }),
  'export.cancel': defineCall({
    summary: 'Stop a PNG or video export under way (it fails with "cancelled" and leaves no file).',
    input: z.object({ jobId: ExportJobId }),
    output: z.object({ cancelled: z.boolean() }),
  }),
} as const;

export const exportEvents = {
  'export.progress': defineEvent({
    summary: 'Progress of a PNG or video export (frames painted, frames encoded).',
    payload: ExportProgress,
  }),
} as const;
