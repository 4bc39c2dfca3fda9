import { resolve } from 'node:path';
import { PoseModelChoice, type PoseFrame } from '../../../common/contract/pose.ts';
import { ALL_LANDMARKS } from '../../../common/pose/sequence.ts';
import { refinePoses } from '../../../common/pose/refine.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { usageError, wholeNumber } from '../options.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia } from '../../media/probe.ts';
import { DEFAULT_POSE_MODEL, detectPoses } from '../../pose/pose-engine.ts';
import { single } from './probe.ts';

export const poseCommand: CliCommand = {
  name: 'pose',
  summary: 'Detect body landmarks (shoulder, hip, knee, ankle, heel, toe per side) on every frame, offline.',
  usage: 'midstance pose FILE [--from N] [--to M] [--model heavy|full|auto] [--raw] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      from: { type: 'string' },
      to: { type: 'string' },
      model: { type: 'string' },
      raw: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const file = single(positionals);
    const model = values.model ?? DEFAULT_POSE_MODEL;
    if (!PoseModelChoice.safeParse(model).success) throw usageError(`--model must be heavy, full or auto, not "${model}"`);
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
        model: model as PoseModelChoice,
        signal: controller.signal,
        onProgress: (done, work) => {
          // Auto's heavy pass counts as a second run over the range: shown as frames of the range.
          const frames = Math.min(to - from + 1, Math.round((done * (to - from + 1)) / work));
          const percent = Math.floor((frames * 100) / (to - from + 1));
          if (percent === lastShown && frames !== to - from + 1) return;
          lastShown = percent;
          io.stderr(`Landmarks: ${frames} of ${to - from + 1} frames (${percent} %)\n`);
        },
      });
      const refined = values.raw ? null : refinePoses(result.frames);
      const frames = refined ? refined.frames : result.frames;
      const seconds = (performance.now() - started) / 1000;
      const heavy = result.model === 'auto' ? ` (heavy on ${result.heavyFrames.length} of ${frames.length} frames)` : '';
      io.stderr(`Done in ${seconds.toFixed(1)} s: BlazePose ${result.model}${heavy}, ${result.msPerFrame.toFixed(0)} ms per frame, no body found on ${result.missed} of ${frames.length} frames.\n`);
      if (values.json) {
        io.stdout(
          `${JSON.stringify({
            file: probe.file.path,
            model: result.model,
            heavyFrames: result.heavyFrames,
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
