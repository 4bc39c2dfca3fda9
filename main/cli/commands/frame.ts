import { resolve } from 'node:path';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia } from '../../media/probe.ts';
import { writeStillFrame } from '../../media/still-frame.ts';
import { usageError, wholeNumber } from '../options.ts';
import { single } from './probe.ts';

export const frameCommand: CliCommand = {
  name: 'frame',
  summary: 'Write exactly frame N of a video, upright, as PNG (or JPEG).',
  usage: 'midstance frame FILE --index N --out OUT.png [--width W]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      index: { type: 'string' },
      out: { type: 'string' },
      width: { type: 'string' },
    });
    const file = single(positionals);
    if (values.index === undefined || values.out === undefined) throw usageError('--index and --out are required');
    const index = wholeNumber('--index', values.index, { min: 0, max: Number.MAX_SAFE_INTEGER });
    const width = values.width === undefined ? undefined : wholeNumber('--width', values.width, { min: 2, max: 16384 }, ' of pixels');
    const tools = await toolsForCli();
    const probe = await probeMedia(resolve(file), { ffprobe: tools.ffprobe.path });
    const outPath = resolve(values.out);
    const size = await writeStillFrame({ ffmpeg: tools.ffmpeg, probe, index, outPath, width });
    io.stdout(`Wrote frame ${index} (${size.width}×${size.height}, ${probe.table.times[index]} s) to ${outPath}\n`);
    return 0;
  },
};
