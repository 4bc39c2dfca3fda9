import type { FrameCache, FrameVariant } from './frame-cache.ts';
import type { SpillFile } from './frame-spill.ts';

/**
 * Where one clip's encoded frames are: the shared memory cache, and for previews the clip's spill
 * file on disk. Keeps count of what is ready without decoding, so warm-up can plan. Knows nothing
 * of decoders or jobs.
 */
export class ClipFrameStore {
  private readonly mediaId: string;
  private readonly cache: FrameCache;
  private readonly createSpill: (() => SpillFile | null) | undefined;
  /** Told when the spill stops growing (full, failed): the clip may have to warm a window instead. */
  private readonly onSpillChange: () => void;
  /** 1 where the preview frame is in the memory cache. */
  private readonly inMemory: Uint8Array;
  private memoryCount = 0;
  private memoryBytes = 0;
  /** Preview frames in memory or on disk: ready without decoding. */
  private ready = 0;
  private spill: SpillFile | null = null;
  /** No spill file for this clip (none offered, it could not be made, or it failed). */
  private spillOff: boolean;
  private closed = false;

  constructor(options: {
    mediaId: string;
    frameCount: number;
    cache: FrameCache;
    createSpill?: () => SpillFile | null;
    onSpillChange: () => void;
  }) {
    this.mediaId = options.mediaId;
    this.cache = options.cache;
    this.createSpill = options.createSpill;
    this.onSpillChange = options.onSpillChange;
    this.inMemory = new Uint8Array(options.frameCount);
    this.spillOff = options.createSpill === undefined;
  }

  /** A frame from memory, else (previews) from the spill file, which puts it back in memory. */
  get(index: number, variant: FrameVariant): Uint8Array | undefined {
    const inMemory = this.cache.get(this.mediaId, variant, index);
    if (inMemory || variant !== 'preview' || !this.spill) return inMemory;
    const data = this.spill.read(index);
    this.noticeSpillState();
    if (data) this.put(variant, index, data);
    return data;
  }

  put(variant: FrameVariant, index: number, data: Uint8Array): void {
    if (this.closed) return;
    // Counted before put: a bound smaller than the frame evicts it again at once (evicted).
    if (variant === 'preview' && !this.inMemory[index]) {
      if (!this.onDisk(index)) this.ready += 1;
      this.inMemory[index] = 1;
      this.memoryCount += 1;
      this.memoryBytes += data.byteLength;
    }
    this.cache.put({ mediaId: this.mediaId, variant, index, data });
  }

  has(index: number, variant: FrameVariant): boolean {
    return variant === 'preview' ? this.isReady(index) : this.cache.has(this.mediaId, variant, index);
  }

  /** The shared cache dropped one of this clip's frames: a preview goes to disk if it can. */
  evicted(variant: FrameVariant, index: number, data: Uint8Array): void {
    if (variant !== 'preview' || !this.inMemory[index] || this.closed) return;
    this.spillFrame(index, data);
    this.inMemory[index] = 0;
    this.memoryCount -= 1;
    this.memoryBytes -= data.byteLength;
    if (!this.onDisk(index)) this.ready -= 1;
    this.onSpillChange();
  }

  isReady(index: number): boolean {
    return this.inMemory[index] === 1 || this.onDisk(index);
  }

  /** True while frames leaving memory can still go to disk (or a spill file may yet be made). */
  spillCanGrow(): boolean {
    return !this.spillOff && (this.spill === null || this.spill.state === 'open');
  }

  get readyCount(): number {
    return this.ready;
  }

  /** Preview frames in memory and their bytes (their average sizes a memory-only window). */
  get memory(): { count: number; bytes: number } {
    return { count: this.memoryCount, bytes: this.memoryBytes };
  }

  get spilled(): { frames: number; bytes: number } {
    return { frames: this.spill?.count ?? 0, bytes: this.spill?.bytes ?? 0 };
  }

  /** Drops the clip's frames from memory and deletes its spill file. */
  close(): void {
    this.closed = true;
    this.cache.deleteWhere((frame) => frame.mediaId === this.mediaId);
    this.spill?.close();
    this.spill = null;
  }

  private onDisk(index: number): boolean {
    return this.spill?.has(index) ?? false;
  }

  private spillFrame(index: number, data: Uint8Array): void {
    if (!this.spillCanGrow()) return;
    if (!this.spill) {
      this.spill = this.createSpill!();
      if (!this.spill) this.spillOff = true;
    }
    this.spill?.write(index, data);
    this.noticeSpillState();
  }

  /**
   * A spill that is full keeps serving what it has; one that failed is gone (its frames with it).
   * Either way the clip may have to fall back to warming a window around the current frame.
   */
  private noticeSpillState(): void {
    const state = this.spill?.state;
    if (state === 'failed' || state === 'closed') {
      this.spill = null;
      this.spillOff = true;
      this.ready = this.memoryCount;
    }
    this.onSpillChange();
  }
}
