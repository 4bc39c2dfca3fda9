import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRAME_SCHEME, frameUrlPath } from '../../../common/contract/bridge.ts';
import { parseFrameUrl } from '../../../main/electron/frame-url.ts';

/** How the renderer's Electron transport builds frame addresses (renderer/src/api/transports.ts). */
const electronFrameUrl = (clipId: string, index: number, width?: number) =>
  `${FRAME_SCHEME}://frames${frameUrlPath(clipId, index, width).slice('/frames'.length)}`;

describe('parseFrameUrl', () => {
  it('reads clip id, index and width', () => {
    expect(parseFrameUrl('midstance-frame://frames/clip_A-1/42?w=640')).toEqual({
      ok: true,
      request: { clipId: 'clip_A-1', index: 42, width: 640 },
    });
  });

  it('leaves the width out for full resolution', () => {
    expect(parseFrameUrl('midstance-frame://frames/c1/0')).toEqual({ ok: true, request: { clipId: 'c1', index: 0 } });
  });

  it('round-trips every address the renderer can build', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.option(fc.integer({ min: 1, max: 16384 }), { nil: undefined }),
        (clipId, index, width) => {
          const parsed = parseFrameUrl(electronFrameUrl(clipId, index, width));
          expect(parsed).toEqual({ ok: true, request: width === undefined ? { clipId, index } : { clipId, index, width } });
        },
      ),
    );
  });

  it('resolves dot segments as URL syntax, which can only ever name another opaque id', () => {
    expect(parseFrameUrl('midstance-frame://frames/a/../../b/1')).toEqual({ ok: true, request: { clipId: 'b', index: 1 } });
  });

  it.each([
    ['a path instead of an opaque id', 'midstance-frame://frames/..%2F..%2Fetc%2Fpasswd/1'],
    ['an encoded slash in the id', 'midstance-frame://frames/a%2Fb/1'],
    ['a dotted id', 'midstance-frame://frames/clip.mp4/1'],
    ['an id that is too long', `midstance-frame://frames/${'a'.repeat(65)}/1`],
    ['a negative index', 'midstance-frame://frames/c1/-1'],
    ['a fractional index', 'midstance-frame://frames/c1/1.5'],
    ['an index with too many digits', 'midstance-frame://frames/c1/1234567890'],
    ['extra path segments', 'midstance-frame://frames/c1/1/2'],
    ['a missing index', 'midstance-frame://frames/c1'],
    ['another host', 'midstance-frame://elsewhere/c1/1'],
    ['credentials', 'midstance-frame://x@frames/c1/1'],
    ['another scheme', 'midstance-app://frames/c1/1'],
    ['garbage', 'not a url'],
  ])('refuses %s with 404', (_label, url) => {
    expect(parseFrameUrl(url)).toMatchObject({ ok: false, status: 404 });
  });

  it.each([
    ['zero width', '?w=0'],
    ['too wide', '?w=16385'],
    ['a non-numeric width', '?w=abc'],
    ['a width with trailing junk', '?w=640px'],
    ['a negative width', '?w=-5'],
    ['two widths', '?w=10&w=20'],
    ['unknown parameters', '?w=10&path=/etc/passwd'],
  ])('refuses %s with 400', (_label, query) => {
    expect(parseFrameUrl(`midstance-frame://frames/c1/3${query}`)).toMatchObject({ ok: false, status: 400 });
  });
});
