import type { FrameVariant } from './frame-cache.ts';

/**
 * Scheduling of frames someone waits for (the per-clip rules; MediaSession runs the jobs).
 *
 * - **The first frame asked for comes first.** A cold request decodes from its keyframe (up to a
 *   few hundred milliseconds on long keyframe groups, using both cores). While such a decode has
 *   not yet delivered its frame, a further request that needs a decoder of its own waits here
 *   instead of halving that decode's speed — the renderer asks for the shown frame's neighbours
 *   at the same moment, and a neighbour must never cost the shown frame.
 * - **Warm-up only carries a request it will reach soon.** A warm-up process decodes on one
 *   thread at low priority and converts every frame it passes; a frame it is hundreds of frames
 *   away from comes sooner from a decoder of its own (with warm-up paused meanwhile).
 * - **Waiting is bounded.** Queued requests are served newest first, each together with the
 *   queued requests just before it in the same keyframe group (one decoder for all of them).
 *   When the queued work exceeds MAX_QUEUED_WORK_FRAMES (frames to decode, plus a process start
 *   per decoder), the oldest requests are refused at once with `busy`, rather than piling
 *   up behind two cores for tens of seconds.
 */

export interface QueuedRequest {
  index: number;
  variant: FrameVariant;
  resolve: (data: Uint8Array) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort: () => void;
}

/**
 * At most this much queued work per clip, in frames to decode (≈ 2.5 s on two cores at 1080p240
 * H.264: about eight decoders from the start of a 240-frame keyframe group); beyond it the oldest
 * requests are refused.
 */
export const MAX_QUEUED_WORK_FRAMES = 2000;
/** A new process costs about as much as decoding this many frames (≈120 ms at ~500 frames/s). */
export const SPAWN_COST_FRAMES = 60;
/** A warm-up process costs about this many times a foreground decode per frame (see rideOnJob). */
export const BACKGROUND_COST_RATIO = 4;

/**
 * How far below a request one decoder also converts frames for other queued requests: previews
 * are cheap to convert (~2 ms), full-resolution frames several times that.
 */
export function batchSpan(variant: FrameVariant): number {
  return variant === 'full' ? 8 : 48;
}

/**
 * Whether a running job that is `framesToGo` frames short of the wanted frame will deliver it
 * sooner than a decoder of its own would, which has `framesFromKeyframe` to decode plus the
 * cost of starting (`spawnCostFrames`). A warm-up job is weighed at BACKGROUND_COST_RATIO per
 * frame: it runs one decoding thread at low priority and scales and encodes every frame it
 * passes, where a foreground decoder runs frame threads and converts nothing before the wanted
 * frame (measured on 1080p240 H.264 after open: riding on warm-up took 0.7–2.8 s for frames
 * 50–230 into a chunk, against 0.3–0.5 s for a decoder of their own).
 */
export function rideOnJob(framesToGo: number, background: boolean, framesFromKeyframe: number, spawnCostFrames: number): boolean {
  return framesToGo * (background ? BACKGROUND_COST_RATIO : 1) <= framesFromKeyframe + spawnCostFrames;
}

export class ForegroundQueue {
  private readonly entries: QueuedRequest[] = [];
  private readonly keyframeOf: (index: number) => number;

  /** `keyframeOf(index)`: the keyframe a decode of `index` starts from. */
  constructor(keyframeOf: (index: number) => number) {
    this.keyframeOf = keyframeOf;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Queues a request and returns the requests to refuse (oldest first) so that the queued work
   * stays within MAX_QUEUED_WORK_FRAMES. The newest request is never refused.
   */
  add(entry: QueuedRequest): QueuedRequest[] {
    this.entries.push(entry);
    const refused: QueuedRequest[] = [];
    while (this.entries.length > 1 && this.workFrames() > MAX_QUEUED_WORK_FRAMES) refused.push(this.entries.shift()!);
    return refused;
  }

  remove(entry: QueuedRequest): boolean {
    const at = this.entries.indexOf(entry);
    if (at < 0) return false;
    this.entries.splice(at, 1);
    return true;
  }

  /** Newest first. */
  newestFirst(): QueuedRequest[] {
    return [...this.entries].reverse();
  }

  takeAll(): QueuedRequest[] {
    return this.entries.splice(0);
  }

  /**
   * The lowest frame one decoder for `entry` should convert from so that it also serves the
   * queued requests just before it: same variant and keyframe group, within batchSpan.
   */
  batchStart(entry: QueuedRequest): number {
    const keyframe = this.keyframeOf(entry.index);
    let start = entry.index;
    for (const other of this.entries) {
      if (other.variant !== entry.variant || other.index >= start || other.index < keyframe) continue;
      if (entry.index - other.index <= batchSpan(entry.variant)) start = other.index;
    }
    return start;
  }

  /**
   * The queued work in frames: runs of requests in one keyframe group within batchSpan share a
   * decoder, which costs a process start and the frames from its keyframe to its last request.
   */
  workFrames(): number {
    const sorted = [...this.entries].sort((a, b) => (a.variant === b.variant ? a.index - b.index : a.variant < b.variant ? -1 : 1));
    let work = 0;
    let group: { first: QueuedRequest; last: number } | null = null;
    const close = () => {
      if (group) work += SPAWN_COST_FRAMES + group.last - this.keyframeOf(group.first.index) + 1;
    };
    for (const entry of sorted) {
      const joins =
        group !== null &&
        group.first.variant === entry.variant &&
        this.keyframeOf(group.first.index) === this.keyframeOf(entry.index) &&
        entry.index - group.first.index <= batchSpan(entry.variant);
      if (joins) group!.last = entry.index;
      else {
        close();
        group = { first: entry, last: entry.index };
      }
    }
    close();
    return work;
  }
}
