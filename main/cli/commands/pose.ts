import { resolve } from 'node:path';
import { PoseModel, type PoseFrame } from '../../../common/contract/pose.ts';
import { ALL_LANDMARKS } from '../../../common/pose/sequence.ts';
import { refinePoses } from '../../../common/pose/refine.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { usageError, wholeNumber } from '../options.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia } from '../../media/probe.ts';
import { detectPoses } from '../../pose/pose-engine.ts';
import { single } from './probe.ts';

export const poseCommand: CliCommand = {
  name: 'pose',
  summary: 'Detect body landmarks (shoulder, hip, knee, ankle, heel, toe per side) on every frame, offline.',
  usage: 'midstance pose FILE [--from N] [--to M] [--model heavy|full] [--raw] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      model: { type: 'string' },
      raw: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const file = single(positionals);
    const model = values.model ?? 'heavy';
    if (!PoseModel.safeParse(model).success) throw usageError(`--model must be heavy or full, not "${model}"`);
    const tools = await toolsForCli();
    const probe = await probeMedia(resolve(file), { ffprobe: tools.ffprobe.path });
    const last = probe.table.pts.length - 1;
    const from = values.from === undefined ? 0 : wholeNumber('--from', values.from, { min: 0, max: last }, ` (a frame of this clip, 0–${last})`);
    const to = values.to === undefined ? last : wholeNumber('--to', values.to, { min: from, max: last }, ` (a frame from --from to ${last})`);
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    let lastShown = -1;
    const started = performance.now();
    try {
      const result = await detectPoses({
        ffmpeg: tools.ffmpeg,
        probe,
        from,
        to,
        model: model as PoseModel,
        signal: controller.signal,
        onProgress: (done, total) => {
          const percent = Math.floor((done * 100) / total);
          if (percent === lastShown && done !== total) return;
          lastShown = percent;
          io.stderr(`Landmarks: ${done} of ${total} frames (${percent} %)\n`);
        },
      });
      const refined = values.raw ? null : refinePoses(result.frames);
      const frames = refined ? refined.frames : result.frames;
      const seconds = (performance.now() - started) / 1000;
      io.stderr(`Done in ${seconds.toFixed(1)} s: BlazePose ${result.model}, ${result.msPerFrame.toFixed(0)} ms per frame, no body found on ${result.missed} of ${frames.length} frames.\n`);
      if (values.json) {
        io.stdout(
          `${JSON.stringify({
            file: probe.file.path,
            model: result.model,
            refined: refined !== null,
            width: probe.info.width,
            height: probe.info.height,
            frames: frames.map(roundFrame),
            swapped: refined?.swapped ?? null,
            coincident: refined?.coincident ?? null,
            msPerFrame: Math.round(result.msPerFrame),
          })}\n`,
        );
      } else {
        io.stdout(poseText(frames, refined));
      }
      return 0;
    } finally {
      process.removeListener('SIGINT', stop);
    }
  },
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function roundFrame(frame: PoseFrame): PoseFrame {
  const landmarks: PoseFrame['landmarks'] = {};
  for (const landmark of ALL_LANDMARKS) {
    const point = frame.landmarks[landmark];
    if (point) landmarks[landmark] = { x: round(point.x, 1), y: round(point.y, 1), confidence: round(point.confidence, 3) };
  }
  return { index: frame.index, landmarks };
}

function poseText(frames: readonly PoseFrame[], refined: ReturnType<typeof refinePoses> | null): string {
  const columns = ['Hip', 'Knee', 'Ankle', 'Heel', 'Toe', 'Shoulder'] as const;
  const lines = [`frame  ${['left', 'right'].flatMap((side) => columns.map((part) => `${side}${part}`.padEnd(21))).join('')}`.trimEnd()];
  for (const frame of frames) {
    const cells = (['left', 'right'] as const).flatMap((side) =>
      columns.map((part) => {
        const point = frame.landmarks[`${side}${part}`];
        return (point ? `${point.x.toFixed(0)},${point.y.toFixed(0)} (${point.confidence.toFixed(2)})` : '–').padEnd(21);
      }),
    );
    lines.push(`${String(frame.index).padStart(5)}  ${cells.join('')}`.trimEnd());
  }
  if (refined) {
    lines.push('', `Left/right swaps repaired on ${refined.swapped.legs.length} frames (legs) and ${refined.swapped.trunk.length} (trunk); legs on top of each other on ${refined.coincident.length} frames.`);
  }
  return `${lines.join('\n')}\n`;
}
