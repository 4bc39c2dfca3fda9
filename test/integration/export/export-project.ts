import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import type { BodySide, GaitEventKind } from '../../../common/contract/project.ts';
import type { ClipSpec } from '../../fixtures/clips.ts';
import type { Raster } from '../../fixtures/frame-code.ts';
import { startProjectService } from '../project/helpers.ts';

/** A 240 fps file (frames carry their index as a block code in the top band). */
export const FAST_CLIP: ClipSpec = { width: 640, height: 360, fps: 240, frames: 120, codec: 'h264', gop: 60, bframes: 0, preset: 'ultrafast' };

/** The knee drawn on DRAWN_FRAME: vertex and arm ends, in image px (clear of the code band and the caption). */
export const KNEE = { top: { x: 320, y: 130 }, vertex: { x: 320, y: 230 }, end: { x: 400, y: 300 } } as const;
export const KNEE_COLOR = '#FF4FB0';
export const DRAWN_FRAME = 20;
export const FREE_LABEL = 'Knie "L"; 40,5, na\nlanding';

export interface ExportProjectFixture {
  path: string;
  sessionId: string;
  fastClipId: string;
  slowClipId: string;
}

type Mark = [number, GaitEventKind, BodySide];
const MARKS: Mark[] = [
  [2, 'initial-contact', 'left'],
  [5, 'midstance', 'left'],
  [10, 'toe-off', 'left'],
  [13, 'initial-contact', 'right'],
  [22, 'toe-off', 'right'],
  [26, 'initial-contact', 'left'],
  [34, 'toe-off', 'left'],
  [37, 'initial-contact', 'right'],
];

/** A project with a 240 fps clip and a 30 fps file filmed at 240 fps, drawings (one with a tricky label) and gait events. */
export async function buildExportProject(dir: string, fastPath: string, slowPath: string): Promise<ExportProjectFixture> {
  const path = join(dir, 'Export test.midstance');
  const app = startProjectService(join(dir, 'data'));
  await app.call('project.create', { path });
  const client = await app.call('clients.create', { name: 'Export Test' });
  const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-05-12', protocol: { treadmillSpeedKmh: 11 } });
  const sessionId = session.record.id;
  const fast = await app.call('clips.add', { path: fastPath, sessionId, view: 'side-left', name: 'Zijaanzicht, 240 fps' });
  const slow = await app.call('clips.add', { path: slowPath, sessionId, view: 'rear', name: 'Achter "slow"' });
  for (const clip of [fast, slow]) {
    for (const [frameIndex, kind, side] of MARKS) await app.call('gaitEvents.create', { clipId: clip.record.id, frameIndex, frameTime: 0, kind, side });
  }
  const knee: AnnotationGeometry = { kind: 'goniometer', points: [KNEE.top, KNEE.vertex, KNEE.end] };
  await app.call('annotations.create', { clipId: fast.record.id, frameIndex: DRAWN_FRAME, frameTime: DRAWN_FRAME / 240, geometry: knee, label: 'knee-midstance-left', style: { color: KNEE_COLOR, strokeWidth: 3 } });
  await app.call('annotations.create', {
    clipId: fast.record.id,
    frameIndex: 30,
    frameTime: 30 / 240,
    geometry: { kind: 'angle-horizontal', points: [{ x: 200, y: 300 }, { x: 230, y: 150 }] },
    label: 'trunk-midstance',
    style: { color: '#00E5FF', strokeWidth: 2 },
  });
  await app.call('annotations.create', {
    clipId: fast.record.id,
    frameIndex: 30,
    frameTime: 30 / 240,
    geometry: { kind: 'line', points: [{ x: 100, y: 320 }, { x: 180, y: 320 }] },
    label: FREE_LABEL,
    style: { color: '#7CFF4F', strokeWidth: 2 },
  });
  await app.call('annotations.create', {
    clipId: slow.record.id,
    frameIndex: 12,
    frameTime: 12 / 30,
    geometry: { kind: 'goniometer', points: [{ x: 300, y: 120 }, { x: 300, y: 220 }, { x: 380, y: 280 }] },
    label: 'knee-midstance-right',
    style: { color: KNEE_COLOR, strokeWidth: 2 },
  });
  await app.dispose();
  return { path, sessionId, fastClipId: fast.record.id, slowClipId: slow.record.id };
}

/** Every frame of a video as raw pictures (gray or RGB), and its frame rate as ffprobe reads it. */
export async function decodeVideo(path: string, format: 'gray' | 'rgb24'): Promise<{ frames: Raster[]; width: number; height: number }> {
  const probe = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', path]);
  const [width, height] = probe.toString().trim().split(',').map(Number) as [number, number];
  const raw = await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', path, '-f', 'rawvideo', '-pix_fmt', format, 'pipe:1']);
  const channels = format === 'gray' ? 1 : 3;
  const size = width * height * channels;
  const frames: Raster[] = [];
  for (let at = 0; at + size <= raw.length; at += size) frames.push({ data: raw.subarray(at, at + size), width, height, channels });
  return { frames, width, height };
}

export async function videoStream(path: string): Promise<Record<string, string>> {
  const text = (await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,pix_fmt,r_frame_rate,nb_frames,profile,color_space', '-of', 'default=nw=1', path])).toString();
  return Object.fromEntries(text.trim().split('\n').map((line) => line.split('=') as [string, string]));
}

export function run(program: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args);
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${program} failed: ${err}`))));
  });
}

/** The most saturated-magenta pixel within `radius` of a point (anti-aliasing spreads a stroke). */
export function magentaNear(raster: Raster, x: number, y: number, radius = 3): boolean {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      const at = ((Math.round(y) + dy) * raster.width + Math.round(x) + dx) * raster.channels;
      const [r, g, b] = [raster.data[at]!, raster.data[at + 1]!, raster.data[at + 2]!];
      if (r > 190 && g < 130 && b > 120 && r - g > 100) return true;
    }
  }
  return false;
}
