import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameLoader } from '../../../renderer/src/viewer/frame-loader.ts';

interface FakeBitmap {
  url: string;
  width: number;
  closed: boolean;
  close(): void;
}

let fetched: string[];

beforeEach(() => {
  fetched = [];
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return { ok: true, blob: async () => url };
  });
  vi.stubGlobal('createImageBitmap', async (blob: string): Promise<FakeBitmap> => {
    const bitmap: FakeBitmap = {
      url: blob,
      width: 960,
      closed: false,
      close() {
        bitmap.closed = true;
        bitmap.width = 0;
      },
    };
    return bitmap;
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const preview = (i: number) => `/frames/m/${i}?w=960`;
const full = (i: number) => `/frames/m/${i}`;

describe('frame loader', () => {
  it('keeps full-resolution frames in their own, smaller LRU: they never push previews out', async () => {
    const loader = createFrameLoader(4, 3, { full: 2 });
    for (let i = 0; i < 4; i++) await loader.load(preview(i));
    for (let i = 0; i < 3; i++) await loader.load(full(i), 'full');
    for (let i = 0; i < 4; i++) expect(loader.peek(preview(i))).toBeDefined();
    // Only the two most recent full frames stay; the evicted one is closed (its memory freed).
    expect(loader.peek(full(0))).toBeUndefined();
    expect(loader.peek(full(1))).toBeDefined();
    expect(loader.peek(full(2))).toBeDefined();
  });

  it('evicts the least recently used preview and closes it; a cached load counts as use and does not fetch', async () => {
    const loader = createFrameLoader(3);
    const first = (await loader.load(preview(0))) as unknown as FakeBitmap;
    await loader.load(preview(1));
    await loader.load(preview(2));
    expect(await loader.load(preview(0))).toBe(first);
    await loader.load(preview(3));
    expect(loader.peek(preview(1))).toBeUndefined();
    expect(loader.peek(preview(0))).toBe(first);
    expect(first.closed).toBe(false);
    expect(fetched.filter((url) => url === preview(0))).toHaveLength(1);
  });

  it('closes everything on clear', async () => {
    const loader = createFrameLoader(3, 3, { full: 1 });
    const a = (await loader.load(preview(0))) as unknown as FakeBitmap;
    const b = (await loader.load(full(0), 'full')) as unknown as FakeBitmap;
    loader.clear();
    expect([a.closed, b.closed]).toEqual([true, true]);
    expect(loader.peek(preview(0))).toBeUndefined();
  });
});
