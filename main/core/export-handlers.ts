import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import { exportAnnotatedPngs, exportMeasurementsCsv, exportSlowVideo, type ExportProgress } from '../export/exports.ts';
import type { ExportProject } from '../export/export-source.ts';
import type { MediaService } from '../media/media-service.ts';
import type { ProjectService } from '../project/service.ts';
import type { CallContext, EventBus, Handlers } from './types.ts';

type ExportCallName = 'export.csv' | 'export.png' | 'export.video' | 'export.cancel';

/**
 * Exports of the open project. Long ones (PNG, video) run under a job id: progress goes out as export.progress
 * (at most ~10 a second), export.cancel or the caller going away stops them, and they leave no file behind.
 */
export function createExportHandlers(deps: { project: ProjectService; media: MediaService; events: Pick<EventBus, 'emit'> }): Pick<Handlers, ExportCallName> {
  const jobs = new Map<string, AbortController>();

  const source = (): ExportProject => {
    const store = deps.project.store();
    const current = deps.project.current()!;
    const projectDir = dirname(current.path);
    return { store, projectDir, searchRoot: current.untitled ? null : projectDir, tools: () => deps.media.tools() };
  };

  async function asJob<T>(jobId: string | undefined, context: CallContext, run: (signal: AbortSignal, onProgress: (p: ExportProgress) => void) => Promise<T>): Promise<T> {
    const id = jobId ?? randomBytes(8).toString('hex');
    if (jobs.has(id)) throw new MidstanceError('invalid-request', `An export with id ${id} is already running.`);
    const controller = new AbortController();
    jobs.set(id, controller);
    const stop = () => controller.abort();
    context.signal?.addEventListener('abort', stop, { once: true });
    let lastSent = 0;
    const onProgress = (progress: ExportProgress) => {
      const now = Date.now();
      if (progress.stage === 'encoding' && progress.done < progress.total && now - lastSent < 100) return;
      lastSent = now;
      deps.events.emit('export.progress', { jobId: id, ...progress });
    };
    try {
      return await run(controller.signal, onProgress);
    } finally {
      jobs.delete(id);
      context.signal?.removeEventListener('abort', stop);
    }
  }

  return {
    'export.csv': ({ scope, dialect, language, outPath }, context) =>
      exportMeasurementsCsv(source(), { scope, dialect, language, outPath: resolve(outPath), signal: context.signal }),
    'export.png': ({ clipId, frames, outPath, language, jobId }, context) =>
      asJob(jobId, context, (signal, onProgress) => exportAnnotatedPngs(source(), { clipId, frames, outPath: resolve(outPath), language, signal, onProgress })),
    'export.video': (input, context) =>
      asJob(input.jobId, context, (signal, onProgress) =>
        exportSlowVideo(source(), {
          clipId: input.clipId,
          from: input.from,
          to: input.to,
          slow: input.slow,
          caption: input.caption,
          holdSeconds: input.holdSeconds,
          outPath: resolve(input.outPath),
          language: input.language,
          signal,
          onProgress,
        }),
      ),
    'export.cancel': ({ jobId }) => {
      const controller = jobs.get(jobId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
