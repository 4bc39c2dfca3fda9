import { resolve } from 'node:path';
import { formatCaptureTime } from '../../../common/media-time.ts';
import { MIN_SPEAKABLE_FPS } from '../../../common/media-warning-text.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { positiveNumber, usageError } from '../options.ts';
import { toolsForCli } from '../../media/cli-support.ts';
import { probeMedia, type ProbeResult } from '../../media/probe.ts';

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'Describe a video: size, rotation, frame rates, timing and every frame (with --json).',
  usage: 'midstance probe FILE [--json] [--capture-fps N]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      json: { type: 'boolean' },
      'capture-fps': { type: 'string' },
    });
    const file = single(positionals);
    const captureFps = values['capture-fps'] === undefined ? null : positiveNumber('--capture-fps', values['capture-fps']);
    const { ffprobe } = await toolsForCli();
    const probe = await probeMedia(resolve(file), { ffprobe: ffprobe.path, userCaptureFps: captureFps });
    io.stdout(values.json ? `${JSON.stringify(probeJson(probe))}\n` : probeText(probe));
    return 0;
  },
};

export function probeJson(probe: ProbeResult) {
  const { info, table } = probe;
  const keyframes = new Set(table.keyframes);
  return {
    file: probe.file.path,
    ...info,
    warnings: probe.warnings,
    frames: table.times.map((time, index) => ({ index, time, keyframe: keyframes.has(index) })),
  };
}

function probeText(probe: ProbeResult): string {
  const { info } = probe;
  const lines = [
    `${info.fileName}`,
    `  video       ${info.codec}${info.profile ? ` (${info.profile})` : ''}, ${info.pixelFormat}, ${info.container}`,
    `  size        ${info.width}×${info.height} as shown${orientationNote(info)}`,
    `  frames      ${info.frameCount}, keyframes ${probe.table.keyframes.length}${info.editList ? ', trimmed by an edit list' : ''}`,
    `  file rate   ${rateText(info.fileFps, info.frameCount)}; capture rate ${rateText(info.captureFps, info.frameCount)} (${info.captureFpsSource})`,
    `  duration    ${formatCaptureTime(info.duration)} on the file's clock, starting at ${info.startTime} s`,
    `  timing      ${timingText(info)}`,
  ];
  for (const warning of probe.warnings) lines.push(`  warning     ${warning.message}`);
  return `${lines.join('\n')}\n`;
}

/** A rate that cannot be computed is said in words, never as "0 fps" or "Infinity". */
function rateText(fps: number, frameCount: number): string {
  if (fps >= MIN_SPEAKABLE_FPS) return `${fps} fps`;
  return frameCount <= 1 ? 'none (a single frame)' : 'none (the frames are too far apart)';
}

function timingText(info: ProbeResult['info']): string {
  if (info.frameCount <= 1) return 'a single frame: no time between frames';
  const { timing } = info;
  return `${timing.irregular ? 'IRREGULAR' : 'regular'}: ${timing.minIntervalMs}–${timing.maxIntervalMs} ms between frames (median ${timing.medianIntervalMs})`;
}

function orientationNote(info: ProbeResult['info']): string {
  const changes = [info.rotation ? `turned ${info.rotation}°` : '', info.mirrored ? 'mirrored left–right' : ''].filter(Boolean);
  return changes.length > 0 ? ` (stored ${info.codedWidth}×${info.codedHeight}, ${changes.join(', then ')})` : '';
}

export function single(positionals: string[]): string {
  if (positionals.length !== 1) {
    throw usageError(`expected one video file, got ${positionals.length}`);
  }
  return positionals[0]!;
}
