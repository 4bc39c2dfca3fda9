/**
 * Encoded frames of all open clips, bounded in bytes, least recently used out first.
 * A Map keeps insertion order, so re-inserting on use makes its first entry the eldest.
 */

export type FrameVariant = 'preview' | 'full';

export interface CachedFrame {
  mediaId: string;
  variant: FrameVariant;
  index: number;
  data: Uint8Array;
}

export type EvictionListener = (frame: CachedFrame) => void;

export class FrameCache {
  private readonly entries = new Map<string, CachedFrame>();
  private bytes = 0;
  private peak = 0;
  private readonly bound: () => number;
  private readonly onEvict: EvictionListener;

  constructor(boundBytes: () => number, onEvict: EvictionListener = () => {}) {
    this.bound = boundBytes;
    this.onEvict = onEvict;
  }

  static key(mediaId: string, variant: FrameVariant, index: number): string {
    return `${mediaId}/${variant}/${index}`;
  }

  get(mediaId: string, variant: FrameVariant, index: number): Uint8Array | undefined {
    const key = FrameCache.key(mediaId, variant, index);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.data;
  }

  has(mediaId: string, variant: FrameVariant, index: number): boolean {
    return this.entries.has(FrameCache.key(mediaId, variant, index));
  }

  put(frame: CachedFrame): void {
    const key = FrameCache.key(frame.mediaId, frame.variant, frame.index);
    const existing = this.entries.get(key);
    if (existing) {
      this.entries.delete(key);
      this.bytes -= existing.data.byteLength;
    }
    this.entries.set(key, frame);
    this.bytes += frame.data.byteLength;
    this.evictDownTo(this.bound());
    this.peak = Math.max(this.peak, this.bytes);
  }

  /** Drops frames matching the predicate (a closed clip, frames outside a warm-up window). */
  deleteWhere(predicate: (frame: CachedFrame) => boolean): number {
    let removed = 0;
    for (const [key, frame] of this.entries) {
      if (!predicate(frame)) continue;
      this.entries.delete(key);
      this.bytes -= frame.data.byteLength;
      this.onEvict(frame);
      removed += 1;
    }
    return removed;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  get peakBytes(): number {
    return this.peak;
  }

  get boundBytes(): number {
    return this.bound();
  }

  get count(): number {
    return this.entries.size;
  }

  resetPeak(): void {
    this.peak = this.bytes;
  }

  private evictDownTo(limit: number): void {
    for (const [key, frame] of this.entries) {
      if (this.bytes <= limit) break;
      this.entries.delete(key);
      this.bytes -= frame.data.byteLength;
      this.onEvict(frame);
    }
  }
}
