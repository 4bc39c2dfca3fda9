import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../common/contract/annotation.ts';
import { plotLines } from '../../../common/plot/plot-lines.ts';
import { valueAt } from '../../../common/plot/angle-plot.ts';
import { indexTrackPoints, type TrackPointsById } from '../../../common/tracking/track-measure.ts';

/** Hip above the knee, the shank swung forward by f/2°: interior knee angle 180 − f/2 on frame f; the ankle is lost on 60–62. */
const FRAMES = 201;
const hip = Array.from({ length: FRAMES }, (_, f) => ({ frameIndex: f, x: 500, y: 200, confidence: 1 }));
const knee = Array.from({ length: FRAMES }, (_, f) => ({ frameIndex: f, x: 500, y: 320, confidence: 1 }));
const ankle = Array.from({ length: FRAMES }, (_, f) => {
  const theta = ((f / 2) * Math.PI) / 180;
  return { frameIndex: f, x: 500 + 120 * Math.sin(theta), y: 320 + 120 * Math.cos(theta), confidence: f >= 60 && f <= 62 ? 0.1 : 1 };
});
const tracks: TrackPointsById = new Map([
  ['hip', indexTrackPoints(hip)],
  ['knee', indexTrackPoints(knee)],
  ['ankle', indexTrackPoints(ankle)],
]);

function goniometer(id: string, label: string | null, bindings: Annotation['trackBindings']): Annotation {
  return {
    id,
    clipId: 'c1',
    frameIndex: 0,
    frameTime: 0,
    geometry: { kind: 'goniometer', points: [hip[0]!, knee[0]!, ankle[0]!].map(({ x, y }) => ({ x, y })) as never },
    label,
    style: { color: '#22d3ee', strokeWidth: 2 },
    trackBindings: bindings,
    createdAt: '',
    updatedAt: '',
  };
}

const ev = (frameIndex: number, kind: 'initial-contact' | 'midstance' | 'toe-off', side: 'left' | 'right') => ({ frameIndex, kind, side });
const events = [ev(20, 'initial-contact', 'left'), ev(40, 'midstance', 'left'), ev(100, 'initial-contact', 'left'), ev(120, 'midstance', 'left'), ev(180, 'initial-contact', 'left')];
const options = { language: 'en' as const, norms: {}, unnamed: () => 'Goniometer' };

describe('plot lines', () => {
  it('plots only annotations bound to tracks, named by their preset in the UI language', () => {
    const lines = plotLines(
      [goniometer('bound', 'knee-midstance-left', ['hip', 'knee', 'ankle']), goniometer('drawn', 'knee-midstance-left', null)],
      tracks,
      events,
      { ...options, convention: 'interior', language: 'nl' },
    );
    expect(lines.map((line) => line.id)).toEqual(['bound']);
    expect(lines[0]!.name).toBe('Kniehoek halverwege de steunfase — links');
    expect(lines[0]!.conventionText).toBe('binnenhoek');
  });

  it('gives the value per frame in the chosen convention, with gaps where a track is lost', () => {
    const [interior] = plotLines([goniometer('g', 'knee-midstance-left', ['hip', 'knee', 'ankle'])], tracks, events, { ...options, convention: 'interior' });
    const [clinical] = plotLines([goniometer('g', 'knee-midstance-left', ['hip', 'knee', 'ankle'])], tracks, events, { ...options, convention: 'clinical' });
    expect(valueAt(interior!.series, 40)).toBeCloseTo(160, 6);
    expect(valueAt(clinical!.series, 40)).toBeCloseTo(20, 6);
    expect(clinical!.conventionText).toBe('flexion');
    expect(valueAt(interior!.series, 61)).toBeNull();
    expect(valueAt(interior!.series, 63)).toBeCloseTo(180 - 31.5, 6);
  });

  it('shows the norm band in the chosen convention (knee 140 ± 5 interior = 35–45 flexion), the project norm over the default', () => {
    const annotation = goniometer('g', 'knee-midstance-left', ['hip', 'knee', 'ankle']);
    expect(plotLines([annotation], tracks, events, { ...options, convention: 'interior' })[0]!.band).toEqual({ min: 135, max: 145 });
    expect(plotLines([annotation], tracks, events, { ...options, convention: 'clinical' })[0]!.band).toEqual({ min: 35, max: 45 });
    const own = plotLines([annotation], tracks, events, { ...options, convention: 'interior', norms: { 'knee-midstance-left': { target: 150, tolerance: 3 } } });
    expect(own[0]!.band).toEqual({ min: 147, max: 153 });
    expect(plotLines([goniometer('g', null, ['hip', 'knee', 'ankle'])], tracks, events, { ...options, convention: 'interior' })[0]!.band).toBeNull();
  });

  it('per stride, the lowest and highest value shown — swapped with the convention, as flexion runs opposite to the interior angle', () => {
    const annotation = goniometer('g', 'knee-midstance-left', ['hip', 'knee', 'ankle']);
    const [interior] = plotLines([annotation], tracks, events, { ...options, convention: 'interior' });
    const [clinical] = plotLines([annotation], tracks, events, { ...options, convention: 'clinical' });
    // Stride 20→100: interior falls from 170 (frame 20) to 130.5 (frame 99).
    expect(interior!.steps[0]).toMatchObject({ side: 'left', number: 1, min: { frameIndex: 99 }, max: { frameIndex: 20 } });
    expect(interior!.steps[0]!.min!.value).toBeCloseTo(130.5, 6);
    expect(clinical!.steps[0]).toMatchObject({ min: { frameIndex: 20 }, max: { frameIndex: 99 } });
    expect(clinical!.steps[0]!.max!.value).toBeCloseTo(49.5, 6);
    expect(clinical!.steps).toHaveLength(2);
  });

  it('the value at each marked event of the preset (left midstance), with mean ± SD in the shown convention', () => {
    const [clinical] = plotLines([goniometer('g', 'knee-midstance-left', ['hip', 'knee', 'ankle'])], tracks, events, { ...options, convention: 'clinical' });
    expect(clinical!.atEvents!.kind).toBe('midstance');
    expect(clinical!.atEvents!.points.map((p) => p.frameIndex)).toEqual([40, 120]);
    expect(clinical!.atEvents!.points.map((p) => p.value)).toEqual([expect.closeTo(20, 6), expect.closeTo(60, 6)]);
    expect(clinical!.atEvents!.stat).toMatchObject({ mean: expect.closeTo(40, 6), n: 2 });
  });

  it('says which bound track was deleted', () => {
    const [line] = plotLines([goniometer('g', null, ['hip', 'gone', 'ankle'])], tracks, events, { ...options, convention: 'interior' });
    expect(line!.missing).toEqual(['gone']);
  });
});
