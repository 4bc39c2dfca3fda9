import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JpegStreamSplitter } from '../../../main/media/jpeg-stream.ts';

/** A minimal but well-formed JPEG: SOI, an APP segment, SOS header, entropy data, EOI. */
function jpeg(tag: number, appPayload: number[] = [], entropy: number[] = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd3, 0x56]): Uint8Array {
  const app = [0xff, 0xe1, 0, appPayload.length + 2, ...appPayload];
  const sos = [0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0];
  return new Uint8Array([0xff, 0xd8, ...app, ...sos, tag, ...entropy, 0xff, 0xd9]);
}

function split(stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const splitter = new JpegStreamSplitter();
  const out: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < stream.length)].sort((a, b) => a - b).concat(stream.length)) {
    out.push(...splitter.push(stream.subarray(at, cut)));
    at = cut;
  }
  return out;
}

describe('JpegStreamSplitter', () => {
  it('splits concatenated images however the stream is chunked', () => {
    const images = [jpeg(1), jpeg(2, [0xff, 0xd9, 0xff, 0xd8]), jpeg(3, [], [0xff, 0x00, 0xff, 0xff, 0xd0, 9])];
    const stream = new Uint8Array(images.reduce((n, image) => n + image.length, 0));
    let offset = 0;
    for (const image of images) {
      stream.set(image, offset);
      offset += image.length;
    }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const out = split(stream, cuts);
        expect(out.map((image) => Array.from(image))).toEqual(images.map((image) => Array.from(image)));
      }),
    );
  });

  it('an FF D9 inside a header segment does not end the image', () => {
    const image = jpeg(7, [0x00, 0xff, 0xd9, 0x00]);
    expect(split(image, [])).toHaveLength(1);
    expect(split(image, [])[0]).toEqual(image);
  });

  it('skips bytes before the first image and holds an unfinished one', () => {
    const image = jpeg(4);
    const splitter = new JpegStreamSplitter();
    expect(splitter.push(new Uint8Array([1, 2, 3, ...image.subarray(0, 10)]))).toEqual([]);
    expect(splitter.pendingBytes).toBe(10);
    expect(splitter.push(image.subarray(10))).toEqual([image]);
    expect(splitter.pendingBytes).toBe(0);
  });
});
