import { dirname, extname, resolve } from 'node:path';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { Language } from '../../../common/contract/app.ts';
import { createSettingsStore } from '../../app-state/settings-store.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { assertCanCreateBeside } from '../../platform/atomic-write.ts';
import { defaultDataDir } from '../../platform/paths.ts';
import { openProjectDb } from '../../project/db.ts';
import { createProjectStore } from '../../project/store.ts';
import { renderReport, saveReport } from '../../report/generate-report.ts';
import { loadReportData } from '../../report/report-data.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { usageError } from '../options.ts';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Write the PDF session report of a session (the latest one when no --session is given).',
  usage: 'midstance report PROJECT [--session ID] [--lang nl|en] --out FILE.pdf',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      session: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
    });
    const [project, ...extra] = positionals;
    if (project === undefined || extra.length > 0) throw usageError('give exactly one project file');
    if (values.out === undefined) throw usageError('--out FILE.pdf is required');
    if (extname(values.out).toLowerCase() !== '.pdf') throw usageError(`--out must name a .pdf file, not "${values.out}"`);
    const language = values.lang === undefined ? null : Language.safeParse(values.lang);
    if (language && !language.success) throw usageError(`--lang must be nl or en, not "${values.lang}"`);
    if (values.session !== undefined && values.session.trim() === '') throw usageError('--session needs a session id');
    const outPath = resolve(values.out);
    // Refuse an unwritable target before any work is done.
    assertCanCreateBeside(outPath);

    const settings = createSettingsStore(defaultDataDir()).get();
    const file = await openProjectDb(resolve(project), { mode: 'inspect' });
    const store = createProjectStore(file);
    const controller = new AbortController();
    const stop = () => controller.abort(new MidstanceError('cancelled', 'Stopped; no report was written.'));
    process.once('SIGINT', stop);
    try {
      const tools = await toolsForCli();
      const data = await loadReportData(store, {
        sessionId: values.session ?? null,
        language: language?.data ?? null,
        practiceName: settings.practiceName,
        ffprobe: tools.ffprobe.path,
        projectDir: dirname(file.path),
        searchRoot: dirname(file.path),
        signal: controller.signal,
      });
      const report = await renderReport(data, { ffmpeg: tools.ffmpeg, logoPath: settings.practiceLogoPath, signal: controller.signal });
      saveReport(outPath, report.pdf);
      for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
      io.stdout(`Wrote the report of ${data.input.client.name}, ${data.input.session.date} (${report.pages} pages, ${Math.round(report.pdf.length / 1024)} KB) to ${outPath}\n`);
      return 0;
    } finally {
      process.off('SIGINT', stop);
      store.close();
    }
  },
};
