import { describe, expect, it } from 'vitest';
import { rotationFilters } from '../../../main/media/decoder.ts';
import { orientationFromMatrix, orientationOf, parseDisplayMatrix, parseStreamFacts } from '../../../main/media/probe-parse.ts';
import { displayMatrixFor } from '../../fixtures/mp4-matrix.ts';

/** ffprobe's `displaymatrix` text for a matrix, as ffprobe 5.1 prints it ("%08x: " per row, then " %11d" per value). */
function printed(matrix: readonly number[]): string {
  const rows = [0, 1, 2].map((row) => `${String(row).padStart(8, '0')}: ${matrix.slice(row * 3, row * 3 + 3).map((v) => ` ${String(v).padStart(11)}`).join('')}`);
  return `\n${rows.join('\n')}\n`;
}

const side = (matrix: readonly number[], rotation: number) => ({
  side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: printed(matrix), rotation }],
});

describe('display matrix → orientation', () => {
  // Recorded from ffprobe 5.1 on files whose tkhd matrix was written as shown (see test/fixtures/mp4-matrix.ts).
  const recorded = {
    identity: printed([65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30]),
    rot90: '\n00000000:            0       65536           0\n00000001:       -65536           0           0\n00000002:            0           0  1073741824\n',
    hflip: '\n00000000:       -65536           0           0\n00000001:            0       65536           0\n00000002:     20971520           0  1073741824\n',
    rot90Hflip: '\n00000000:            0       65536           0\n00000001:        65536           0           0\n00000002:            0           0  1073741824\n',
  };

  it('parses the three rows of ffprobe text', () => {
    expect(parseDisplayMatrix(recorded.hflip)).toEqual([-65536, 0, 0, 0, 65536, 0, 20971520, 0, 1073741824]);
    expect(printed(parseDisplayMatrix(recorded.rot90Hflip)!)).toBe(recorded.rot90Hflip);
    expect(parseDisplayMatrix('00000000: 1 2 3\n')).toBeNull();
    expect(parseDisplayMatrix(undefined)).toBeNull();
  });

  it("identity, quarter turn, mirror, and quarter turn + mirror (ffprobe's rotation alone cannot tell them apart)", () => {
    const of = (text: string, rotation: number) => orientationOf({ side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: text, rotation }] });
    expect(of(recorded.identity, 0)).toEqual({ rotation: 0, mirrored: false });
    expect(of(recorded.rot90, -90)).toEqual({ rotation: 90, mirrored: false });
    // ffprobe says -180 for a pure mirror: read as a turn it would show the runner upside down.
    expect(of(recorded.hflip, -180)).toEqual({ rotation: 0, mirrored: true });
    // A transpose: ffprobe says -90 like a plain portrait clip.
    expect(of(recorded.rot90Hflip, -90)).toEqual({ rotation: 90, mirrored: true });
  });

  it('all eight turn × mirror combinations round-trip, with or without translation and at any scale', () => {
    for (const rotation of [0, 90, 180, 270] as const) {
      for (const mirrored of [false, true]) {
        const matrix = displayMatrixFor(rotation, mirrored, 1920, 1080);
        expect(orientationFromMatrix(matrix)).toEqual({ rotation, mirrored });
        expect(orientationOf(side(matrix, 0))).toEqual({ rotation, mirrored });
        const noTranslation = [...matrix.slice(0, 6), 0, 0, matrix[8]!];
        expect(orientationFromMatrix(noTranslation)).toEqual({ rotation, mirrored });
        const doubled = matrix.map((value, i) => (i === 8 ? value : value * 2));
        expect(orientationFromMatrix(doubled)).toEqual({ rotation, mirrored });
      }
    }
  });

  it('vertical flip is a half turn, mirrored (what ffmpeg -display_vflip writes)', () => {
    expect(orientationFromMatrix([65536, 0, 0, 0, -65536, 0, 0, 0, 1 << 30])).toEqual({ rotation: 180, mirrored: true });
  });

  it("falls back to ffprobe's rotation, then to the rotate tag; a singular matrix is ignored", () => {
    expect(orientationOf({ side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] })).toEqual({ rotation: 90, mirrored: false });
    expect(orientationOf({ side_data_list: [{ side_data_type: 'Display Matrix', displaymatrix: printed([0, 0, 0, 0, 0, 0, 0, 0, 1 << 30]), rotation: 90 }] })).toEqual({ rotation: 270, mirrored: false });
    expect(orientationOf({ tags: { rotate: '270' } })).toEqual({ rotation: 270, mirrored: false });
    expect(orientationOf({})).toEqual({ rotation: 0, mirrored: false });
  });

  it('stream facts carry the mirror', () => {
    const facts = parseStreamFacts({
      streams: [{ index: 0, codec_type: 'video', codec_name: 'h264', width: 640, height: 360, ...side(displayMatrixFor(0, true, 640, 360), -180) }],
    });
    expect(facts).toMatchObject({ rotation: 0, mirrored: true });
  });
});

describe('orientation filters', () => {
  it("plain turns are unchanged; mirrored ones are one filter each, as ffmpeg's autorotate picks", () => {
    expect(rotationFilters(0)).toEqual([]);
    expect(rotationFilters(90)).toEqual(['transpose=clock']);
    expect(rotationFilters(0, true)).toEqual(['hflip']);
    expect(rotationFilters(90, true)).toEqual(['transpose=cclock_flip']);
    expect(rotationFilters(180, true)).toEqual(['vflip']);
    expect(rotationFilters(270, true)).toEqual(['transpose=clock_flip']);
  });
});
