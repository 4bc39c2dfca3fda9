import { describe, expect, it } from 'vitest';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import {
  answersByItem,
  checklistJson,
  evaluateChecklist,
  proposeStatus,
  statsFromAnnotations,
  statsFromTiming,
  type MeasureStats,
} from '../../../common/checklist/evaluate.ts';
import { normDefinition } from '../../../common/checklist/measures.ts';
import { isInside, normForDisplay, normFromDisplay, normInForce, withNorm, withoutNorm } from '../../../common/checklist/norms.ts';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import type { ChecklistAnswer } from '../../../common/contract/project.ts';
import { computeGaitTiming } from '../../../common/gait/timing.ts';

const checklist = RUNNING_TECHNIQUE_CHECKLIST;

/** A goniometer whose interior angle at the middle point is `degrees`. */
function goniometer(degrees: number): AnnotationGeometry {
  const rad = (degrees * Math.PI) / 180;
  return { kind: 'goniometer', points: [{ x: 100, y: 0 }, { x: 0, y: 0 }, { x: 100 * Math.cos(rad), y: 100 * Math.sin(rad) }] };
}

const answer = (itemKey: string, fields: Partial<ChecklistAnswer> = {}): ChecklistAnswer => ({
  sessionId: 's1',
  itemKey,
  answer: '',
  note: '',
  stills: [],
  checklistVersion: 1,
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...fields,
});

describe('norms: stored once in the interior convention, shown in either', () => {
  const knee = normDefinition('knee-midstance-left')!;
  const trunk = normDefinition('trunk-midstance')!;
  const contact = normDefinition('gait.contact-time')!;

  it('defaults come from the e-book: knee 140 ± 5 interior, trunk 80 ± 5 to the horizontal', () => {
    expect(normInForce('knee-midstance-left', {})).toEqual({ target: 140, tolerance: 5, source: 'default' });
    expect(normInForce('trunk-midstance', {})).toEqual({ target: 80, tolerance: 5, source: 'default' });
    // Typical timing ranges are context, not verdicts: no default norm, only one the physio sets.
    expect(normInForce('gait.contact-time', {})).toBeNull();
    expect(normInForce('gait.cadence', {})).toBeNull();
    expect(normInForce('gait.asymmetry', {})).toEqual({ target: 0, tolerance: 8, source: 'default' });
    expect(normInForce('shin-initial-contact-left', {})).toBeNull();
  });

  it('converts for display: 140° interior knee = 40° flexion, 80° trunk = 10° lean; the tolerance stays', () => {
    expect(normForDisplay(knee, { target: 140, tolerance: 5 }, 'clinical')).toEqual({ target: 40, tolerance: 5 });
    expect(normForDisplay(knee, { target: 140, tolerance: 5 }, 'interior')).toEqual({ target: 140, tolerance: 5 });
    expect(normForDisplay(trunk, { target: 80, tolerance: 5 }, 'clinical')).toEqual({ target: 10, tolerance: 5 });
    // Times have one form whatever the angle convention.
    expect(normForDisplay(contact, { target: 275, tolerance: 25 }, 'clinical')).toEqual({ target: 275, tolerance: 25 });
  });

  it('stores what is typed in the clinical convention as interior, and round-trips', () => {
    expect(normFromDisplay(knee, { target: 50, tolerance: 6 }, 'clinical')).toEqual({ target: 130, tolerance: 6 });
    expect(normFromDisplay(trunk, { target: 15, tolerance: 3 }, 'clinical')).toEqual({ target: 75, tolerance: 3 });
    const typed = { target: 37.5, tolerance: 4 };
    expect(normForDisplay(knee, normFromDisplay(knee, typed, 'clinical'), 'clinical')).toEqual(typed);
  });

  it('keeps only what differs from the default: setting the default again or resetting removes the override', () => {
    const norms = withNorm({}, 'knee-midstance-left', { target: 130, tolerance: 5 });
    expect(norms).toEqual({ 'knee-midstance-left': { target: 130, tolerance: 5 } });
    expect(normInForce('knee-midstance-left', norms)).toEqual({ target: 130, tolerance: 5, source: 'project' });
    expect(normInForce('knee-midstance-right', norms)?.source).toBe('default');
    expect(withNorm(norms, 'knee-midstance-left', { target: 140, tolerance: 5 })).toEqual({});
    expect(withoutNorm(norms, 'knee-midstance-left')).toEqual({});
    // A norm for a measure without a default is kept.
    expect(withNorm({}, 'pelvic-drop-left', { target: 0, tolerance: 5 })).toEqual({ 'pelvic-drop-left': { target: 0, tolerance: 5 } });
  });
});

describe('values and proposed status', () => {
  const kneeItem = checklist.item('side-midstance.knee-angle')!;
  const kneeStats = (left: number[], right: number[]): MeasureStats =>
    statsFromAnnotations([
      {
        cmPerPx: null,
        annotations: [
          ...left.map((deg) => ({ geometry: goniometer(deg), label: 'knee-midstance-left' })),
          ...right.map((deg) => ({ geometry: goniometer(deg), label: 'knee-midstance-right' })),
        ],
      },
    ]);

  it('pools labelled measurements per preset as mean ± SD, n (interior convention)', () => {
    const stats = kneeStats([138, 140, 142], [128]);
    expect(stats['knee-midstance-left']).toMatchObject({ n: 3, unit: '°' });
    expect(stats['knee-midstance-left']!.mean).toBeCloseTo(140, 9);
    expect(stats['knee-midstance-left']!.sd).toBeCloseTo(2, 9);
    expect(stats['knee-midstance-right']).toMatchObject({ n: 1, sd: null });
  });

  it('flags an item when a side falls outside its norm, and a project norm flips the flag', () => {
    const stats = kneeStats([139, 141], [128, 130]);
    const before = evaluateChecklist({ checklist, answers: [], norms: {}, stats }).items.find((i) => i.key === kneeItem.key)!;
    expect(before.values.map((v) => [v.side, v.inside])).toEqual([
      ['left', true],
      ['right', false],
    ]);
    expect(before).toMatchObject({ status: 'needs-attention', statusSource: 'proposed', proposed: 'needs-attention' });

    // The physio accepts ≈130° for this heavy heel striker on the right.
    const norms = { 'knee-midstance-right': { target: 132, tolerance: 5 } };
    const after = evaluateChecklist({ checklist, answers: [], norms, stats });
    const knee = after.items.find((i) => i.key === kneeItem.key)!;
    expect(knee.values[1]).toMatchObject({ inside: true, norm: { target: 132, tolerance: 5, source: 'project' } });
    expect(knee.status).toBe('good');
    expect(after.flagged.map((i) => i.key)).not.toContain(kneeItem.key);
  });

  it('proposes "not assessed" with nothing to judge: no values, no norm, or a distance only in pixels', () => {
    expect(proposeStatus([])).toBe('not-assessed');
    expect(proposeStatus([{ inside: null }])).toBe('not-assessed');
    expect(proposeStatus([{ inside: null }, { inside: true }])).toBe('good');
    const overstride = statsFromAnnotations([
      { cmPerPx: null, annotations: [{ geometry: { kind: 'line', points: [{ x: 0, y: 0 }, { x: 50, y: 80 }] }, label: 'overstride-left' }] },
    ]);
    const norms = { 'overstride-left': { target: 0, tolerance: 10 } };
    const item = evaluateChecklist({ checklist, answers: [], norms, stats: overstride }).items.find((i) => i.key === 'side-landing.overstride')!;
    expect(item.values[0]).toMatchObject({ unit: 'px', inside: null });
    expect(item.status).toBe('not-assessed');
  });

  it('prefers calibrated cm over pixels for the same distance', () => {
    const line = (x: number): AnnotationGeometry => ({ kind: 'line', points: [{ x: 0, y: 0 }, { x, y: 50 }] });
    const stats = statsFromAnnotations([
      { cmPerPx: null, annotations: [{ geometry: line(300), label: 'overstride-left' }] },
      { cmPerPx: 0.1, annotations: [{ geometry: line(200), label: 'overstride-left' }] },
    ]);
    expect(stats['overstride-left']).toMatchObject({ unit: 'cm', n: 1 });
    expect(stats['overstride-left']!.mean).toBeCloseTo(20, 9);
  });

  it('an override wins and says so; an empty answer leaves the proposal; notes and stills come along', () => {
    const stats = kneeStats([120], [120]);
    const answers = [
      answer('side-midstance.knee-angle', { answer: 'good', note: 'accepted: heel striker', stills: [{ clipId: 'c1', frameIndex: 40 }] }),
      answer('side-midstance.trunk-angle', { answer: '', note: 'looks fine' }),
    ];
    const evaluation = evaluateChecklist({ checklist, answers, norms: {}, stats });
    const knee = evaluation.items.find((i) => i.key === 'side-midstance.knee-angle')!;
    expect(knee).toMatchObject({ status: 'good', statusSource: 'set', proposed: 'needs-attention', note: 'accepted: heel striker' });
    expect(knee.stills).toEqual([{ clipId: 'c1', frameIndex: 40 }]);
    const trunk = evaluation.items.find((i) => i.key === 'side-midstance.trunk-angle')!;
    expect(trunk).toMatchObject({ status: 'not-assessed', statusSource: 'proposed', note: 'looks fine' });
    expect(evaluation.flagged).toEqual([]);
    expect(evaluation.answeredVersion).toBe(1);
  });

  it('fills timing items from the gait figures, judged against the gait norms', () => {
    // 240 fps; contacts of 60 frames (250 ms) left and 72 frames (300 ms) right, flights of 24 frames (100 ms).
    const times = Array.from({ length: 3000 }, (_, i) => i / 240);
    const events: { frameIndex: number; kind: 'initial-contact' | 'toe-off'; side: 'left' | 'right' }[] = [];
    let frame = 10;
    for (let step = 0; step < 16; step++) {
      const side = step % 2 === 0 ? 'left' : 'right';
      const contact = side === 'left' ? 60 : 72;
      events.push({ frameIndex: frame, kind: 'initial-contact', side }, { frameIndex: frame + contact, kind: 'toe-off', side });
      frame += contact + 24;
    }
    const timing = computeGaitTiming({
      events,
      frames: { times },
      rates: { fileFps: 240, captureFps: 240 },
      irregularTiming: false,
      treadmillSpeedKmh: null,
      asymmetryThresholdPct: 8,
    });
    const stats = statsFromTiming(timing);
    expect(stats['gait.contact-time-left']).toMatchObject({ n: 8, unit: 'ms' });
    expect(stats['gait.contact-time-left']!.mean).toBeCloseTo(250, 6);
    expect(stats['gait.asymmetry-contact']!.mean).toBeCloseTo((50 / 275) * 100, 6);

    const evaluation = evaluateChecklist({ checklist, answers: [], norms: {}, stats });
    const contact = evaluation.items.find((i) => i.key === 'timing.contact-time')!;
    expect(contact.values.map((v) => v.inside)).toEqual([null, null]);
    const judged = evaluateChecklist({ checklist, answers: [], norms: { 'gait.contact-time': { target: 275, tolerance: 25 } }, stats });
    expect(judged.items.find((i) => i.key === 'timing.contact-time')!.values.map((v) => v.inside)).toEqual([true, true]);
    const asymmetry = evaluation.items.find((i) => i.key === 'timing.asymmetry')!;
    expect(asymmetry.values[0]).toMatchObject({ presetKey: 'gait.asymmetry-contact', inside: false });
    expect(asymmetry.status).toBe('needs-attention');
    // The project's asymmetry threshold (the same norm the timing panel uses) is respected.
    const relaxed = evaluateChecklist({ checklist, answers: [], norms: { 'gait.asymmetry': { target: 0, tolerance: 20 } }, stats });
    expect(relaxed.items.find((i) => i.key === 'timing.asymmetry')!.status).toBe('good');
  });

  it('gives the info --json shape with exactly its keys', () => {
    const evaluation = evaluateChecklist({ checklist, answers: [answer('front.knee-in', { answer: 'needs-attention' })], norms: {}, stats: kneeStats([140], []) });
    const json = checklistJson(evaluation);
    expect(json).toHaveLength(checklist.items.length);
    const knee = json.find((i) => i.key === 'side-midstance.knee-angle')!;
    expect(Object.keys(knee)).toEqual(['key', 'group', 'status', 'statusSource', 'note', 'values', 'stills']);
    expect(knee.values).toEqual([{ presetKey: 'knee-midstance-left', side: 'left', mean: 140, sd: null, n: 1, norm: { target: 140, tolerance: 5 }, inside: true }]);
    expect(json.find((i) => i.key === 'front.knee-in')).toMatchObject({ group: 'front', status: 'needs-attention', statusSource: 'set' });
  });
});

describe('answers under older checklist versions', () => {
  it('keeps answers to unknown or removed items as retired; the newest of two answers to one item wins', () => {
    const older = answer('side-speed.bounce', { note: 'old', updatedAt: '2026-01-01T00:00:00.000Z' });
    const newer = answer('side-speed.bounce', { note: 'new', updatedAt: '2026-02-01T00:00:00.000Z' });
    const gone = answer('side.something-retired');
    const { byItem, retired } = answersByItem(checklist, [newer, gone, older]);
    expect(byItem.get('side-speed.bounce')?.note).toBe('new');
    expect(retired).toEqual([gone]);
    expect(evaluateChecklist({ checklist, answers: [gone], norms: {}, stats: {} }).retired).toEqual([gone]);
  });
});

describe('isInside', () => {
  it('counts the boundary as inside, also when arithmetic lands a hair beyond it', () => {
    expect(isInside(8 + 1e-12, { target: 0, tolerance: 8 })).toBe(true);
    expect(isInside(135, { target: 140, tolerance: 5 })).toBe(true);
    expect(isInside(134.99, { target: 140, tolerance: 5 })).toBe(false);
    expect(isInside(8.01, { target: 0, tolerance: 8 })).toBe(false);
  });
});
