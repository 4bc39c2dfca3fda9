import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STYLE, goniometer, startProjectService, tempDir, writeVideo } from './helpers.ts';

const dir = tempDir();
afterAll(() => dir.remove());

/** A project folder with a video beside it, one clip and two annotations on it. */
async function setUp(name: string) {
  const root = join(dir.path, name);
  const app = startProjectService(join(root, 'data'));
  const project = join(root, 'practice', 'client.midstance');
  mkdirSync(join(root, 'practice'), { recursive: true });
  await app.call('project.create', { path: project });
  const video = writeVideo(join(root, 'practice', 'videos', 'side.mp4'), 3 * 1024 * 1024 + 17, 11);
  const clip = (await app.call('clips.add', { path: video })).record;
  for (const frameIndex of [10, 20]) {
    await app.call('annotations.create', { clipId: clip.id, frameIndex, frameTime: frameIndex / 240, geometry: goniometer(frameIndex), label: null, style: STYLE });
  }
  return { root, app, project, video, clip };
}

describe('finding a clip’s video', () => {
  it('follows a moved project folder by the relative path', async () => {
    const { root, app, clip } = await setUp('moved-folder');
    await app.call('project.close', {});
    renameSync(join(root, 'practice'), join(root, 'practice-2026'));
    await app.call('project.open', { path: join(root, 'practice-2026', 'client.midstance') });
    const [listed] = await app.call('clips.list', {});
    expect(listed?.media).toMatchObject({ state: 'found', via: 'relative', path: join(root, 'practice-2026', 'videos', 'side.mp4') });
    const located = await app.call('clips.locate', { id: clip.id });
    expect(located.media).toMatchObject({ state: 'found', via: 'relative', verified: true });
    await app.dispose();
  });

  it('falls back to the absolute path when only the project file moved', async () => {
    const { root, app, project, video, clip } = await setUp('moved-project');
    await app.call('project.close', {});
    mkdirSync(join(root, 'archive'));
    renameSync(project, join(root, 'archive', 'client.midstance'));
    await app.call('project.open', { path: join(root, 'archive', 'client.midstance') });
    const located = await app.call('clips.locate', { id: clip.id });
    expect(located.media).toMatchObject({ state: 'found', via: 'absolute', path: video, verified: true });
    // The relative path is re-based on the new location, so a later move of both keeps working.
    expect(located.relativePath).toBe('../practice/videos/side.mp4');
    await app.dispose();
  });

  it('searches the project folder by name, size and fingerprint — and ignores a look-alike', async () => {
    const { root, app, video, clip } = await setUp('search');
    // A different recording with the same name and size, nearer to the project than the real one.
    writeVideo(join(root, 'practice', 'old', 'side.mp4'), 3 * 1024 * 1024 + 17, 99);
    const moved = join(root, 'practice', 'sorted', '2026', 'may', 'side.mp4');
    mkdirSync(join(moved, '..'), { recursive: true });
    renameSync(video, moved);

    const [listed] = await app.call('clips.list', {});
    expect(listed?.media.state).toBe('missing');
    const located = await app.call('clips.locate', { id: clip.id });
    expect(located.media).toEqual({ state: 'found', path: moved, via: 'search', verified: true });
    expect(located.relativePath).toBe('sorted/2026/may/side.mp4');
    const [after] = await app.call('clips.list', {});
    expect(after?.media).toMatchObject({ state: 'found', via: 'relative', path: moved });
    expect(app.service.mediaPath(clip.id)).toBe(moved);

    rmSync(moved);
    expect((await app.call('clips.locate', { id: clip.id })).media.state).toBe('missing');
    expect(() => app.service.mediaPath(clip.id)).toThrow(expect.objectContaining({ code: 'media-missing' }));
    await app.dispose();
  });
});

describe('relinking', () => {
  it('accepts the same video anywhere, asks before accepting a different one, and never loses annotations', async () => {
    const { root, app, video, clip } = await setUp('relink');
    const kept = join(root, 'usb', 'renamed.mp4');
    mkdirSync(join(root, 'usb'));
    cpSync(video, kept);
    rmSync(video);
    expect((await app.call('clips.locate', { id: clip.id })).media.state).toBe('missing');
    // Still there while the video is missing.
    expect((await app.call('annotations.list', { clipId: clip.id })).length).toBe(2);

    const other = writeVideo(join(root, 'usb', 'other.mp4'), 4000, 5);
    const mismatch = await app.call('clips.relink', { id: clip.id, path: other });
    expect(mismatch).toMatchObject({
      status: 'mismatch',
      expected: { size: clip.size, fingerprint: clip.fingerprint },
      actual: { size: 4000 },
    });
    expect((await app.call('clips.locate', { id: clip.id })).fingerprint).toBe(clip.fingerprint);

    const same = await app.call('clips.relink', { id: clip.id, path: kept });
    expect(same.status).toBe('relinked');
    if (same.status !== 'relinked') return;
    expect(same.record).toMatchObject({ absolutePath: kept, fingerprint: clip.fingerprint, media: { state: 'found', path: kept } });

    const forced = await app.call('clips.relink', { id: clip.id, path: other, force: true });
    expect(forced.status).toBe('relinked');
    if (forced.status !== 'relinked') return;
    expect(forced.record).toMatchObject({ absolutePath: other, size: 4000, annotationCount: 2 });
    expect(forced.record.fingerprint).not.toBe(clip.fingerprint);
    expect((await app.call('annotations.list', { clipId: clip.id })).every((a) => a.clipId === clip.id)).toBe(true);

    expect((await app.failure('clips.relink', { id: clip.id, path: join(root, 'nope.mp4') })).code).toBe('not-found');
    expect((await app.failure('clips.add', { path: join(root, 'nope.mp4') })).code).toBe('not-found');
    await app.dispose();
  });
});
