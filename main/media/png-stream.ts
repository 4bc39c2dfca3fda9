/**
 * Splits a stream of concatenated PNG images (ffmpeg's image2pipe/png output) into whole images.
 * It walks the chunks by their length fields up to IEND, so image data that happens to contain
 * the IEND bytes never cuts an image short. Pure and incremental: feed chunks as they arrive.
 */
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export class PngStreamSplitter {
  /** Unmerged input; merged only once it holds the bytes the next step needs (no copy per pipe chunk). */
  private parts: Uint8Array[] = [];
  private total = 0;
  /** Bytes the parser needs before it can take its next step. */
  private needed = SIGNATURE.length;
  /** Where the next chunk of the current image starts (0: the signature is not checked yet). */
  private pos = 0;

  push(chunk: Uint8Array): Uint8Array[] {
    if (chunk.length > 0) {
      this.parts.push(chunk);
      this.total += chunk.length;
    }
    const images: Uint8Array[] = [];
    while (this.total >= this.needed) {
      const buffer = this.merged();
      const end = this.scan(buffer);
      if (end === null) break;
      images.push(buffer.slice(0, end));
      const rest = buffer.subarray(end);
      this.parts = rest.length > 0 ? [rest] : [];
      this.total = rest.length;
      this.pos = 0;
      this.needed = SIGNATURE.length;
    }
    return images;
  }

  /** Bytes held for an unfinished image (a truncated stream leaves some at the end). */
  get pendingBytes(): number {
    return this.total;
  }

  private merged(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0]!;
    const buffer = new Uint8Array(this.total);
    let at = 0;
    for (const part of this.parts) {
      buffer.set(part, at);
      at += part.length;
    }
    this.parts = [buffer];
    return buffer;
  }

  /** End offset of the first complete image, or null (then `needed` says how many bytes to wait for). */
  private scan(b: Uint8Array): number | null {
    if (this.pos === 0) {
      for (let i = 0; i < SIGNATURE.length; i += 1) {
        if (b[i] !== SIGNATURE[i]) throw new Error('not a PNG stream');
      }
      this.pos = SIGNATURE.length;
    }
    for (;;) {
      if (this.pos + 8 > b.length) {
        this.needed = this.pos + 8;
        return null;
      }
      const length = ((b[this.pos]! << 24) | (b[this.pos + 1]! << 16) | (b[this.pos + 2]! << 8) | b[this.pos + 3]!) >>> 0;
      const isEnd = b[this.pos + 4] === 0x49 && b[this.pos + 5] === 0x45 && b[this.pos + 6] === 0x4e && b[this.pos + 7] === 0x44;
      const end = this.pos + 12 + length;
      if (end > b.length) {
        this.needed = end;
        return null;
      }
      this.pos = end;
      if (isEnd) return end;
    }
  }
}
