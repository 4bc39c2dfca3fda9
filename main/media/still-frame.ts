import { statSync, statfsSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { produceFileAtomic } from '../platform/atomic-write.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import { type OutputSize, decodeSourceOf, frameFilters, inputArgs, jpegEncoderArgs } from './decoder.ts';
import type { ResolvedTool } from './ffmpeg-path.ts';
import type { ProbeResult } from './probe.ts';
import { runToCompletion } from './processes.ts';

/**
 * Writes exactly one frame, upright, to an image file (PNG lossless, or JPEG): for the CLI and
 * report stills. Same seek and selection as the decoder, so it is the same frame by timestamp.
 */
export async function writeStillFrame(input: {
  ffmpeg: ResolvedTool;
  probe: ProbeResult;
  index: number;
  outPath: string;
  width?: number;
  signal?: AbortSignal;
}): Promise<OutputSize> {
  const { probe, index } = input;
  const frameCount = probe.table.pts.length;
  if (!Number.isInteger(index) || index < 0 || index >= frameCount) {
    throw new MidstanceError('invalid-request', `Frame ${index} does not exist: this clip has ${frameCount} frames (0–${frameCount - 1}).`);
  }
  const size = stillSize(probe.info, input.width);
  const source = decodeSourceOf(probe);
  const fromIndex = keyframeAtOrBefore(probe.table.keyframes, index);
  const extension = extname(input.outPath).toLowerCase();
  const jpeg = extension === '.jpg' || extension === '.jpeg';
  if (!jpeg && extension !== '.png') {
    throw new MidstanceError('invalid-request', `Write the frame as .png or .jpg, not "${extension || 'no extension'}".`);
  }
  const filters = frameFilters(source, size, source.pts[index]!, jpeg ? 'jpeg' : 'rgb24');
  await produceFileAtomic(input.outPath, async (temporary) => {
    const args = [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y',
      ...inputArgs(source, fromIndex),
      '-vf', filters.join(','), '-frames:v', '1', '-update', '1',
      ...(jpeg ? jpegEncoderArgs(2) : ['-c:v', 'png']),
      temporary,
    ];
    const result = await runToCompletion(input.ffmpeg.path, args, { signal: input.signal });
    if (result.code === 0 && statSync(temporary).size > 0) return;
    const reason = result.stderr.trim().split('\n').pop() || 'ffmpeg wrote no picture';
    // The folder was proven writable before ffmpeg ran, so a write failure now is the disk filling up.
    if (/No space left/i.test(reason) || (/Input\/output error/i.test(reason) && diskIsFull(input.outPath))) {
      throw Object.assign(new Error(reason), { code: 'ENOSPC', path: input.outPath });
    }
    throw new MidstanceError('media-unreadable', `Frame ${index} could not be written to "${input.outPath}": ${reason}`, {
      path: input.outPath,
      index,
    });
  });
  return size;
}

/** ffmpeg reports a full disk variously ("No space left", "Input/output error"); ask the file system. */
function diskIsFull(path: string): boolean {
  try {
    const stats = statfsSync(dirname(path));
    return stats.bavail * stats.bsize < 1024 * 1024;
  } catch {
    return false;
  }
}

function stillSize(info: ProbeResult['info'], width: number | undefined): OutputSize {
  if (width === undefined || width >= info.width) return { width: info.width, height: info.height };
  const w = Math.max(2, 2 * Math.round(width / 2));
  return { width: w, height: Math.max(2, 2 * Math.round((w * info.height) / info.width / 2)) };
}

export function keyframeAtOrBefore(keyframes: readonly number[], index: number): number {
  let found = 0;
  for (const keyframe of keyframes) {
    if (keyframe > index) break;
    found = keyframe;
  }
  return found;
}
