import { MidstanceError } from '../../common/contract/errors.ts';
import type { MediaInfo, WarmStatus } from '../../common/contract/media.ts';
import type { DecodeRequest, FrameDecoder, OutputSize } from './decoder.ts';
import type { FrameCache, FrameVariant } from './frame-cache.ts';
import type { SpillFile } from './frame-spill.ts';
import { ClipFrameStore } from './clip-frame-store.ts';
import { ForegroundQueue, type QueuedRequest, rideOnJob, SPAWN_COST_FRAMES } from './foreground-queue.ts';
import { earlierDecodeStart, keyframeAtOrBefore } from './keyframes.ts';
import { cancelledError, holdBackground, refreshBackground } from './processes.ts';

/**
 * One open clip: serves frames from the shared cache, starts decode jobs for misses, and warms
 * the cache in the background nearest to the current frame first.
 *
 * - A miss decodes from the preceding keyframe; frames before the wanted one are decoded but not
 *   converted (that is what makes a cold frame fast); the job then keeps converting forward to
 *   the end of its group, so stepping forward is already cached.
 * - A request that an already running job will reach soon waits for it instead of starting
 *   another process. A new request kills jobs that nobody waits for any more (superseded).
 *   Which request gets a decoder when, and which waits or is refused, is foreground-queue.ts.
 * - Warm-up runs two low-priority processes over chunks of whole keyframe groups, paused while
 *   anyone waits for a frame that is not theirs.
 * - Preview frames the memory cache lets go of are spilled to this clip's file on disk (see
 *   clip-frame-store.ts) and read back from there, so a clip larger than the memory bound still warms
 *   completely. Without a spill (none given, disk bound reached, or a disk error) a clip that
 *   does not fit in its share of the memory bound warms a window around the current frame
 *   instead and drops its frames outside that window when the window moves.
 */

export interface SessionOptions {
  mediaId: string;
  info: MediaInfo;
  keyframes: readonly number[];
  decoder: FrameDecoder;
  cache: FrameCache;
  previewWidth: number;
  warm: boolean;
  /** Pause warm-up while a frame someone waits for is decoded (default true; off for A/B benches). */
  pauseWarmUp?: boolean;
  /** Returns an error when the file changed or vanished since it was indexed. */
  checkFile: () => MidstanceError | null;
  /** Opens this clip's spill file (called on the first eviction); none = memory only. */
  createSpill?: () => SpillFile | null;
  onWarmProgress?: (status: WarmStatus) => void;
  /**
   * Bytes of the memory cache this clip's warm-up may fill when it cannot spill to disk (default: WARM_SHARE of
   * the bound). The media service divides it between the open clips, so two compared clips do not evict each other.
   */
  warmBudgetBytes?: () => number;
}

interface Waiter {
  index: number;
  resolve: (data: Uint8Array) => void;
  reject: (error: Error) => void;
  detach: () => void;
  /** The requester's signal; a waiter moved to another job (a retry, a push-out) keeps it. */
  signal?: AbortSignal;
}

interface Job {
  variant: FrameVariant;
  request: DecodeRequest;
  nextIndex: number;
  waiters: Waiter[];
  controller: AbortController;
  /** Index of the warm-up chunk, for background jobs. */
  chunk: number | null;
  retried: boolean;
  /** The decoder handed the job to a standby process (see DecodeOutcome.viaStandby). */
  viaStandby: boolean;
  startedAt: number;
  /** Settles once the decoder process has exited. */
  done: Promise<void>;
}

/** How far past the wanted frame a foreground job keeps going (bounded by its keyframe group). */
const FOREGROUND_LOOKAHEAD = 120;
/**
 * Stepping backwards into frames not decoded yet: the decoder also converts up to this many
 * frames before the wanted one (~2 ms each), so the next steps back (and the renderer's
 * neighbours behind the shown frame) do not each decode the keyframe group again.
 */
const BACKWARD_SPAN = 16;
const WARM_CONCURRENCY = 2;
const MIN_CHUNK_FRAMES = 480;
/** Share of the cache bound the warm-ups of all open clips may fill together (the rest: full frames). */
export const WARM_SHARE = 0.75;
const PREVIEW_QUALITY = 3;
const FULL_QUALITY = 2;

export class MediaSession {
  readonly mediaId: string;
  info: MediaInfo;
  private readonly options: SessionOptions;
  private readonly keyframes: readonly number[];
  private readonly jobs = new Set<Job>();
  private readonly queue: ForegroundQueue;
  private readonly frames: ClipFrameStore;
  private replanQueued = false;
  private readonly chunks: [number, number][];
  private focus = 0;
  private window: [number, number];
  private closed = false;
  private warmEnabled: boolean;
  private lastWarmEmit = 0;
  private warmFailures = 0;
  /** Pauses warm-up (all clips) while a frame someone waits for is being decoded. */
  private releaseBackground: (() => void) | null = null;
  readonly previewSize: OutputSize;
  readonly fullSize: OutputSize;

  constructor(options: SessionOptions) {
    this.options = options;
    this.mediaId = options.mediaId;
    this.info = options.info;
    this.keyframes = options.keyframes;
    this.frames = new ClipFrameStore({
      mediaId: options.mediaId,
      frameCount: options.info.frameCount,
      cache: options.cache,
      createSpill: options.createSpill,
      onSpillChange: () => this.replanSoon(),
    });
    this.queue = new ForegroundQueue((index) => this.keyframeAtOrBefore(index));
    this.chunks = warmChunks(options.info.frameCount, options.keyframes);
    this.window = [0, options.info.frameCount - 1];
    this.warmEnabled = options.warm;
    this.fullSize = { width: options.info.width, height: options.info.height };
    this.previewSize = previewSizeFor(options.info, options.previewWidth);
  }

  variantFor(width: number | undefined): FrameVariant {
    return width !== undefined && width > this.previewSize.width ? 'full' : 'preview';
  }

  sizeOf(variant: FrameVariant): OutputSize {
    return variant === 'full' ? this.fullSize : this.previewSize;
  }

  /** True when the frame is served without decoding (preview frames: from memory or disk). */
  isCached(index: number, variant: FrameVariant): boolean {
    return this.frames.has(index, variant);
  }

  async getFrame(index: number, variant: FrameVariant, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.closed) throw new MidstanceError('not-found', 'This clip has been closed.');
    if (!Number.isInteger(index) || index < 0 || index >= this.info.frameCount) {
      throw new MidstanceError('not-found', `Frame ${index} does not exist; this clip has ${this.info.frameCount} frames (0–${this.info.frameCount - 1}).`);
    }
    const cached = this.frames.get(index, variant);
    if (variant === 'preview') this.moveFocus(index);
    if (cached) return cached;
    if (signal?.aborted) throw cancelledError();
    const problem = this.options.checkFile();
    if (problem) throw problem;
    const job = this.jobThatWillReach(index, variant);
    if (job) return this.waitFor(job, index, signal);
    if (this.firstFramePending()) return this.enqueue(index, variant, signal);
    return this.waitFor(this.startForeground(index, variant), index, signal);
  }

  /** Requests waiting for a decoder of their own (tests, diagnostics). */
  queuedRequests(): number {
    return this.queue.size;
  }

  /** Starts this clip's idle decoder for preview frames now, so the first jump does not pay for a process start. */
  prepareStandby(): void {
    if (!this.closed) this.options.decoder.prepareStandby({ size: this.previewSize, quality: PREVIEW_QUALITY });
  }

  /** Stop background warm-up (benchmarks of cold access) or start it again. */
  setWarm(enabled: boolean): void {
    this.warmEnabled = enabled;
    if (!enabled) {
      for (const job of this.jobs) if (job.request.background) job.controller.abort();
    } else {
      this.scheduleWarm();
    }
  }

  warmStatus(): WarmStatus {
    const [low, high] = this.window;
    const targetFrames = high - low + 1;
    let readyInTarget = 0;
    if (targetFrames === this.info.frameCount) readyInTarget = this.frames.readyCount;
    else for (let i = low; i <= high; i += 1) if (this.frames.isReady(i)) readyInTarget += 1;
    return {
      mediaId: this.mediaId,
      totalFrames: this.info.frameCount,
      cachedFrames: this.frames.readyCount,
      mode: targetFrames === this.info.frameCount ? 'all' : 'window',
      targetFrames,
      complete: readyInTarget >= targetFrames,
      cacheBytes: this.options.cache.sizeBytes,
      cacheBoundBytes: this.options.cache.boundBytes,
      spilledFrames: this.frames.spilled.frames,
      spillBytes: this.frames.spilled.bytes,
    };
  }

  /** Called by the service when the shared cache drops one of this clip's frames: spill it. */
  noteEvicted(variant: FrameVariant, index: number, data: Uint8Array): void {
    // If memory alone is full this replans to a window now, not only once someone asks for a frame.
    this.frames.evicted(variant, index, data);
  }

  liveJobs(): number {
    return this.jobs.size;
  }

  /** Idle decoder processes kept ready for this clip's cold requests. */
  standbyCount(): number {
    return this.options.decoder.standbyCount();
  }

  startWarmUp(): void {
    this.scheduleWarm();
  }

  /** Stops every decoder of this clip; resolves once their processes have exited. */
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const jobs = [...this.jobs];
    for (const job of jobs) this.cancelJob(job);
    for (const entry of this.queue.takeAll()) {
      entry.signal?.removeEventListener('abort', entry.onAbort);
      entry.reject(cancelledError());
    }
    this.updateBackgroundHold();
    this.frames.close();
    return Promise.all([...jobs.map((job) => job.done), this.options.decoder.dispose()]).then(() => undefined);
  }

  updateInfo(info: MediaInfo): void {
    this.info = info;
  }

  // -------------------------------------------------------------------------------------------

  private keyframeAtOrBefore(index: number): number {
    return keyframeAtOrBefore(this.keyframes, index);
  }

  private keyframeAfter(index: number): number {
    for (const keyframe of this.keyframes) if (keyframe > index) return keyframe;
    return this.info.frameCount;
  }

  private jobThatWillReach(index: number, variant: FrameVariant): Job | undefined {
    const fromKeyframe = index - this.keyframeAtOrBefore(index);
    let best: Job | undefined;
    for (const job of this.jobs) {
      if (job.variant !== variant || job.controller.signal.aborted) continue;
      if (index < job.nextIndex || index < job.request.keepFromIndex || index > job.request.toIndex) continue;
      if (!rideOnJob(index - job.nextIndex, job.request.background, fromKeyframe, SPAWN_COST_FRAMES)) continue;
      if (!best || job.nextIndex > best.nextIndex) best = job;
    }
    return best;
  }

  /** A foreground decode someone waits on has not delivered its first wanted frame yet. */
  private firstFramePending(): boolean {
    for (const job of this.jobs) {
      if (!job.request.background && !job.controller.signal.aborted && job.waiters.length > 0 && job.nextIndex <= job.request.keepFromIndex) return true;
    }
    return false;
  }

  /**
   * A decoder for `index`. `keepFrom` (default `index`) lets it also convert queued frames just
   * before it; stepping backwards it converts up to BACKWARD_SPAN frames before the wanted one.
   */
  private startForeground(index: number, variant: FrameVariant, fromIndex?: number, keepFrom = index): Job {
    // Superseded work: foreground jobs nobody waits for make way.
    for (const job of this.jobs) {
      if (!job.request.background && !job.controller.signal.aborted && job.waiters.length === 0) this.cancelJob(job);
    }
    const from = fromIndex ?? this.keyframeAtOrBefore(index);
    let keepFromIndex = Math.max(from, Math.min(keepFrom, index));
    if (variant === 'preview' && fromIndex === undefined && this.frames.has(index + 1, 'preview')) {
      while (keepFromIndex > from && index - keepFromIndex < BACKWARD_SPAN && !this.frames.has(keepFromIndex - 1, 'preview')) keepFromIndex -= 1;
    }
    const to = variant === 'full' ? index : Math.min(this.keyframeAfter(index) - 1, index + FOREGROUND_LOOKAHEAD, this.info.frameCount - 1);
    return this.launch(
      variant,
      { fromIndex: from, keepFromIndex, toIndex: Math.max(to, index), background: false, fromTargetKeyframe: fromIndex === undefined },
      null,
    );
  }

  /** Waits for a decoder of its own; see foreground-queue.ts. */
  private enqueue(index: number, variant: FrameVariant, signal?: AbortSignal): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const entry: QueuedRequest = {
        index,
        variant,
        resolve,
        reject,
        signal,
        onAbort: () => {
          if (this.queue.remove(entry)) reject(cancelledError());
          this.updateBackgroundHold();
        },
      };
      signal?.addEventListener('abort', entry.onAbort, { once: true });
      for (const refused of this.queue.add(entry)) {
        refused.signal?.removeEventListener('abort', refused.onAbort);
        refused.reject(busyError(refused.index));
      }
      this.updateBackgroundHold();
    });
  }

  private launch(
    variant: FrameVariant,
    range: Pick<DecodeRequest, 'fromIndex' | 'keepFromIndex' | 'toIndex' | 'background' | 'fromTargetKeyframe' | 'singleThreaded'>,
    chunk: number | null,
  ): Job {
    const request: DecodeRequest = {
      ...range,
      size: this.sizeOf(variant),
      quality: variant === 'full' ? FULL_QUALITY : PREVIEW_QUALITY,
    };
    const job: Job = {
      variant,
      request,
      nextIndex: request.keepFromIndex,
      waiters: [],
      controller: new AbortController(),
      chunk,
      retried: false,
      viaStandby: false,
      startedAt: performance.now(),
      done: Promise.resolve(),
    };
    this.jobs.add(job);
    const onFrame = (index: number, data: Uint8Array) => this.deliver(job, index, data);
    job.done = this.options.decoder
      .decode(request, onFrame, job.controller.signal)
      .then(
        (outcome) => {
          job.viaStandby = outcome.viaStandby;
          this.finish(job, null);
        },
        (error: unknown) => this.finish(job, error instanceof Error ? error : new Error(String(error))),
      );
    return job;
  }

  private deliver(job: Job, index: number, data: Uint8Array): void {
    if (this.closed) return;
    this.frames.put(job.variant, index, data);
    const firstFrame = job.nextIndex <= job.request.keepFromIndex;
    job.nextIndex = Math.max(job.nextIndex, index + 1);
    for (const waiter of [...job.waiters]) {
      if (waiter.index === index) this.settle(job, waiter, () => waiter.resolve(data));
    }
    if (job.request.background) this.emitWarm(false);
    // Its frame is out; from here it only converts forward: the next queued request may decode.
    else if (firstFrame) this.startQueued();
  }

  private finish(job: Job, error: Error | null): void {
    this.jobs.delete(job);
    this.updateBackgroundHold();
    const aborted = job.controller.signal.aborted;
    for (const waiter of [...job.waiters]) {
      const data = this.frames.get(waiter.index, job.variant);
      if (data) {
        this.settle(job, waiter, () => waiter.resolve(data));
        continue;
      }
      if (aborted || this.closed) {
        this.settle(job, waiter, () => waiter.reject(cancelledError()));
        continue;
      }
      const earlier = earlierDecodeStart(this.keyframes, job.request.fromIndex);
      if (!error && !job.retried && (job.viaStandby || earlier !== null)) {
        // The frame never came. A standby process may have started at a later keyframe: decode
        // from our own keyframe in a process of its own. Otherwise start once more from an
        // earlier keyframe (or the very start).
        const from = job.viaStandby ? job.request.fromIndex : earlier!;
        const retry = this.startForeground(waiter.index, job.variant, from);
        retry.retried = !job.viaStandby;
        waiter.detach();
        job.waiters.splice(job.waiters.indexOf(waiter), 1);
        this.waitFor(retry, waiter.index, waiter.signal).then(waiter.resolve, waiter.reject);
        continue;
      }
      this.settle(job, waiter, () =>
        waiter.reject(
          error ?? new MidstanceError('media-unreadable', `Frame ${waiter.index} of "${this.info.fileName}" could not be decoded; the file may be damaged.`),
        ),
      );
    }
    if (job.request.background) {
      if (error && !aborted) this.warmFailures += 1;
      this.scheduleWarm();
      this.emitWarm(true);
    } else {
      this.startQueued();
    }
  }

  /**
   * Queued requests, newest first: from the cache, a job that will reach them, or — while no
   * other foreground decode is still before its first frame — a decoder of their own that also
   * serves the queued requests just before them.
   */
  private startQueued(): void {
    for (const entry of this.queue.newestFirst()) {
      if (this.closed) return;
      const data = this.frames.get(entry.index, entry.variant);
      let job = data ? undefined : this.jobThatWillReach(entry.index, entry.variant);
      if (!data && !job) {
        if (this.firstFramePending()) continue;
        job = this.startForeground(entry.index, entry.variant, undefined, this.queue.batchStart(entry));
      }
      this.queue.remove(entry);
      entry.signal?.removeEventListener('abort', entry.onAbort);
      if (data) entry.resolve(data);
      else this.waitFor(job!, entry.index, entry.signal).then(entry.resolve, entry.reject);
    }
    this.updateBackgroundHold();
  }

  private waitFor(job: Job, index: number, signal?: AbortSignal): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const onAbort = () => {
        const at = job.waiters.indexOf(waiter);
        if (at >= 0) job.waiters.splice(at, 1);
        reject(cancelledError());
        this.updateBackgroundHold();
        // Nobody wants this foreground job's frames any more: stop it rather than let it run on.
        if (!job.request.background && job.waiters.length === 0 && job.nextIndex <= job.request.keepFromIndex) {
          this.cancelJob(job);
          this.startQueued();
        }
      };
      const waiter: Waiter = {
        index,
        resolve,
        reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
        signal,
      };
      job.waiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.updateBackgroundHold();
    });
  }

  private settle(job: Job, waiter: Waiter, action: () => void): void {
    const at = job.waiters.indexOf(waiter);
    if (at >= 0) job.waiters.splice(at, 1);
    waiter.detach();
    action();
    this.updateBackgroundHold();
  }

  private updateBackgroundHold(): void {
    // Anyone waiting — on a foreground job, in the queue, or on a warm-up job (which then keeps
    // running) — pauses the other warm-up processes.
    let urgent = this.queue.size > 0;
    for (const job of this.jobs) {
      if (job.request.background) job.request.waited = job.waiters.length > 0;
      if (job.waiters.length > 0) urgent = true;
    }
    urgent &&= this.options.pauseWarmUp !== false;
    if (urgent && !this.closed && !this.releaseBackground) this.releaseBackground = holdBackground();
    else if ((!urgent || this.closed) && this.releaseBackground) {
      this.releaseBackground();
      this.releaseBackground = null;
    } else refreshBackground();
  }

  private cancelJob(job: Job): void {
    job.controller.abort();
  }

  /**
   * A clip warming as a whole whose frames can no longer all be kept (memory full, no spill)
   * switches to a window, once the cache's eviction (which calls us) has finished. Moving an
   * existing window stays with getFrame.
   */
  private replanSoon(): void {
    if (this.replanQueued || this.frames.spillCanGrow() || this.window[1] - this.window[0] + 1 < this.info.frameCount) return;
    this.replanQueued = true;
    queueMicrotask(() => {
      this.replanQueued = false;
      if (this.closed) return;
      this.moveFocus(this.focus);
      this.emitWarm(true);
    });
  }

  /** The clip's share of the memory cache changed (another clip opened or closed): resize a warm-up window. */
  budgetChanged(): void {
    if (this.closed || this.frames.spillCanGrow()) return;
    this.moveFocus(this.focus);
    this.emitWarm(true);
  }

  // ---- warm-up ------------------------------------------------------------------------------

  private moveFocus(index: number): void {
    this.focus = index;
    const frames = this.windowFrames();
    if (frames >= this.info.frameCount) {
      this.window = [0, this.info.frameCount - 1];
    } else {
      const [low, high] = this.window;
      const centre = (low + high) / 2;
      const inWindow = high - low + 1 === frames;
      if (!inWindow || Math.abs(index - centre) > frames / 4) {
        const start = Math.max(0, Math.min(this.info.frameCount - frames, index - Math.floor(frames / 2)));
        this.window = [start, start + frames - 1];
        this.dropOutsideWindow();
      }
    }
    this.scheduleWarm();
  }

  /** How many preview frames this clip may keep warm: all while it can spill, else what memory holds. */
  private windowFrames(): number {
    const memory = this.frames.memory;
    if (this.frames.spillCanGrow() || memory.count < 24) return this.info.frameCount;
    const average = memory.bytes / memory.count;
    const budget = this.options.warmBudgetBytes?.() ?? this.options.cache.boundBytes * WARM_SHARE;
    return Math.max(8, Math.min(this.info.frameCount, Math.floor(budget / average)));
  }

  private dropOutsideWindow(): void {
    const [low, high] = this.window;
    for (const job of this.jobs) {
      if (job.request.background && (job.request.toIndex < low || job.request.fromIndex > high)) this.cancelJob(job);
    }
    this.options.cache.deleteWhere(
      (frame) => frame.mediaId === this.mediaId && frame.variant === 'preview' && (frame.index < low || frame.index > high),
    );
  }

  private scheduleWarm(): void {
    if (!this.warmEnabled || this.closed || this.warmFailures > 3) return;
    let running = [...this.jobs].filter((job) => job.request.background).length;
    while (running < WARM_CONCURRENCY) {
      const next = this.pickChunk();
      if (!next) break;
      this.launch('preview', { ...next.range, background: true, singleThreaded: this.chunks.length >= WARM_CONCURRENCY }, next.chunk);
      running += 1;
    }
  }

  private pickChunk(): { chunk: number; range: Pick<DecodeRequest, 'fromIndex' | 'keepFromIndex' | 'toIndex'> } | null {
    const busy = new Set<number>();
    for (const job of this.jobs) if (job.chunk !== null) busy.add(job.chunk);
    const [low, high] = this.window;
    let best: { chunk: number; distance: number; first: number; last: number } | null = null;
    for (let c = 0; c < this.chunks.length; c += 1) {
      if (busy.has(c)) continue;
      const [start, end] = this.chunks[c]!;
      const from = Math.max(start, low);
      const to = Math.min(end, high);
      if (from > to) continue;
      const distance = this.focus < start ? start - this.focus : this.focus > end ? this.focus - end : 0;
      if (best && distance >= best.distance) continue;
      let first = -1;
      let last = -1;
      for (let i = from; i <= to; i += 1) {
        if (this.frames.isReady(i) || this.isBeingMadeByForeground(i)) continue;
        if (first < 0) first = i;
        last = i;
      }
      if (first >= 0) best = { chunk: c, distance, first, last };
    }
    if (!best) return null;
    return { chunk: best.chunk, range: { fromIndex: this.chunks[best.chunk]![0], keepFromIndex: best.first, toIndex: best.last } };
  }

  private isBeingMadeByForeground(index: number): boolean {
    for (const job of this.jobs) {
      if (!job.request.background && job.variant === 'preview' && index >= job.nextIndex && index <= job.request.toIndex) return true;
    }
    return false;
  }

  private emitWarm(force: boolean): void {
    const now = performance.now();
    if (!this.options.onWarmProgress || (!force && now - this.lastWarmEmit < 250)) return;
    this.lastWarmEmit = now;
    this.options.onWarmProgress(this.warmStatus());
  }
}

export function previewSizeFor(info: Pick<MediaInfo, 'width' | 'height'>, previewWidth: number): OutputSize {
  const width = even(Math.min(previewWidth, info.width));
  return { width, height: even((width * info.height) / info.width) };
}

function busyError(index: number): MidstanceError {
  return new MidstanceError('busy', `Frame ${index} was skipped: newer frame requests came in while it waited for a decoder.`, { index });
}

const even = (value: number): number => Math.max(2, 2 * Math.round(value / 2));

/** Whole keyframe groups merged into chunks of at least MIN_CHUNK_FRAMES (one process each). */
export function warmChunks(frameCount: number, keyframes: readonly number[]): [number, number][] {
  const starts = [0, ...keyframes.filter((keyframe) => keyframe > 0)];
  const chunks: [number, number][] = [];
  let chunkStart = 0;
  for (let i = 1; i <= starts.length; i += 1) {
    const boundary = i < starts.length ? starts[i]! : frameCount;
    if (boundary - chunkStart >= MIN_CHUNK_FRAMES || i === starts.length) {
      chunks.push([chunkStart, boundary - 1]);
      chunkStart = boundary;
    }
  }
  // A short tail rides along with the chunk before it rather than costing a process of its own.
  const tail = chunks[chunks.length - 1];
  const before = chunks[chunks.length - 2];
  if (tail && before && tail[1] - tail[0] + 1 < MIN_CHUNK_FRAMES / 2) {
    chunks.pop();
    before[1] = tail[1];
  }
  return chunks;
}
