import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoseLandmark } from '../../../common/contract/pose.ts';
import type { ApiClient } from '../../../common/contract/client.ts';
import { createCore } from '../../../main/core/create-core.ts';
import type { Core } from '../../../main/core/types.ts';
import { callFailure, inMemoryClient } from '../../support/in-memory-client.ts';
import { makeWalkerClip } from '../../fixtures/walker-clip.ts';

let dir: string;
let core: Core;
let client: ApiClient;
let clipId: string;
let mediaId: string;
const progress: { done: number; total: number }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-pose-tracks-'));
  core = createCore({ shell: 'test', dataDir: join(dir, 'data') });
  client = inMemoryClient(core.handlers, core.events);
  core.events.subscribe((name, payload) => {
    if (name === 'pose.progress') progress.push(payload as { done: number; total: number });
  });
  const video = await makeWalkerClip(dir);
  await client.call('project.create', { path: join(dir, 'walk.midstance') });
  clipId = (await client.call('clips.add', { path: video })).record.id;
  mediaId = (await client.call('media.open', { path: video })).mediaId;
}, 120_000);

afterAll(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('Detect landmarks → proposed pose tracks in the project file', () => {
  it('cancels without storing anything', async () => {
    const jobId = 'cancel-job-1';
    const stop = core.events.subscribe((name, payload) => {
      if (name === 'pose.progress' && (payload as { done: number }).done === 2) void client.call('pose.cancel', { jobId });
    });
    const failure = await callFailure(client, 'pose.detect', { clipId, mediaId, jobId, model: 'full' });
    stop();
    expect(failure.code).toBe('cancelled');
    expect(await client.call('tracks.list', { clipId })).toEqual([]);
  });

  it('stores one proposed track per landmark, with progress, labels in the project language and every frame', async () => {
    progress.length = 0;
    const result = await client.call('pose.detect', { clipId, mediaId, jobId: 'detect-job-1', model: 'full' });
    expect(result).toMatchObject({ cached: false, model: 'full', frames: 20 });
    expect(result.trackIds).toHaveLength(12);
    expect(progress[0]).toEqual({ jobId: 'detect-job-1', clipId, done: 0, total: 20 });
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 20 });
    const tracks = await client.call('tracks.list', { clipId });
    expect(tracks.map((track) => track.landmark).sort()).toEqual([...PoseLandmark.options].sort());
    for (const track of tracks) expect(track).toMatchObject({ source: 'pose', status: 'proposed', pointCount: 20, firstFrame: 0, lastFrame: 19 });
    const language = (await client.call('project.current', {}))?.settings.language;
    const knee = tracks.find((track) => track.landmark === 'leftKnee')!;
    expect(knee.label).toBe(language === 'nl' ? 'Linkerknie' : 'Left knee');
    const points = (await client.call('tracks.get', { id: knee.id })).points;
    expect(points.every((point) => point.anchor === false && point.confidence > 0 && point.x > 80 && point.x < 400)).toBe(true);
  });

  it('answers from the project file the second time, and a redo keeps what the user accepted', async () => {
    const again = await client.call('pose.detect', { clipId, mediaId, jobId: 'detect-job-2', model: 'full' });
    expect(again.cached).toBe(true);
    const tracks = await client.call('tracks.list', { clipId });
    const knee = tracks.find((track) => track.landmark === 'leftKnee')!;
    await client.call('tracks.accept', { ids: [knee.id] });
    const redo = await client.call('pose.detect', { clipId, mediaId, jobId: 'detect-job-3', model: 'full', redo: true });
    expect(redo.cached).toBe(false);
    expect(redo.trackIds).toHaveLength(11);
    const after = await client.call('tracks.list', { clipId });
    expect(after).toHaveLength(12);
    expect(after.find((track) => track.id === knee.id)).toMatchObject({ status: 'accepted', landmark: 'leftKnee' });
    expect(after.filter((track) => track.landmark === 'leftKnee')).toHaveLength(1);
  });
});
