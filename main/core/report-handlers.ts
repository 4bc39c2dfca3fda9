import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { SettingsStore } from '../app-state/settings-store.ts';
import type { MediaService } from '../media/media-service.ts';
import type { ProjectService } from '../project/service.ts';
import { renderReport, saveReport } from '../report/generate-report.ts';
import { loadReportData } from '../report/report-data.ts';
import type { DialogProvider } from './app-handlers.ts';
import type { EventBus, Handlers } from './types.ts';

type ReportCallName = 'report.create' | 'report.cancel' | 'report.save' | 'report.pickSavePath' | 'report.pickLogo';

/** Reports made and not yet replaced: only the latest few are kept (each is a few MB). */
const KEPT_REPORTS = 3;

export function createReportHandlers(deps: {
  project: ProjectService;
  media: Pick<MediaService, 'tools'>;
  settings: SettingsStore;
  events: Pick<EventBus, 'emit'>;
  dialogs: DialogProvider | undefined;
}): Pick<Handlers, ReportCallName> {
  const jobs = new Map<string, AbortController>();
  const made = new Map<string, Buffer>();

  return {
    'report.create': async ({ sessionId, language, jobId }, context) => {
      if (jobs.has(jobId)) throw new MidstanceError('invalid-request', `A report with job id ${jobId} is already being made.`);
      const controller = new AbortController();
      const stop = () => controller.abort(new MidstanceError('cancelled', 'The report was cancelled; nothing was written.'));
      context.signal?.addEventListener('abort', stop, { once: true });
      jobs.set(jobId, controller);
      const progress = (stage: 'reading' | 'stills' | 'layout' | 'writing', fraction: number | null) =>
        deps.events.emit('report.progress', { jobId, stage, fraction });
      try {
        progress('reading', null);
        const store = deps.project.store();
        const projectPath = store.file.path;
        const untitled = deps.project.current()?.untitled ?? false;
        const tools = await deps.media.tools();
        const settings = deps.settings.get();
        const data = await loadReportData(store, {
          sessionId,
          language: language ?? null,
          practiceName: settings.practiceName,
          ffprobe: tools.ffprobe.path,
          projectDir: dirname(projectPath),
          searchRoot: untitled ? null : dirname(projectPath),
          signal: controller.signal,
        });
        const report = await renderReport(data, {
          ffmpeg: tools.ffmpeg,
          logoPath: settings.practiceLogoPath,
          signal: controller.signal,
          onProgress: ({ stage, fraction }) => progress(stage, fraction),
        });
        controller.signal.throwIfAborted();
        const reportId = randomUUID();
        made.set(reportId, report.pdf);
        while (made.size > KEPT_REPORTS) made.delete(made.keys().next().value!);
        return {
          reportId,
          pdfBase64: report.pdf.toString('base64'),
          pages: report.pages,
          bytes: report.pdf.length,
          warnings: report.warnings,
          suggestedName: report.suggestedName,
        };
      } catch (error) {
        if (controller.signal.aborted) throw controller.signal.reason instanceof MidstanceError ? controller.signal.reason : new MidstanceError('cancelled', 'The report was cancelled.');
        throw error;
      } finally {
        jobs.delete(jobId);
        context.signal?.removeEventListener('abort', stop);
      }
    },
    'report.cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      job?.abort(new MidstanceError('cancelled', 'The report was cancelled; nothing was written.'));
      return { cancelled: job !== undefined };
    },
    'report.save': ({ reportId, path, overwrite }) => {
      const pdf = made.get(reportId);
      if (!pdf) throw new MidstanceError('not-found', 'That report is no longer available; make it again.', { reportId });
      if (!overwrite && existsSync(path)) {
        throw new MidstanceError('file-access', `${path} already exists.`, { path, fsCode: 'EEXIST' });
      }
      saveReport(path, pdf);
      return { path, bytes: pdf.length };
    },
    'report.pickSavePath': async ({ suggestedName }) => {
      if (!deps.dialogs?.pickReportPath) return { path: null, supported: false };
      return { path: await deps.dialogs.pickReportPath(suggestedName), supported: true };
    },
    'report.pickLogo': async () => {
      if (!deps.dialogs?.pickImagePath) return { path: null, supported: false };
      return { path: await deps.dialogs.pickImagePath(), supported: true };
    },
  };
}
