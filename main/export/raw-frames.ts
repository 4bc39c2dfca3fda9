import { MidstanceError } from '../../common/contract/errors.ts';
import { nearestFrame } from '../../common/media-time.ts';
import { decodeSourceOf, inputArgs, rotationFilters } from '../media/decoder.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import type { ProbeResult } from '../media/probe.ts';
import { cancelledError, startProcess } from '../media/processes.ts';
import { LineSplitter, parseShowinfoFrame, parseShowinfoTimeBase } from '../media/showinfo.ts';
import { keyframeAtOrBefore } from '../media/keyframes.ts';
import { yuvFrameBytes } from './yuv.ts';

/**
 * Full-resolution, upright RGBA pictures of a range of frames, for the exports. The same seek and turn as the
 * viewer's decoder (inputArgs, rotationFilters), and every picture is identified by its own timestamp
 * (showinfo), never by counting. Reading is paced by the consumer: the next picture is read only once
 * `onFrame` has finished with this one, so a slow encoder never makes gigabytes of frames pile up in memory.
 */
export interface RawFrameRange {
  ffmpeg: ResolvedTool;
  probe: ProbeResult;
  from: number;
  to: number;
  signal?: AbortSignal;
  /**
   * rgba (default): RGBA at the frame's size. yuv420p: BT.709 limited-range planar YUV at the frame's size cut to
   * even edges (see yuv.ts), for the video export, which paints only a few of its frames.
   */
  pixelFormat?: 'rgba' | 'yuv420p';
  onFrame: (index: number, picture: Buffer) => Promise<void> | void;
}

export interface RawFrameSize {
  width: number;
  height: number;
}

export function rawFrameSize(probe: ProbeResult): RawFrameSize {
  return { width: probe.info.width, height: probe.info.height };
}

export function checkRange(probe: ProbeResult, from: number, to: number): void {
  const count = probe.table.pts.length;
  const bad = !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to >= count || from > to;
  if (bad) {
    throw new MidstanceError(
      'invalid-request',
      `Frames ${from}–${to} are not a range of this clip: it has ${count} frames (0–${count - 1}), and the first frame must not come after the last.`,
      { from, to, frameCount: count },
    );
  }
}

export async function decodeRawFrames(range: RawFrameRange): Promise<number> {
  const { probe, from, to } = range;
  checkRange(probe, from, to);
  const source = decodeSourceOf(probe);
  const keyframe = keyframeAtOrBefore(probe.table.keyframes, from);
  const indexByPts = new Map<number, number>();
  source.pts.forEach((pts, index) => indexByPts.set(pts, index));
  const filters: string[] = [];
  if (from > keyframe) filters.push(`select='gte(pts\\,${source.pts[from]!})'`);
  const yuv = range.pixelFormat === 'yuv420p';
  filters.push(...rotationFilters(source.rotation, source.mirrored));
  filters.push(...(yuv ? ['crop=trunc(iw/2)*2:trunc(ih/2)*2', 'scale=out_color_matrix=bt709:out_range=tv', 'format=yuv420p'] : ['format=rgba']), 'showinfo');
  const modernFps = range.ffmpeg.parsed === null || range.ffmpeg.parsed.major >= 6 || (range.ffmpeg.parsed.major === 5 && range.ffmpeg.parsed.minor >= 1);
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    ...inputArgs(source, keyframe),
    '-vf', filters.join(','),
    ...(modernFps ? ['-fps_mode', 'passthrough'] : ['-vsync', 'passthrough']),
    '-f', 'rawvideo', '-pix_fmt', yuv ? 'yuv420p' : 'rgba', 'pipe:1',
  ];
  const { width, height } = rawFrameSize(probe);
  const frameBytes = yuv ? yuvFrameBytes(width - (width % 2), height - (height % 2)) : width * height * 4;
  const controller = new AbortController();
  const abort = () => controller.abort();
  range.signal?.addEventListener('abort', abort, { once: true });
  if (range.signal?.aborted) throw cancelledError();
  const running = startProcess(range.ffmpeg.path, args, { signal: controller.signal });

  // Timestamps arrive on stderr (showinfo), pictures on stdout; a picture waits for its stamp.
  const stamps: number[] = [];
  let timeBase: [number, number] = source.timeBase;
  const indexOf = (pts: number): number | undefined => {
    if (timeBase[0] === source.timeBase[0] && timeBase[1] === source.timeBase[1]) return indexByPts.get(pts);
    // The filter graph chose another time base: match by time (within half a millisecond).
    const seconds = (pts * timeBase[0]) / timeBase[1];
    const near = nearestFrame(source, seconds);
    return Math.abs(source.times[near]! - seconds) < 5e-4 ? near : undefined;
  };
  let stderrDone = false;
  let wake: (() => void) | null = null;
  let errorText = '';
  const lines = new LineSplitter();
  running.child.stderr.setEncoding('utf8');
  running.child.stderr.on('data', (text: string) => {
    for (const line of lines.push(text)) {
      const frame = parseShowinfoFrame(line);
      const configured = frame ? null : parseShowinfoTimeBase(line);
      if (frame) stamps.push(frame.pts);
      else if (configured) timeBase = configured;
      else if (line.trim() && !line.includes('Parsed_showinfo') && errorText.length < 4000) errorText += `${line}\n`;
    }
    wake?.();
  });
  running.child.stderr.once('close', () => {
    for (const line of lines.flush()) {
      const frame = parseShowinfoFrame(line);
      if (frame) stamps.push(frame.pts);
    }
    stderrDone = true;
    wake?.();
  });
  const nextStamp = async (): Promise<number | null> => {
    while (stamps.length === 0 && !stderrDone) await new Promise<void>((resolve) => (wake = resolve));
    wake = null;
    return stamps.shift() ?? null;
  };

  let delivered = 0;
  let reachedEnd = false;
  // Each picture is assembled straight into its own buffer: one copy per byte (frames are 8 MB at 1080p).
  let picture = Buffer.allocUnsafe(frameBytes);
  let filled = 0;
  try {
    for await (const chunk of running.child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length && !reachedEnd) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        chunk.copy(picture, filled, offset, offset + take);
        filled += take;
        offset += take;
        if (filled < frameBytes) break;
        const complete = picture;
        picture = Buffer.allocUnsafe(frameBytes);
        filled = 0;
        const stamp = await nextStamp();
        const index = stamp === null ? undefined : indexOf(stamp);
        if (index === undefined || index < from) continue;
        if (range.signal?.aborted) throw cancelledError();
        await range.onFrame(index, complete);
        delivered += 1;
        if (index >= to) reachedEnd = true;
      }
      if (reachedEnd) break;
    }
  } catch (error) {
    if (range.signal?.aborted) throw cancelledError();
    throw error;
  } finally {
    running.kill();
    await running.exited;
    range.signal?.removeEventListener('abort', abort);
  }
  if (range.signal?.aborted) throw cancelledError();
  if (!reachedEnd) {
    const reason = errorText.trim().split('\n').slice(-2).join(' ');
    throw new MidstanceError('media-unreadable', `Frames ${from}–${to} of "${probe.info.fileName}" could not all be decoded (${delivered} read). ${reason}`.trim(), {
      path: probe.file.path,
      from,
      to,
      delivered,
    });
  }
  return delivered;
}
