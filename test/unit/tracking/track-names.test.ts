import { describe, expect, it } from 'vitest';
import type { Track } from '../../../common/contract/track.ts';
import { trackDisplayName } from '../../../common/tracking/track-names.ts';
import { frameWindowAround, needsNewWindow } from '../../../common/tracking/track-window.ts';

const track = (id: string, patch: Partial<Track> = {}): Track => ({
  id,
  clipId: 'c',
  label: '',
  source: 'point',
  landmark: null,
  status: 'accepted',
  pointCount: 1,
  firstFrame: 0,
  lastFrame: 0,
  createdAt: '',
  updatedAt: '',
  ...patch,
});

describe('track names in the UI language', () => {
  const nl = (n: number) => `Punt ${n}`;
  const en = (n: number) => `Point ${n}`;
  const tracks = [
    track('a'),
    track('pose', { source: 'pose', label: 'Left knee', landmark: 'leftKnee', status: 'proposed' }),
    track('old', { label: 'Point 7' }),
    track('named', { label: 'Knie sticker' }),
    track('heel', { source: 'blob', landmark: 'rightHeel' }),
  ];
  const names = (language: 'nl' | 'en', name: (n: number) => string) => tracks.map((t) => trackDisplayName(t, tracks, language, name));

  it('numbers unnamed point tracks in the language of the moment, also those stored with an older default name', () => {
    expect(names('nl', nl)).toEqual(['Punt 1', 'Linkerknie', 'Punt 2', 'Knie sticker', 'Rechterhiel']);
    expect(names('en', en)).toEqual(['Point 1', 'Left knee', 'Point 2', 'Knie sticker', 'Right heel']);
  });

  it('names a pose track by its landmark even when it was stored in another language', () => {
    const dutch = track('p', { source: 'pose', label: 'Linkerenkel', landmark: 'leftAnkle' });
    expect(trackDisplayName(dutch, [dutch], 'en', en)).toBe('Left ankle');
  });
});

describe('the window of track points the viewer holds', () => {
  it('loads a window around the frame and a new one only near its edge', () => {
    const window = frameWindowAround(1000);
    expect(window).toEqual({ fromFrame: 760, toFrame: 1240 });
    expect(needsNewWindow(window, 1000)).toBe(false);
    expect(needsNewWindow(window, 1170)).toBe(false);
    expect(needsNewWindow(window, 1190)).toBe(true);
    expect(needsNewWindow(window, 810)).toBe(true);
    // At the start of the clip there is nothing before the window to load.
    expect(needsNewWindow(frameWindowAround(0), 0)).toBe(false);
    expect(frameWindowAround(100).fromFrame).toBe(0);
  });
});
