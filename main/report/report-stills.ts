import { errorLine } from '../../common/error-text.ts';
import type { UiLanguage } from '../../common/geometry/conventions.ts';
import type { ResolvedTool } from '../media/ffmpeg-path.ts';
import type { ProbeResult } from '../media/probe.ts';
import { extractStills } from '../media/still-frame.ts';
import { stillKey, type StillImage } from './pdf-writer.ts';

/**
 * The report's stills: each frame named, upright, as JPEG (embedded as is, so the PDF stays small and nothing is
 * re-encoded), through the one still path (main/media/still-frame.ts) that identifies every still by its own
 * timestamp, as the viewer's frames are. One extractStills per clip, so frames near each other share a decode;
 * the signal reaps every ffmpeg on cancel.
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
  /** Longest side of a still, px: 1920 prints at about 280 dpi across an A4 page and keeps 4K footage small. */
  maxSide?: number;
}): Promise<Map<string, StillImage | { missing: string }>> {
  const results = new Map<string, StillImage | { missing: string }>();
  const work = input.requests.filter((request) => input.probes.has(request.clipId));
  const byClip = new Map<string, number[]>();
  for (const request of work) byClip.set(request.clipId, [...(byClip.get(request.clipId) ?? []), request.frameIndex]);
  let done = 0;
  for (const [clipId, indices] of byClip) {
    input.signal?.throwIfAborted();
    const probe = input.probes.get(clipId)!;
    const { width, height } = probe.info;
    const maxSide = input.maxSide ?? DEFAULT_STILL_MAX_SIDE;
    const scaled = Math.max(width, height) > maxSide ? Math.round((maxSide * width) / Math.max(width, height)) : undefined;
    try {
      if (!input.ffmpeg) throw new Error('ffmpeg is not available');
      const stills = await extractStills({ ffmpeg: input.ffmpeg, probe, indices, format: 'jpeg', width: scaled, signal: input.signal });
      for (const still of stills) {
        results.set(stillKey(clipId, still.index), { data: still.data, width: still.size.width, height: still.size.height });
      }
    } catch (error) {
      if (input.signal?.aborted) throw error;
      // One frame that cannot be decoded must not take the clip's other stills with it: ask for each on its own.
      for (const index of indices) {
        try {
          if (!input.ffmpeg) throw error;
          const [still] = await extractStills({ ffmpeg: input.ffmpeg, probe, indices: [index], format: 'jpeg', width: scaled, signal: input.signal });
          results.set(stillKey(clipId, index), { data: still!.data, width: still!.size.width, height: still!.size.height });
        } catch (single) {
          if (input.signal?.aborted) throw single;
          results.set(stillKey(clipId, index), { missing: errorLine(single, input.language) });
        }
      }
    }
    done += indices.length;
    input.onProgress?.(done, work.length);
  }
  return results;
}
