import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorText } from '../../../common/error-text.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { startApp, tempDir, writeVideo } from './helpers.ts';

/**
 * A file that is not a readable video never becomes a clip (issue #17, item 3): the core probes it first
 * (real ffprobe) and refuses it with a typed error the UI can translate; nothing is stored or remembered.
 */
const dir = tempDir('midstance-add-refuse-');
const fixtures = createFixtureStore();
afterAll(() => {
  dir.remove();
  fixtures.dispose();
});

describe('adding a file that is not a readable video', () => {
  it('is refused with a clear, translatable reason; no clip, no recent entry — a real video is added', async () => {
    const app = startApp(join(dir.path, 'data'));
    try {
      await app.call('project.create', { path: join(dir.path, 'practice.midstance') });
      const random = writeVideo(join(dir.path, 'random bytes.mp4'), 200_000, 5);
      const text = join(dir.path, 'notes.mp4');
      writeFileSync(text, 'Runner: Sanne. Knee pain after 8 km.\n'.repeat(50));
      const empty = join(dir.path, 'empty.mp4');
      writeFileSync(empty, '');

      for (const [path, reason] of [
        [random, 'not-video'],
        [text, 'not-video'],
        [empty, 'empty'],
        [dir.path, 'not-regular-file'],
      ] as const) {
        for (const call of ['clips.add', 'media.check'] as const) {
          const error = await app.failure(call, { path });
          expect(error.code, `${call} ${path}`).toBe('media-unreadable');
          expect(error.details).toMatchObject({ path, reason });
        }
      }
      const refused = await app.failure('clips.add', { path: text });
      expect(errorText(refused, 'nl').text).toBe(
        '"notes.mp4" is geen video die Midstance kan lezen, of het bestand is beschadigd. Er is niets toegevoegd.',
      );
      expect(await app.call('clips.list', {})).toEqual([]);
      expect((await app.call('recent.list', {})).filter((entry) => entry.kind === 'video')).toEqual([]);

      // Relinking a clip to such a file is refused as well.
      const good = await fixtures.clip({ width: 160, height: 120, fps: 30, frames: 10, codec: 'h264', gop: 5 });
      expect(await app.call('media.check', { path: good.path })).toEqual({ readable: true });
      const clip = (await app.call('clips.add', { path: good.path })).record;
      expect((await app.failure('clips.relink', { id: clip.id, path: random, force: true })).code).toBe('media-unreadable');
      expect((await app.call('clips.list', {})).map((c) => c.absolutePath)).toEqual([good.path]);
      expect((await app.call('recent.list', {})).filter((entry) => entry.kind === 'video').map((entry) => entry.path)).toEqual([good.path]);
    } finally {
      await app.dispose();
    }
  });
});
