import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../../common/contract/export.ts';
import { liveProcessCount } from '../../../main/media/processes.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { startApp, tempDir, type TestApp } from '../project/helpers.ts';
import { buildExportProject, FAST_CLIP, type ExportProjectFixture } from './export-project.ts';

const dir = tempDir('midstance-export-api-');
const fixtures = createFixtureStore();
let project: ExportProjectFixture;
let app: TestApp;

beforeAll(async () => {
  const [fast, slow] = await Promise.all([fixtures.clip(FAST_CLIP), fixtures.clip('slowmo_android')]);
  project = await buildExportProject(dir.path, fast.path, slow.path);
  app = startApp(join(dir.path, 'app-data'));
  await app.call('project.open', { path: project.path });
});

afterAll(async () => {
  await app.dispose();
  fixtures.dispose();
  dir.remove();
});

const progressOf = (jobId: string) =>
  app.events.filter((event) => event.name === 'export.progress' && (event.payload as ExportProgress).jobId === jobId).map((event) => event.payload as ExportProgress);

describe('export calls on the open project', () => {
  it('a video export reports progress from the encoder up to the last frame', async () => {
    const outPath = join(dir.path, 'api.mp4');
    const result = await app.call('export.video', { clipId: project.fastClipId, from: 0, to: 59, slow: 8, caption: true, holdSeconds: 0, outPath, language: 'nl', jobId: 'job-ok' });
    expect(result).toMatchObject({ path: outPath, frames: 60, fps: 30, width: 640, height: 360 });
    const progress = progressOf('job-ok');
    expect(progress[0]!.stage).toBe('preparing');
    expect(progress.some((p) => p.stage === 'encoding')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ stage: 'finishing', fraction: 1, done: 60, total: 60 });
  });

  it('cancel stops the export at once: "cancelled", no file and no temporary file left, every ffmpeg reaped', async () => {
    const folder = join(dir.path, 'cancel');
    mkdirSync(folder);
    const outPath = join(folder, 'cancelled.mp4');
    // Long enough to be still encoding when cancelled: drawn frames held for 10 s each.
    const running = app.call('export.video', { clipId: project.fastClipId, from: 0, to: 119, slow: 16, caption: true, holdSeconds: 10, outPath, language: null, jobId: 'job-cancel' });
    const outcome = running.then(() => 'finished', (error: { code?: string }) => error.code ?? 'failed');
    const deadline = Date.now() + 20_000;
    while (!progressOf('job-cancel').some((p) => p.stage === 'encoding') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(progressOf('job-cancel').some((p) => p.stage === 'encoding')).toBe(true);
    expect(await app.call('export.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: true });
    expect(await outcome).toBe('cancelled');
    expect(readdirSync(folder)).toEqual([]);
    expect(liveProcessCount()).toBe(0);
    expect(await app.call('export.cancel', { jobId: 'job-cancel' })).toEqual({ cancelled: false });
  });

  it('CSV and PNG through the API; a bad range is refused before any file is made', async () => {
    const csv = await app.call('export.csv', { scope: { clipId: project.slowClipId }, dialect: 'nl', language: null, outPath: join(dir.path, 'api.csv') });
    expect(csv.rows).toBe(9);
    const png = await app.call('export.png', { clipId: project.fastClipId, frames: [20, 21], outPath: join(dir.path, 'api.png'), language: 'en' });
    expect(png.paths.map((path) => path.slice(dir.path.length + 1))).toEqual(['api-f20.png', 'api-f21.png']);
    const error = await app.failure('export.video', { clipId: project.fastClipId, from: 100, to: 200, slow: 8, caption: false, holdSeconds: 0, outPath: join(dir.path, 'bad.mp4'), language: null });
    expect(error.code).toBe('invalid-request');
    expect(readdirSync(dir.path).some((name) => name.startsWith('bad') || name.includes('.part'))).toBe(false);
  });
});
