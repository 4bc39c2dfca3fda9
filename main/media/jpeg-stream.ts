/**
 * Splits a stream of concatenated JPEG images (ffmpeg's image2pipe/mjpeg output) into whole
 * images. It walks the marker segments by their lengths, and scans only entropy-coded data for
 * the end marker, so header bytes that happen to look like FF D9 (e.g. in a thumbnail) never
 * cut an image short. Pure and incremental: feed chunks as they arrive.
 */
export class JpegStreamSplitter {
  private buffer: Uint8Array = new Uint8Array(0);
  /** Where parsing of the current image continues. */
  private pos = 0;
  private inEntropyData = false;
  private started = false;

  push(chunk: Uint8Array): Uint8Array[] {
    this.buffer = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    const images: Uint8Array[] = [];
    for (;;) {
      const end = this.scan();
      if (end === null) break;
      images.push(this.buffer.slice(0, end));
      this.buffer = this.buffer.subarray(end);
      this.pos = 0;
      this.inEntropyData = false;
      this.started = false;
    }
    return images;
  }

  /** Bytes held for an unfinished image (a truncated stream leaves some at the end). */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /** Returns the end offset of the first complete image in the buffer, or null if incomplete. */
  private scan(): number | null {
    const b = this.buffer;
    if (!this.started) {
      // Skip anything before the start-of-image marker.
      const soi = findSoi(b);
      if (soi < 0) {
        // Keep a trailing FF in case the marker is split across chunks.
        this.buffer = b.length > 0 && b[b.length - 1] === 0xff ? b.subarray(b.length - 1) : new Uint8Array(0);
        return null;
      }
      this.buffer = b.subarray(soi);
      this.pos = 2;
      this.started = true;
      return this.scan();
    }
    let p = this.pos;
    while (p < b.length) {
      if (this.inEntropyData) {
        const ff = b.indexOf(0xff, p);
        if (ff < 0 || ff + 1 >= b.length) {
          this.pos = ff < 0 ? b.length : ff;
          return null;
        }
        const next = b[ff + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
          p = next === 0xff ? ff + 1 : ff + 2;
          continue;
        }
        this.inEntropyData = false;
        p = ff;
        continue;
      }
      // At a marker: FF (fill FFs) code [length].
      if (b[p] !== 0xff) {
        // Corrupt stream: resynchronise on the next marker.
        const ff = b.indexOf(0xff, p);
        if (ff < 0) {
          this.pos = b.length;
          return null;
        }
        p = ff;
        continue;
      }
      if (p + 1 >= b.length) break;
      const code = b[p + 1]!;
      if (code === 0xff) {
        p += 1;
        continue;
      }
      if (code === 0xd9) return p + 2;
      if (code === 0xd8 || code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
        p += 2;
        continue;
      }
      if (p + 3 >= b.length) break;
      const length = (b[p + 2]! << 8) | b[p + 3]!;
      if (p + 2 + length > b.length) break;
      p += 2 + length;
      if (code === 0xda) this.inEntropyData = true;
    }
    this.pos = p;
    return null;
  }
}

function findSoi(b: Uint8Array): number {
  let i = b.indexOf(0xff);
  while (i >= 0 && i + 1 < b.length) {
    if (b[i + 1] === 0xd8) return i;
    i = b.indexOf(0xff, i + 1);
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
