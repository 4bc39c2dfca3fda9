import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, parseNumber, type CsvDialect } from '../../../common/export/csv.ts';
import { COLUMNS } from '../../../common/export/measurement-table.ts';
import type { ProjectSummary } from '../../../main/project/summary.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { decodeFileToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { tempDir } from '../project/helpers.ts';
import { buildExportProject, decodeVideo, DRAWN_FRAME, FAST_CLIP, FREE_LABEL, KNEE, magentaNear, videoStream, type ExportProjectFixture } from './export-project.ts';

const dir = tempDir('midstance-export-');
const fixtures = createFixtureStore();
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');
let project: ExportProjectFixture;
let fastPath: string;

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, MIDSTANCE_HOME: join(dir.path, 'cli-data') } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const [fast, slow] = await Promise.all([fixtures.clip(FAST_CLIP), fixtures.clip('slowmo_android')]);
  fastPath = fast.path;
  project = await buildExportProject(dir.path, fast.path, slow.path);
});

afterAll(() => {
  fixtures.dispose();
  dir.remove();
});

const col = (key: (typeof COLUMNS)[number]) => COLUMNS.indexOf(key);

describe('midstance export --csv', () => {
  let summary: ProjectSummary;
  beforeAll(() => {
    const info = cli('info', project.path, '--json');
    expect(info.code, info.stderr).toBe(0);
    summary = JSON.parse(info.stdout) as ProjectSummary;
  });

  for (const dialect of ['standard', 'nl'] as CsvDialect[]) {
    it(`round-trips the session in the ${dialect} dialect: every measurement and timing figure as midstance info --json says`, () => {
      const out = join(dir.path, `session-${dialect}.csv`);
      const result = cli('export', project.path, '--session', project.sessionId, '--csv', out, '--dialect', dialect, '--lang', 'en');
      expect(result.code, result.stderr).toBe(0);
      const bytes = readFileSync(out);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(dialect === 'nl');
      const rows = parseCsv(bytes.toString('utf8'), dialect);
      const header = rows[0]!;
      expect(header).toHaveLength(COLUMNS.length);
      const body = rows.slice(1);
      for (const row of body) expect(row).toHaveLength(COLUMNS.length);
      const measurements = body.filter((row) => row[col('record')] === 'measurement');
      expect(measurements).toHaveLength(summary.measurements.length);
      for (const expected of summary.measurements) {
        const row = measurements.find((r) => r[col('clipId')] === expected.clipId && Number(r[col('frame')]) === expected.frameIndex && (r[col('labelKey')] || r[col('label')]) === (expected.label ?? ''))!;
        expect(row, `${expected.clip} frame ${expected.frameIndex}`).toBeDefined();
        if (expected.value) {
          expect(parseNumber(row[col('interior')]!, dialect)).toBeCloseTo(expected.value.interior, 2);
          expect(parseNumber(row[col('clinical')]!, dialect)).toBeCloseTo(expected.value.clinical, 2);
          expect(row[col('unit')]).toBe(expected.value.unit);
          expect(row[col('interiorMeaning')]).toBe(expected.value.interiorMeaning);
        }
      }
      // The free-text label with ; , " and a line break survives as typed.
      expect(measurements.some((row) => row[col('label')] === FREE_LABEL)).toBe(true);
      // Real time is the frame's own: a 30 fps file filmed at 240 fps has frame 12 at 50 ms.
      const slowKnee = measurements.find((row) => row[col('clipId')] === project.slowClipId)!;
      expect(parseNumber(slowKnee[col('captureTimeMs')]!, dialect)).toBeCloseTo(50, 3);
      expect(parseNumber(slowKnee[col('fileTimeS')]!, dialect)).toBeCloseTo(0.4, 4);
      // Per clip, the contact times on the events average to info's contact time, per foot.
      for (const clip of summary.clips) {
        for (const side of ['left', 'right'] as const) {
          const contacts = body
            .filter((row) => row[col('clipId')] === clip.id && row[col('side')] === side && row[col('contactTimeMs')] !== '')
            .map((row) => parseNumber(row[col('contactTimeMs')]!, dialect)!);
          const expected = clip.gait!.contactTimeMs[side];
          expect(contacts.length).toBe(expected?.n ?? 0);
          if (expected) expect(contacts.reduce((a, b) => a + b, 0) / contacts.length).toBeCloseTo(expected.mean, 2);
        }
        const steps = body.filter((row) => row[col('clipId')] === clip.id && row[col('stepTimeMs')] !== '').map((row) => parseNumber(row[col('stepTimeMs')]!, dialect)!);
        expect(steps.reduce((a, b) => a + b, 0) / steps.length).toBeCloseTo(clip.gait!.stepTimeMs.all!.mean, 2);
      }
    });
  }

  it('one clip in Dutch: Dutch headers and words, decimal comma', () => {
    const out = join(dir.path, 'clip-nl.csv');
    const result = cli('export', project.path, '--clip', project.fastClipId, '--csv', out, '--dialect', 'nl', '--lang', 'nl');
    expect(result.code, result.stderr).toBe(0);
    const rows = parseCsv(readFileSync(out, 'utf8'), 'nl');
    expect(rows[0]![col('frame')]).toBe('beeld');
    expect(new Set(rows.slice(1).map((row) => row[col('clipId')]))).toEqual(new Set([project.fastClipId]));
    const knee = rows.find((row) => row[col('labelKey')] === 'knee-midstance-left')!;
    expect(knee[col('side')]).toBe('links');
    expect(knee[col('interior')]).toMatch(/^\d+,\d\d$/);
  });
});

describe('midstance export --png', () => {
  it('writes the frame at full resolution with its drawings where the geometry is', async () => {
    const out = join(dir.path, 'knee.png');
    const result = cli('export', project.path, '--clip', project.fastClipId, '--png', out, '--frame', String(DRAWN_FRAME));
    expect(result.code, result.stderr).toBe(0);
    const plainPath = join(dir.path, 'plain.png');
    expect(cli('frame', fastPath, '--index', String(DRAWN_FRAME), '--out', plainPath).code).toBe(0);
    const [exported, plain] = await Promise.all([decodeRgb(out), decodeRgb(plainPath)]);
    expect([exported.width, exported.height]).toEqual([640, 360]);
    expect(readFrameIndex(await decodeFileToGray(out))).toBe(DRAWN_FRAME);
    const alongArm = [0.3, 0.5, 0.7].map((t) => ({ x: KNEE.vertex.x + (KNEE.end.x - KNEE.vertex.x) * t, y: KNEE.vertex.y + (KNEE.end.y - KNEE.vertex.y) * t }));
    for (const point of [...alongArm, { x: KNEE.top.x, y: (KNEE.top.y + KNEE.vertex.y) / 2 }]) {
      expect(magentaNear(exported, point.x, point.y), `overlay at ${point.x},${point.y}`).toBe(true);
      expect(magentaNear(plain, point.x, point.y), `no magenta in the plain frame at ${point.x},${point.y}`).toBe(false);
    }
  });

  it('several frames: one file per frame, named by frame', async () => {
    const out = join(dir.path, 'set.png');
    const result = cli('export', project.path, '--clip', project.fastClipId, '--png', out, '--frame', '20,30,5');
    expect(result.code, result.stderr).toBe(0);
    for (const frame of [5, 20, 30]) {
      const path = join(dir.path, `set-f${frame}.png`);
      expect(readFrameIndex(await decodeFileToGray(path))).toBe(frame);
    }
  });
});

describe('midstance export --video', () => {
  it('1/8 of a 240 fps clip: 30 fps, one output frame per frame, first and last are the range, drawings on their frame', async () => {
    const out = join(dir.path, 'range.mp4');
    const result = cli('export', project.path, '--clip', project.fastClipId, '--video', out, '--from', '10', '--to', '49', '--slow', '8', '--hold', '0');
    expect(result.code, result.stderr).toBe(0);
    const stream = await videoStream(out);
    expect(stream).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p', r_frame_rate: '30/1', nb_frames: '40', profile: 'High' });
    const gray = await decodeVideo(out, 'gray');
    expect(gray.frames.map((frame) => readFrameIndex(frame))).toEqual(Array.from({ length: 40 }, (_, i) => 10 + i));
    const rgb = await decodeVideo(out, 'rgb24');
    const mid = { x: (KNEE.vertex.x + KNEE.end.x) / 2, y: (KNEE.vertex.y + KNEE.end.y) / 2 };
    expect(magentaNear(rgb.frames[DRAWN_FRAME - 10]!, mid.x, mid.y)).toBe(true);
    expect(magentaNear(rgb.frames[DRAWN_FRAME - 9]!, mid.x, mid.y)).toBe(false);
    // faststart: the index (moov) comes before the pictures (mdat), so a phone starts playing at once.
    const bytes = readFileSync(out);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
  });

  it('holds a frame with drawings for the hold time and adds a caption', async () => {
    const out = join(dir.path, 'held.mp4');
    const result = cli('export', project.path, '--clip', project.fastClipId, '--video', out, '--from', '15', '--to', '24', '--slow', '8', '--hold', '1', '--caption');
    expect(result.code, result.stderr).toBe(0);
    const gray = await decodeVideo(out, 'gray');
    const indices = gray.frames.map((frame) => readFrameIndex(frame));
    // 10 frames, frame 20 held for 1 s at 30 fps: 9 + 30.
    expect(indices).toHaveLength(39);
    expect(indices.filter((index) => index === DRAWN_FRAME)).toHaveLength(30);
    expect(indices[0]).toBe(15);
    expect(indices.at(-1)).toBe(24);
    // The caption plate (dark) sits in the bottom-left corner.
    const corner = gray.frames[0]!;
    const at = (x: number, y: number) => corner.data[y * corner.width + x]!;
    expect(at(14, corner.height - 14)).toBeLessThan(40);
  });

  it('a 30 fps file filmed at 240 fps is slowed from its capture rate; at 1/16 each frame shows twice at 30 fps', async () => {
    const eighth = join(dir.path, 'slow8.mp4');
    expect(cli('export', project.path, '--clip', project.slowClipId, '--video', eighth, '--from', '0', '--to', '29', '--slow', '8', '--hold', '0').code).toBe(0);
    expect(await videoStream(eighth)).toMatchObject({ r_frame_rate: '30/1', nb_frames: '30' });
    const sixteenth = join(dir.path, 'slow16.mp4');
    expect(cli('export', project.path, '--clip', project.slowClipId, '--video', sixteenth, '--from', '0', '--to', '9', '--slow', '16', '--hold', '0').code).toBe(0);
    const gray = await decodeVideo(sixteenth, 'gray');
    expect(gray.frames.map((frame) => readFrameIndex(frame))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9]);
  });
});

describe('midstance export: bad input', () => {
  it('a bad range, an unwritable folder and a missing video each fail with one clear line and no file', () => {
    const badRange = cli('export', project.path, '--clip', project.fastClipId, '--video', join(dir.path, 'bad.mp4'), '--from', '50', '--to', '500');
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toMatch(/it has 120 frames \(0–119\)/);
    expect(existsSync(join(dir.path, 'bad.mp4'))).toBe(false);

    const missingFolder = cli('export', project.path, '--clip', project.fastClipId, '--png', join(dir.path, 'nope', 'x.png'), '--frame', '1');
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.stderr).toMatch(/does not exist/);

    const unknownClip = cli('export', project.path, '--clip', 'no-such-clip', '--png', join(dir.path, 'y.png'), '--frame', '1');
    expect(unknownClip.code).toBe(2);

    const slowSelf = cli('export', project.path, '--clip', project.fastClipId, '--video', join(dir.path, 's.mp4'), '--from', '1', '--to', '2', '--slow', '3');
    expect(slowSelf.code).toBe(2);
    expect(slowSelf.stderr).toMatch(/--slow must be 2, 4, 8 or 16/);
  });

  it('the video moved away: media missing, exit 2', () => {
    const moved = `${fastPath}.away`;
    renameSync(fastPath, moved);
    try {
      const result = cli('export', project.path, '--clip', project.fastClipId, '--png', join(dir.path, 'gone.png'), '--frame', '1');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/was not found/);
      // The CSV still lists its drawings, with a warning.
      const csv = cli('export', project.path, '--clip', project.fastClipId, '--csv', join(dir.path, 'gone.csv'));
      expect(csv.code).toBe(0);
      expect(csv.stderr).toMatch(/was not found/);
    } finally {
      renameSync(moved, fastPath);
    }
  });

  it('a read-only folder: no permission, nothing left behind', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const folder = join(dir.path, 'readonly');
    spawnSync('mkdir', [folder]);
    chmodSync(folder, 0o555);
    const result = cli('export', project.path, '--clip', project.fastClipId, '--csv', join(folder, 'x.csv'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no permission/i);
    expect(readdirSync(folder)).toEqual([]);
  });
});

async function decodeRgb(path: string) {
  const { frames, width, height } = await decodeVideo(path, 'rgb24');
  return { ...frames[0]!, width, height };
}
