import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { GaitEvent } from '../../../common/contract/project.ts';
import { statsFromAnnotations } from '../../../common/checklist/evaluate.ts';
import {
  annotationsAtEvents,
  geometryOnFrame,
  indexTrackPoints,
  measurementSeries,
  missingTracks,
  perStepExtremes,
  valuesAtEvents,
  type TrackPointsById,
} from '../../../common/tracking/track-measure.ts';

/**
 * A synthetic leg: hip straight above the knee, the shank swung forward by θ = frameIndex / 2 degrees, so the
 * interior knee angle is exactly 180 − frameIndex / 2 on every frame (0..200).
 */
const FRAMES = 201;
const hip = Array.from({ length: FRAMES }, (_, f) => ({ frameIndex: f, x: 500, y: 200, confidence: 1 }));
const knee = Array.from({ length: FRAMES }, (_, f) => ({ frameIndex: f, x: 500, y: 320, confidence: f === 50 ? 0.2 : 0.9 }));
const ankle = Array.from({ length: FRAMES }, (_, f) => {
  const theta = ((f / 2) * Math.PI) / 180;
  return { frameIndex: f, x: 500 + 120 * Math.sin(theta), y: 320 + 120 * Math.cos(theta), confidence: 1 };
}).filter((p) => p.frameIndex !== 60);
const truth = (f: number) => 180 - f / 2;

const tracks: TrackPointsById = new Map([
  ['hip', indexTrackPoints(hip)],
  ['knee', indexTrackPoints(knee)],
  ['ankle', indexTrackPoints(ankle)],
]);

const drawnOnFrame = 10;
const goniometer: Annotation = {
  id: 'a1',
  clipId: 'c1',
  frameIndex: drawnOnFrame,
  frameTime: drawnOnFrame / 240,
  geometry: { kind: 'goniometer', points: [hip[drawnOnFrame]!, knee[drawnOnFrame]!, ankle[drawnOnFrame]!].map(({ x, y }) => ({ x, y })) as never },
  label: 'knee-midstance-left',
  style: { color: '#00ff00', strokeWidth: 2 },
  trackBindings: ['hip', 'knee', 'ankle'],
  createdAt: '',
  updatedAt: '',
};

const event = (frameIndex: number, kind: GaitEvent['kind'], side: GaitEvent['side']) => ({ frameIndex, kind, side });
const events = [
  event(20, 'initial-contact', 'left'),
  event(40, 'midstance', 'left'),
  event(70, 'initial-contact', 'right'),
  event(100, 'initial-contact', 'left'),
  event(120, 'midstance', 'left'),
  event(130, 'midstance', 'right'),
  event(180, 'initial-contact', 'left'),
  event(190, 'midstance', 'left'),
];

describe('measurements bound to tracks', () => {
  it('gives the value on every frame with the annotation\'s own angle code, null where a track is uncertain or absent', () => {
    const series = measurementSeries(goniometer, tracks);
    expect(series.unit).toBe('°');
    expect(series.preset?.key).toBe('knee-midstance-left');
    expect(series.samples).toHaveLength(FRAMES);
    for (const sample of series.samples) {
      if (sample.frameIndex === 50 || sample.frameIndex === 60) {
        expect(sample.value).toBeNull();
        continue;
      }
      expect(sample.value).toBeCloseTo(truth(sample.frameIndex), 6);
      // Knee flexion (clinical) is 180 − interior.
      expect(sample.clinical).toBeCloseTo(180 - truth(sample.frameIndex), 6);
    }
    // A range outside the tracks: every sample null.
    expect(measurementSeries(goniometer, tracks, { fromFrame: 300, toFrame: 302 }).samples.map((s) => s.value)).toEqual([null, null, null]);
  });

  it('keeps unbound points where they were drawn', () => {
    const partly = { ...goniometer, trackBindings: ['hip', 'knee', null] };
    const geometry = geometryOnFrame(partly, tracks, 100)!;
    expect(geometry.points[2]).toEqual(goniometer.geometry.points[2]);
    expect(geometry.points[0]).toEqual({ x: 500, y: 200 });
  });

  it('finds the minimum and maximum of each stride (IC to the next IC of the same foot)', () => {
    const series = measurementSeries(goniometer, tracks);
    const steps = perStepExtremes(series, events, 'left');
    expect(steps.map((s) => [s.fromFrame, s.toFrame])).toEqual([
      [20, 100],
      [100, 180],
    ]);
    // The angle falls with the frame: max at the stride's start, min at its last frame (the null frames left out).
    expect(steps[0]!.max).toEqual({ frameIndex: 20, value: expect.closeTo(truth(20), 6) });
    expect(steps[0]!.min).toEqual({ frameIndex: 99, value: expect.closeTo(truth(99), 6) });
    expect(steps[0]!.n).toBe(78);
    expect(steps[1]!.min!.frameIndex).toBe(179);
    expect(perStepExtremes(series, events, 'right')).toEqual([]);
  });

  it('gives the value at each marked event of the preset (left midstance) with mean ± SD and n', () => {
    const atEvents = valuesAtEvents(goniometer, tracks, events)!;
    expect(atEvents.presetKey).toBe('knee-midstance-left');
    expect(atEvents.frames.map((f) => f.frameIndex)).toEqual([40, 120, 190]);
    const expected = [truth(40), truth(120), truth(190)];
    const mean = expected.reduce((a, b) => a + b, 0) / 3;
    const sd = Math.sqrt(expected.reduce((s, v) => s + (v - mean) ** 2, 0) / 2);
    expect(atEvents.stat!.mean).toBeCloseTo(mean, 6);
    expect(atEvents.stat!.sd).toBeCloseTo(sd, 6);
    expect(atEvents.stat!.n).toBe(3);
    // A midstance on a frame the knee is uncertain counts as not measurable, not as a value.
    const withUncertain = valuesAtEvents(goniometer, tracks, [...events, event(50, 'midstance', 'left')])!;
    expect(withUncertain.frames.find((f) => f.frameIndex === 50)!.value).toBeNull();
    expect(withUncertain.stat!.n).toBe(3);
    // No preset label, no event values.
    expect(valuesAtEvents({ ...goniometer, label: 'my knee' }, tracks, events)).toBeNull();
  });

  it('feeds the checklist one value per matching event instead of the single drawn frame', () => {
    const expanded = annotationsAtEvents([goniometer], tracks, events);
    expect(expanded.map((a) => a.frameIndex)).toEqual([40, 120, 190]);
    const stats = statsFromAnnotations([{ annotations: expanded, cmPerPx: null }]);
    expect(stats['knee-midstance-left']!.n).toBe(3);
    expect(stats['knee-midstance-left']!.mean).toBeCloseTo((truth(40) + truth(120) + truth(190)) / 3, 6);
    // Without marked events it counts as drawn, on its own frame.
    expect(annotationsAtEvents([goniometer], tracks, [])).toEqual([goniometer]);
  });

  it('treats a deleted track as missing: the annotation keeps its stored geometry and counts as drawn', () => {
    const withoutKnee: TrackPointsById = new Map([...tracks].filter(([id]) => id !== 'knee'));
    expect(missingTracks(goniometer, withoutKnee)).toEqual(['knee']);
    expect(geometryOnFrame(goniometer, withoutKnee, 40)).toBeNull();
    expect(measurementSeries(goniometer, withoutKnee).samples.every((s) => s.value === null)).toBe(true);
    expect(annotationsAtEvents([goniometer], withoutKnee, events)).toEqual([goniometer]);
  });

  it('measures angle-to-horizontal and line length on tracks with the tools\' own rules', () => {
    const trunk: Annotation = {
      ...goniometer,
      geometry: { kind: 'angle-horizontal', points: [{ x: 500, y: 320 }, { x: 500, y: 200 }] },
      label: null,
      trackBindings: ['knee', 'hip'],
    };
    expect(measurementSeries(trunk, tracks).samples[0]!.value).toBeCloseTo(90, 6);
    const line: Annotation = { ...trunk, geometry: { kind: 'line', points: [{ x: 0, y: 0 }, { x: 0, y: 0 }] } };
    expect(measurementSeries(line, tracks).samples[0]!.value).toBeCloseTo(120, 6);
  });
});

describe('bound annotations on the frame', () => {
  it('shows a bound annotation on every frame its tracks cover, at their positions; unbound ones on their own frame', async () => {
    const { annotationsOnFrame } = await import('../../../common/tracking/track-measure.ts');
    const plain = { ...goniometer, id: 'plain', trackBindings: null };
    const on100 = annotationsOnFrame([goniometer, plain], tracks, 100);
    expect(on100.map((a) => a.id)).toEqual(['a1']);
    expect(on100[0]!.geometry.points[2]!.x).toBeCloseTo(ankle.find((p) => p.frameIndex === 100)!.x, 6);
    expect(annotationsOnFrame([goniometer, plain], tracks, drawnOnFrame).map((a) => a.id)).toEqual(['a1', 'plain']);
    // Uncertain knee on frame 50: not drawn there.
    expect(annotationsOnFrame([goniometer], tracks, 50)).toEqual([]);
    // A deleted track: drawn as stored, on its own frame only.
    const withoutAnkle: TrackPointsById = new Map([...tracks].filter(([id]) => id !== 'ankle'));
    expect(annotationsOnFrame([goniometer], withoutAnkle, 100)).toEqual([]);
    expect(annotationsOnFrame([goniometer], withoutAnkle, drawnOnFrame)).toEqual([goniometer]);
  });

  it('snaps drawn points within the radius to the nearest track and binds them, each track once', async () => {
    const { snapToTracks } = await import('../../../common/tracking/track-measure.ts');
    const positions = [
      { trackId: 'hip', x: 100, y: 100 },
      { trackId: 'knee', x: 100, y: 200 },
      { trackId: 'knee2', x: 104, y: 200 },
    ];
    const result = snapToTracks([{ x: 103, y: 98 }, { x: 103, y: 201 }, { x: 300, y: 300 }], positions, 8);
    expect(result.bindings).toEqual(['hip', 'knee2', null]);
    expect(result.points).toEqual([{ x: 100, y: 100 }, { x: 104, y: 200 }, { x: 300, y: 300 }]);
    // Two clicks near the same track: the second takes the other one within reach, or none.
    expect(snapToTracks([{ x: 100, y: 200 }, { x: 101, y: 200 }], positions.slice(1, 2), 8).bindings).toEqual(['knee', null]);
  });
});

describe('the measurement table (CSV) with a bound measurement', () => {
  it('has a row per marked event of the preset, with the value there, and the drawn frame otherwise', async () => {
    const { measurementTable, COLUMNS } = await import('../../../common/export/measurement-table.ts');
    const gaitEvents = events.map((e, i) => ({ ...e, id: `e${i}`, clipId: 'c1', frameTime: e.frameIndex / 240, createdAt: '', updatedAt: '' }));
    const clip = { id: 'c1', name: 'side.mp4', view: 'side-left' as const, annotations: [goniometer], events: gaitEvents, media: null, timing: null };
    const rowsOf = (withTracks: boolean) =>
      measurementTable({ clips: [{ ...clip, ...(withTracks ? { tracks } : {}) }], norms: {}, language: 'en' })
        .slice(1)
        .filter((row) => row[COLUMNS.indexOf('labelKey')] === 'knee-midstance-left');
    const cell = (row: unknown[], column: (typeof COLUMNS)[number]) => (row[COLUMNS.indexOf(column)] as { number: number }).number;
    const bound = rowsOf(true);
    expect(bound.map((row) => cell(row, 'frame'))).toEqual([40, 120, 190]);
    expect(cell(bound[1]!, 'interior')).toBeCloseTo(truth(120), 2);
    // Stored time of the event's frame, as the video is not at hand here.
    expect(cell(bound[1]!, 'fileTimeS')).toBeCloseTo(120 / 240, 6);
    expect(rowsOf(false).map((row) => cell(row, 'frame'))).toEqual([drawnOnFrame]);
  });
});
