import { describe, expect, it } from 'vitest';
import { MidstanceError } from '../../../common/contract/errors.ts';
import type { Clip } from '../../../common/contract/project.ts';
import { chooseLandingClip } from '../../../renderer/src/project/landing-clip.ts';

const clip = (id: string, state: 'found' | 'missing' = 'found'): Clip =>
  ({ id, media: { state, path: state === 'found' ? `/v/${id}.mp4` : null, via: null, verified: false } }) as Clip;

/** media.check answered from a table: path → error code (absent: readable). */
function fakeApi(verdicts: Record<string, string>) {
  const checked: string[] = [];
  return {
    checked,
    call: async (_name: string, input: { path: string }) => {
      checked.push(input.path);
      const code = verdicts[input.path];
      if (code) throw new MidstanceError(code as never, 'x');
      return { readable: true };
    },
  } as never as { checked: string[]; call: never };
}

describe('the clip a project opens on', () => {
  it('the remembered clip when it is readable, checking nothing else', async () => {
    const api = fakeApi({});
    expect((await chooseLandingClip(api, [clip('a'), clip('b')], 'b'))?.id).toBe('b');
    expect(api.checked).toEqual(['/v/b.mp4']);
  });

  it('skips clips whose file is not a video, keeps missing ones (they offer relinking), falls back to the first', async () => {
    const broken = fakeApi({ '/v/a.mp4': 'media-unreadable', '/v/b.mp4': 'media-unsupported' });
    expect((await chooseLandingClip(broken, [clip('a'), clip('b'), clip('c')], 'a'))?.id).toBe('c');
    expect((await chooseLandingClip(broken, [clip('a'), clip('m', 'missing'), clip('c')], null))?.id).toBe('m');
    expect((await chooseLandingClip(broken, [clip('a'), clip('b')], null))?.id).toBe('a');
    // No ffmpeg says nothing about the file: the clip stays the choice.
    expect((await chooseLandingClip(fakeApi({ '/v/a.mp4': 'ffmpeg-missing' }), [clip('a'), clip('b')], null))?.id).toBe('a');
    expect(await chooseLandingClip(fakeApi({}), [], null)).toBeNull();
  });
});
