import { dirname, resolve } from 'node:path';
import { Language } from '../../../common/contract/app.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { exportAnnotatedPngs, exportMeasurementsCsv, exportSlowVideo } from '../../export/exports.ts';
import type { ExportProject } from '../../export/export-source.ts';
import { openProjectDb } from '../../project/db.ts';
import { createProjectStore } from '../../project/store.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { usageError, wholeNumber } from '../options.ts';

const USAGE =
  'midstance export PROJECT (--clip ID | --session ID) --csv OUT.csv [--dialect standard|nl] [--lang nl|en]\n' +
  '       midstance export PROJECT --clip ID --png OUT.png --frame N[,N…] [--lang nl|en]\n' +
  '       midstance export PROJECT --clip ID --video OUT.mp4 --from N --to M [--slow 2|4|8|16] [--caption] [--hold SECONDS] [--lang nl|en]';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Export a clip\'s (or session\'s) measurements as CSV, annotated frames as PNG, or a slowed video with the drawings burnt in.',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      clip: { type: 'string' },
      session: { type: 'string' },
      csv: { type: 'string' },
      dialect: { type: 'string' },
      png: { type: 'string' },
      frame: { type: 'string' },
      video: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      slow: { type: 'string' },
      caption: { type: 'boolean' },
      hold: { type: 'string' },
      lang: { type: 'string' },
    });
    const [projectPath, ...extra] = positionals;
    if (projectPath === undefined || extra.length > 0) throw usageError('give exactly one project file');
    const outputs = [values.csv, values.png, values.video].filter((value) => value !== undefined);
    if (outputs.length !== 1) throw usageError('give exactly one of --csv, --png or --video');
    const language = values.lang === undefined ? null : Language.safeParse(values.lang);
    if (language && !language.success) throw usageError(`--lang must be nl or en, not "${values.lang}"`);
    if (values.clip !== undefined && values.session !== undefined) throw usageError('give --clip or --session, not both');
    if (values.csv === undefined && values.clip === undefined) throw usageError('--clip ID is required');
    if (values.csv !== undefined && values.clip === undefined && values.session === undefined) throw usageError('--clip ID or --session ID is required');
    if (values.csv === undefined && values.session !== undefined) throw usageError('--session only goes with --csv');
    if (values.dialect !== undefined && values.dialect !== 'standard' && values.dialect !== 'nl') {
      throw usageError(`--dialect must be standard or nl, not "${values.dialect}"`);
    }

    const file = await openProjectDb(resolve(projectPath), { mode: 'inspect' });
    const store = createProjectStore(file);
    const project: ExportProject = { store, projectDir: dirname(file.path), searchRoot: dirname(file.path), tools: toolsForCli };
    const controller = new AbortController();
    const stop = () => controller.abort(new MidstanceError('cancelled', 'Stopped; nothing was written.'));
    process.once('SIGINT', stop);
    const lang = language?.data ?? null;
    try {
      if (values.csv !== undefined) {
        const outPath = resolve(values.csv);
        const scope = values.clip !== undefined ? { clipId: values.clip } : { sessionId: values.session! };
        const result = await exportMeasurementsCsv(project, { scope, dialect: values.dialect === 'nl' ? 'nl' : 'standard', language: lang, outPath, signal: controller.signal });
        for (const name of result.missingMedia) io.stderr(`warning: the video of "${name}" was not found: its rows have stored file times and no real times\n`);
        io.stdout(`Wrote ${result.rows} row${result.rows === 1 ? '' : 's'} to ${outPath}\n`);
        return 0;
      }
      if (values.png !== undefined) {
        if (values.frame === undefined) throw usageError('--frame N is required with --png');
        const frames = values.frame.split(',').map((part) => wholeNumber('--frame', part.trim(), { min: 0, max: Number.MAX_SAFE_INTEGER }));
        const result = await exportAnnotatedPngs(project, { clipId: values.clip!, frames, outPath: resolve(values.png), language: lang, signal: controller.signal });
        for (const path of result.paths) io.stdout(`Wrote ${path} (${result.width}×${result.height})\n`);
        return 0;
      }
      if (values.from === undefined || values.to === undefined) throw usageError('--from N and --to M are required with --video');
      const from = wholeNumber('--from', values.from, { min: 0, max: Number.MAX_SAFE_INTEGER });
      const to = wholeNumber('--to', values.to, { min: 0, max: Number.MAX_SAFE_INTEGER });
      const slow = values.slow === undefined ? 8 : wholeNumber('--slow', values.slow, { min: 2, max: 16 });
      if (![2, 4, 8, 16].includes(slow)) throw usageError(`--slow must be 2, 4, 8 or 16, not "${values.slow}"`);
      const hold = values.hold === undefined ? 2 : wholeNumber('--hold', values.hold, { min: 0, max: 10 }, ' of seconds');
      const outPath = resolve(values.video!);
      let shown = -1;
      const result = await exportSlowVideo(project, {
        clipId: values.clip!,
        from,
        to,
        slow,
        caption: values.caption ?? false,
        holdSeconds: hold,
        outPath,
        language: lang,
        signal: controller.signal,
        onProgress: (progress) => {
          const percent = progress.fraction === null ? null : Math.floor(progress.fraction * 10) * 10;
          if (percent !== null && percent > shown && process.stderr.isTTY) {
            shown = percent;
            io.stderr(`\r${percent} %`);
          }
        },
      });
      if (shown >= 0) io.stderr('\n');
      io.stdout(
        `Wrote ${outPath}: frames ${from}–${to} at 1/${slow} of real speed, ${result.frames} frames at ${Number(result.fps.toFixed(3))} fps (${result.durationSeconds.toFixed(1)} s), ${result.width}×${result.height}\n`,
      );
      return 0;
    } finally {
      process.off('SIGINT', stop);
      store.close();
    }
  },
};
