import { resolve } from 'node:path';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia } from '../../media/probe.ts';
import { writeStillFrame } from '../../media/still-frame.ts';
import { positiveNumber, single } from './probe.ts';

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
    if (values.index === undefined || values.out === undefined) {
      throw Object.assign(new Error('--index and --out are required'), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    }
    const index = Number(values.index);
    if (!Number.isInteger(index) || index < 0) {
      throw Object.assign(new Error(`--index must be a whole number from 0, not "${values.index}"`), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' });
    }
    const width = values.width === undefined ? undefined : Math.round(positiveNumber('--width', values.width));
    const tools = await toolsForCli();
    const probe = await probeMedia(resolve(file), { ffprobe: tools.ffprobe.path });
    const outPath = resolve(values.out);
    const size = await writeStillFrame({ ffmpeg: tools.ffmpeg, probe, index, outPath, width });
    io.stdout(`Wrote frame ${index} (${size.width}×${size.height}, ${probe.table.times[index]} s) to ${outPath}\n`);
    return 0;
  },
};
