import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorLine } from '../../common/error-text.ts';
import type { UiLanguage } from '../../common/geometry/conventions.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import type { ProbeResult } from '../media/probe.ts';
import { writeStillFrame } from '../media/still-frame.ts';
import { stillKey, type StillImage } from './pdf-writer.ts';

/**
 * The report's stills: each frame named, upright, at the clip's full size, as JPEG (embedded as is, so the
 * PDF stays small and nothing is re-encoded). Goes through the one still-frame path that `midstance frame`
 * uses, so a still is the frame the viewer shows for that index. Two at a time; every ffmpeg is reaped on abort.
 */
export const DEFAULT_STILL_MAX_SIDE = 1920;

export interface StillRequest {
  clipId: string;
  frameIndex: number;
}

export async function extractReportStills(input: {
  requests: readonly StillRequest[];
  probes: ReadonlyMap<string, ProbeResult>;
  ffmpeg: ResolvedTool | null;
  language: UiLanguage;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  concurrency?: number;
  /** Longest side of a still, px: 1920 prints at about 280 dpi across an A4 page and keeps 4K footage small. */
  maxSide?: number;
}): Promise<Map<string, StillImage | { missing: string }>> {
  const results = new Map<string, StillImage | { missing: string }>();
  const work = input.requests.filter((request) => input.probes.has(request.clipId));
  const folder = mkdtempSync(join(tmpdir(), 'midstance-report-'));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < work.length) {
      const request = work[next++]!;
      input.signal?.throwIfAborted();
      const probe = input.probes.get(request.clipId)!;
      const outPath = join(folder, `${request.clipId}-${request.frameIndex}.jpg`);
      try {
        if (!input.ffmpeg) throw new Error('ffmpeg is not available');
        const { width, height } = probe.info;
        const maxSide = input.maxSide ?? DEFAULT_STILL_MAX_SIDE;
        const scaled = Math.max(width, height) > maxSide ? Math.round((maxSide * width) / Math.max(width, height)) : undefined;
        const size = await writeStillFrame({ ffmpeg: input.ffmpeg, probe, index: request.frameIndex, outPath, width: scaled, signal: input.signal });
        results.set(stillKey(request.clipId, request.frameIndex), { data: readFileSync(outPath), width: size.width, height: size.height });
      } catch (error) {
        if (input.signal?.aborted) throw error;
        results.set(stillKey(request.clipId, request.frameIndex), { missing: errorLine(error, input.language) });
      }
      done++;
      input.onProgress?.(done, work.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(input.concurrency ?? 2, work.length)) }, worker));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return results;
}
