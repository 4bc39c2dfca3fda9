import { z } from 'zod';
import { Language } from './app.ts';
import { defineCall, defineEvent } from './define.ts';

/**
 * The PDF session report. report.create renders it in the core and keeps the bytes under an opaque id (the
 * renderer shows them as a preview); report.save writes those same bytes, atomically, where the user chose.
 */

const JobId = z.string().min(1).max(64);
export const ReportStage = z.enum(['reading', 'stills', 'layout', 'writing']);
export type ReportStage = z.infer<typeof ReportStage>;

export const RenderedReport = z.object({
  reportId: z.string(),
  /** The PDF itself, base64: the preview renders it, save writes the same bytes. */
  pdfBase64: z.string(),
  pages: z.number().int().min(1),
  bytes: z.number().int(),
  /** What the reader should know (missing videos, an unreadable logo), in the report's language. */
  warnings: z.array(z.string()),
  suggestedName: z.string(),
});
export type RenderedReport = z.infer<typeof RenderedReport>;

export const reportCalls = {
  'report.create': defineCall({
    summary: 'Make the PDF report of a session of the open project (progress: report.progress; stop with report.cancel).',
    input: z.object({ sessionId: z.string().min(1).max(64), language: Language.optional(), jobId: JobId }),
    output: RenderedReport,
  }),
  'report.cancel': defineCall({
    summary: 'Stop a report.create that is still running (it fails with "cancelled"; nothing is written).',
    input: z.object({ jobId: JobId }),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'report.save': defineCall({
    summary: 'Write a made report to path (atomically). An existing file is replaced only with overwrite: true.',
    input: z.object({ reportId: z.string().min(1).max(64), path: z.string().min(1), overwrite: z.boolean().optional() }),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
  }),
  'report.pickSavePath': defineCall({
    summary: 'Native save dialog for a report; supported: false where the shell has none (browser mode).',
    input: z.object({ suggestedName: z.string().max(300) }),
    output: z.object({ path: z.string().nullable(), supported: z.boolean() }),
  }),
  'report.pickLogo': defineCall({
    summary: 'Native open dialog for the practice logo (PNG or JPEG); supported: false where the shell has none.',
    input: z.object({}),
    output: z.object({ path: z.string().nullable(), supported: z.boolean() }),
  }),
} as const;

export const reportEvents = {
  'report.progress': defineEvent({
    summary: 'Progress of a report.create: reading the project and videos, stills, layout.',
    payload: z.object({ jobId: z.string(), stage: ReportStage, fraction: z.number().min(0).max(1).nullable() }),
  }),
} as const;
