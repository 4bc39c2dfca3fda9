import { resolve } from 'node:path';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia } from '../../media/probe.ts';
import { runTrackJob, trackJobMedia } from '../../tracking/track-job.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { usageError, wholeNumber } from '../options.ts';
import { single } from './probe.ts';

export const trackCommand: CliCommand = {
  name: 'track',
  summary: 'Track one point from frame N through the clip (forward and backward); prints { index, x, y, confidence } per frame.',
  usage: 'midstance track FILE --frame N --point X,Y [--blob] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      frame: { type: 'string' },
      point: { type: 'string' },
      blob: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const file = single(positionals);
    if (values.frame === undefined || values.point === undefined) throw usageError('--frame and --point are required');
    const frameIndex = wholeNumber('--frame', values.frame, { min: 0, max: Number.MAX_SAFE_INTEGER });
    const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(values.point);
    if (!match) throw usageError('--point takes X,Y in source pixels of the upright frame, e.g. --point 412.5,300');
    const x = Number(match[1]);
    const y = Number(match[2]);
    const tools = await toolsForCli();
    const probe = await probeMedia(resolve(file), { ffprobe: tools.ffprobe.path });
    const frameCount = probe.table.pts.length;
    if (frameIndex >= frameCount) {
      throw new MidstanceError('invalid-request', `Frame ${frameIndex} does not exist: this clip has ${frameCount} frames (0–${frameCount - 1}).`);
    }
    if (x < 0 || y < 0 || x >= probe.info.width || y >= probe.info.height) {
      throw new MidstanceError('invalid-request', `The point ${x},${y} lies outside the ${probe.info.width}×${probe.info.height} frame.`);
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let lastPercent = -1;
    try {
      const result = await runTrackJob(
        { ...trackJobMedia(tools.ffmpeg, probe), mode: values.blob ? 'blob' : 'template', start: { frameIndex, x, y }, anchorFrames: [frameIndex] },
        controller.signal,
        ({ done, total }) => {
          const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
          if (percent !== lastPercent && !values.json) io.stderr(`\rtracking… ${percent} %`);
          lastPercent = percent;
        },
      );
      if (!values.json) io.stderr('\n');
      const points = [{ index: frameIndex, x, y, confidence: 1 }, ...result.runs.flatMap((run) => run.points.map((p) => ({ index: p.frameIndex, x: round(p.x), y: round(p.y), confidence: p.confidence })))];
      points.sort((a, b) => a.index - b.index);
      if (values.json) io.stdout(`${JSON.stringify(points)}\n`);
      else {
        io.stdout(`${'frame'.padStart(7)} ${'x'.padStart(9)} ${'y'.padStart(9)}  confidence\n`);
        for (const p of points) io.stdout(`${String(p.index).padStart(7)} ${p.x.toFixed(2).padStart(9)} ${p.y.toFixed(2).padStart(9)}  ${p.confidence.toFixed(2)}\n`);
        for (const run of result.runs.filter((r) => r.lost)) {
          const edge = run.points.length === 0 ? null : run.points[0]!.frameIndex === run.range.fromFrame ? run.points.at(-1)!.frameIndex : run.points[0]!.frameIndex;
          io.stderr(`The point was lost ${edge === null ? `next to frame ${frameIndex}` : `after frame ${edge}`}; frames beyond it are not tracked.\n`);
        }
      }
      return 0;
    } finally {
      process.off('SIGINT', stop);
    }
  },
};

const round = (value: number) => Math.round(value * 100) / 100;
