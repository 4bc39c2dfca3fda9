import { describe, expect, it } from 'vitest';
import type { BodySide, GaitEventKind } from '../../../common/contract/project.ts';
import { gaitProblemText, gaitWarningText } from '../../../common/gait/gait-text.ts';
import { asymmetryPercent, describe as describeStat } from '../../../common/gait/stats.ts';
import { gaitSummaryJson, summarizeMeasurements } from '../../../common/gait/summary.ts';
import { asymmetryThreshold, computeGaitTiming, type GaitMark, type GaitTimingInput } from '../../../common/gait/timing.ts';

const IC: GaitEventKind = 'initial-contact';
const MS: GaitEventKind = 'midstance';
const TO: GaitEventKind = 'toe-off';

const mark = (frameIndex: number, kind: GaitEventKind, side: BodySide): GaitMark => ({ frameIndex, kind, side, id: `${side}-${kind}-${frameIndex}` });

/** Regular frames at `fps` on the file's clock, starting at `start` seconds. */
const regular = (count: number, fps: number, start = 0) => ({ times: Array.from({ length: count }, (_, i) => start + i / fps) });

function timing(events: GaitMark[], overrides: Partial<GaitTimingInput> = {}) {
  return computeGaitTiming({
    events,
    frames: regular(2000, 240),
    rates: { fileFps: 240, captureFps: 240 },
    irregularTiming: false,
    treadmillSpeedKmh: null,
    asymmetryThresholdPct: 8,
    ...overrides,
  });
}

/**
 * A regular run at 240 fps: left IC every 168 frames (700 ms stride), right IC 84 frames later (350 ms steps),
 * contact 60 frames (250 ms) left and 66 frames (275 ms) right.
 */
function run(strides: number, leftContact = 60, rightContact = 66): GaitMark[] {
  const events: GaitMark[] = [];
  for (let i = 0; i < strides; i++) {
    const l = 10 + i * 168;
    const r = l + 84;
    events.push(mark(l, IC, 'left'), mark(l + 20, MS, 'left'), mark(l + leftContact, TO, 'left'));
    events.push(mark(r, IC, 'right'), mark(r + rightContact, TO, 'right'));
  }
  return events;
}

describe('stats', () => {
  it('gives mean, sample SD and n; SD is null for one value', () => {
    expect(describeStat([])).toBeNull();
    expect(describeStat([5])).toEqual({ mean: 5, sd: null, n: 1 });
    const stat = describeStat([2, 4, 4, 4, 5, 5, 7, 9])!;
    expect(stat.mean).toBe(5);
    expect(stat.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(stat.n).toBe(8);
  });

  it('computes asymmetry as |L − R| / mean(L, R) × 100', () => {
    expect(asymmetryPercent(250, 275)).toBeCloseTo((25 / 262.5) * 100, 12);
    expect(asymmetryPercent(275, 250)).toBeCloseTo((25 / 262.5) * 100, 12);
    expect(asymmetryPercent(250, null)).toBeNull();
    expect(asymmetryPercent(0, 0)).toBeNull();
  });
});

describe('computeGaitTiming on a regular 240 fps run', () => {
  const result = timing(run(8));

  it('times contact IC→TO per foot from the frame times', () => {
    expect(result.steps).toEqual({ left: 8, right: 8 });
    expect(result.contactTimeMs.left!.mean).toBeCloseTo(250, 9);
    expect(result.contactTimeMs.right!.mean).toBeCloseTo(275, 9);
    expect(result.contactTimeMs.left!.sd).toBeCloseTo(0, 9);
    expect(result.contactTimeMs.all!.mean).toBeCloseTo(262.5, 9);
    expect(result.contactTimeMs.all!.n).toBe(16);
  });

  it('times flight TO → next IC of the other foot, attributed to the foot that takes off', () => {
    // Left TO at l+60, right IC at l+84: 24 frames = 100 ms. Right TO at r+66, next left IC at r+84: 18 frames = 75 ms.
    expect(result.flightTimeMs.left!.mean).toBeCloseTo(100, 9);
    expect(result.flightTimeMs.left!.n).toBe(8);
    expect(result.flightTimeMs.right!.mean).toBeCloseTo(75, 9);
    // The last right toe-off has no following left contact.
    expect(result.flightTimeMs.right!.n).toBe(7);
  });

  it('times steps IC → next IC of the other foot (by the landing foot) and strides IC → IC same foot', () => {
    expect(result.stepTimeMs.all!.mean).toBeCloseTo(350, 9);
    expect(result.stepTimeMs.right!.n).toBe(8);
    expect(result.stepTimeMs.left!.n).toBe(7);
    expect(result.strideTimeMs.left!.mean).toBeCloseTo(700, 9);
    expect(result.strideTimeMs.left!.n).toBe(7);
    expect(result.strideTimeMs.right!.n).toBe(7);
  });

  it('derives cadence = 60 / mean step time and duty factor = contact / stride', () => {
    expect(result.cadenceSpm.all!.mean).toBeCloseTo(60_000 / 350, 9);
    expect(result.cadenceSpm.all!.n).toBe(15);
    expect(result.dutyFactor.left!.mean).toBeCloseTo(250 / 700, 9);
    expect(result.dutyFactor.right!.mean).toBeCloseTo(275 / 700, 9);
  });

  it('gives asymmetry per figure and flags it above the threshold', () => {
    expect(result.asymmetryPct.contactTimeMs).toBeCloseTo((25 / 262.5) * 100, 9);
    expect(result.asymmetryPct.stepTimeMs).toBeCloseTo(0, 9);
    expect(result.asymmetryPct.flightTimeMs).toBeCloseTo((25 / 87.5) * 100, 9);
    const flagged = result.warnings.filter((w) => w.code === 'asymmetry').map((w) => (w as { figure: string }).figure);
    expect(flagged).toEqual(['contactTimeMs', 'flightTimeMs']);
    const lenient = timing(run(8), { asymmetryThresholdPct: 10 });
    expect(lenient.warnings.filter((w) => w.code === 'asymmetry').map((w) => (w as { figure: string }).figure)).toEqual(['flightTimeMs']);
  });

  it('reports the resolution and no problems or step warnings with 8 steps per side at 240 fps', () => {
    expect(result.captureFps).toBe(240);
    expect(result.resolutionMs).toBeCloseTo(1000 / 240, 12);
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.code)).toEqual(['asymmetry', 'asymmetry']);
  });

  it('computes step length from the belt speed only when it is set', () => {
    expect(result.stepLengthCm).toBeNull();
    const withSpeed = timing(run(8), { treadmillSpeedKmh: 10.8 }); // 3 m/s × 0.35 s = 105 cm
    expect(withSpeed.stepLengthCm!.all!.mean).toBeCloseTo(105, 9);
  });

  it('does not depend on the order the events are given in', () => {
    const shuffled = [...run(8)].reverse();
    expect(timing(shuffled).contactTimeMs).toEqual(result.contactTimeMs);
  });
});

describe('capture rate and frame times', () => {
  it('times a 30 fps file of a 240 fps recording at 240 fps (slow motion)', () => {
    // Stored at 30 fps: frame i at i/30 s on the file's clock, but 1/240 s apart in real time.
    const result = timing(run(8), { frames: regular(2000, 30), rates: { fileFps: 30, captureFps: 240 } });
    expect(result.contactTimeMs.left!.mean).toBeCloseTo(250, 9);
    expect(result.flightTimeMs.left!.mean).toBeCloseTo(100, 9);
    expect(result.resolutionMs).toBeCloseTo(1000 / 240, 12);
    expect(result.warnings.some((w) => w.code === 'low-capture-rate')).toBe(false);
  });

  it('uses the real frame times of a variable-frame-rate file, never frames × fps', () => {
    // Nominal 240 fps, but frames 100–200 came 2 ms late each (a hiccup): IC at 90, TO at 150.
    const times = regular(400, 240).times.map((t, i) => (i >= 100 ? t + 0.002 : t));
    const result = timing([mark(90, IC, 'left'), mark(150, TO, 'left')], { frames: { times }, irregularTiming: true });
    expect(result.contactTimeMs.left!.mean).toBeCloseTo((60 / 240) * 1000 + 2, 9);
    expect(result.warnings.map((w) => w.code)).toContain('irregular-timing');
    expect(gaitWarningText({ code: 'irregular-timing' }, 'nl')).toMatch(/onregelmatig/);
  });

  it('warns below 120 fps with the resolution', () => {
    const result = timing([mark(3, IC, 'left'), mark(10, TO, 'left')], { frames: regular(100, 30), rates: { fileFps: 30, captureFps: 30 } });
    expect(result.contactTimeMs.left!.mean).toBeCloseTo((7 / 30) * 1000, 9);
    expect(result.resolutionMs).toBeCloseTo(33.333, 3);
    const warning = result.warnings.find((w) => w.code === 'low-capture-rate')!;
    expect(gaitWarningText(warning, 'en')).toBe(
      'Filmed at 30 fps: each time is only accurate to ±33.3 ms. Film at 120 fps or more for contact and flight times.',
    );
    expect(gaitWarningText(warning, 'nl')).toMatch(/^Gefilmd met 30 fps: elke tijd is maar tot op ±33,3 ms/);
  });
});

describe('missing and inconsistent marks', () => {
  it('gives nothing and no warnings without events', () => {
    const result = timing([]);
    expect(result.contactTimeMs.all).toBeNull();
    expect(result.cadenceSpm.all).toBeNull();
    expect(result.warnings).toEqual([]);
    expect(result.problems).toEqual([]);
  });

  it('times one foot only: contact and stride, no flight or step, and warns about the other side', () => {
    const left = run(8).filter((event) => event.side === 'left');
    const result = timing(left);
    expect(result.contactTimeMs.left!.n).toBe(8);
    expect(result.contactTimeMs.right).toBeNull();
    expect(result.strideTimeMs.left!.mean).toBeCloseTo(700, 9);
    expect(result.flightTimeMs.all).toBeNull();
    expect(result.stepTimeMs.all).toBeNull();
    expect(result.cadenceSpm.all).toBeNull();
    expect(result.asymmetryPct.contactTimeMs).toBeNull();
    expect(result.warnings).toEqual([{ code: 'few-steps', side: 'right', count: 0, needed: 7 }]);
    expect(result.problems).toEqual([]);
  });

  it('warns when fewer than 7 steps per side are marked', () => {
    const result = timing(run(6));
    expect(result.warnings.filter((w) => w.code === 'few-steps')).toEqual([
      { code: 'few-steps', side: 'left', count: 6, needed: 7 },
      { code: 'few-steps', side: 'right', count: 6, needed: 7 },
    ]);
  });

  it('lists two ICs in a row on one foot at the second one and does not pair them into a stride', () => {
    const events = [mark(10, IC, 'left'), mark(100, IC, 'left'), mark(160, TO, 'left'), mark(268, IC, 'left')];
    const result = timing(events);
    expect(result.problems).toEqual([{ code: 'repeated-contact', frameIndex: 100, side: 'left', eventId: 'left-initial-contact-100' }]);
    expect(result.contactTimeMs.left!.n).toBe(1);
    expect(result.contactTimeMs.left!.mean).toBeCloseTo(250, 9);
    // Only 100 → 268 is a stride (its first contact is complete); 10 → 100 is not.
    expect(result.strides.map((s) => [s.fromFrame, s.toFrame])).toEqual([[100, 268]]);
  });

  it('lists a toe-off without its initial contact', () => {
    const result = timing([mark(5, TO, 'right'), mark(30, IC, 'right'), mark(90, TO, 'right'), mark(120, TO, 'right')]);
    expect(result.problems.map((p) => [p.code, p.frameIndex])).toEqual([
      ['toe-off-without-contact', 5],
      ['toe-off-without-contact', 120],
    ]);
    expect(result.contactTimeMs.right!.n).toBe(1);
    expect(gaitProblemText(result.problems[0]!, 'en')).toBe('Toe-off of the right foot without its initial contact.');
    expect(gaitProblemText(result.problems[0]!, 'nl')).toBe('Afzet van de rechtervoet zonder eerste contact ervoor.');
  });

  it('lists a toe-off on the same frame as its contact and times nothing from it', () => {
    const result = timing([mark(40, IC, 'left'), mark(40, TO, 'left')]);
    expect(result.problems.map((p) => p.code)).toEqual(['zero-contact']);
    expect(result.contactTimeMs.left).toBeNull();
  });

  it('lists the other foot landing before this one took off (out of order) and gives no flight for it', () => {
    const events = [mark(10, IC, 'left'), mark(50, IC, 'right'), mark(70, TO, 'left'), mark(120, TO, 'right'), mark(150, IC, 'left')];
    const result = timing(events);
    expect(result.problems.map((p) => [p.code, p.frameIndex, p.side])).toEqual([['overlapping-contact', 50, 'right']]);
    expect(result.flights.map((f) => [f.side, f.fromFrame, f.toFrame])).toEqual([['right', 120, 150]]);
  });

  it('lists a midstance in the swing phase', () => {
    const result = timing([mark(10, IC, 'left'), mark(30, MS, 'left'), mark(70, TO, 'left'), mark(100, MS, 'left')]);
    expect(result.problems.map((p) => [p.code, p.frameIndex])).toEqual([['midstance-outside-contact', 100]]);
  });
});

describe('CLI summary and settings', () => {
  it('has exactly the keys the command line promises, rounded', () => {
    const json = gaitSummaryJson(timing(run(8)));
    expect(Object.keys(json)).toEqual([
      'captureFps',
      'resolutionMs',
      'steps',
      'contactTimeMs',
      'flightTimeMs',
      'stepTimeMs',
      'strideTimeMs',
      'cadenceSpm',
      'dutyFactor',
      'asymmetryPct',
      'warnings',
      'problems',
    ]);
    expect(json.resolutionMs).toBe(4.167);
    expect(json.contactTimeMs.left).toEqual({ mean: 250, sd: 0, n: 8 });
    expect(json.dutyFactor.left!.mean).toBe(0.3571);
    expect(Object.keys(json.asymmetryPct)).toEqual(['contactTimeMs', 'flightTimeMs', 'stepTimeMs']);
    expect(json.warnings[0]).toBe('Contact time differs 9.5 % between left and right (flagged above 8 %).');
  });

  it('reads the asymmetry threshold from the project norms, default 8 %', () => {
    expect(asymmetryThreshold({})).toBe(8);
    expect(asymmetryThreshold({ 'gait.asymmetry': { tolerance: 12 } })).toBe(12);
  });

  it('summarises preset measurements per preset: mean ± SD, n, min, max in the convention', () => {
    const knee = (hipX: number) => ({
      label: 'knee-midstance-left',
      geometry: { kind: 'goniometer' as const, points: [{ x: hipX, y: 0 }, { x: 0, y: 100 }, { x: 0, y: 200 }] as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }] },
    });
    const annotations = [knee(100), knee(50), { label: null, geometry: knee(10).geometry }];
    const interior = summarizeMeasurements(annotations, 'interior', null);
    expect(Object.keys(interior)).toEqual(['knee-midstance-left']);
    const entry = interior['knee-midstance-left']!;
    expect(entry.n).toBe(2);
    expect(entry.convention).toBe('interior');
    expect(entry.max).toBeCloseTo(180 - (Math.atan2(50, 100) * 180) / Math.PI, 9);
    expect(entry.min).toBeCloseTo(180 - 45, 9);
    const clinical = summarizeMeasurements(annotations, 'clinical', null)['knee-midstance-left']!;
    expect(clinical.mean).toBeCloseTo(180 - entry.mean, 9);
  });
});

describe('measure at events', () => {
  it('visits every frame with the preset\'s event on its foot, either foot for presets without a side', async () => {
    const { framesForPreset, presetsAtEvents } = await import('../../../common/gait/guided.ts');
    const { presetByKey } = await import('../../../common/measurements/presets.ts');
    const events = [mark(40, MS, 'right'), mark(10, MS, 'left'), mark(5, IC, 'left'), mark(90, MS, 'left'), mark(10, MS, 'right')];
    expect(framesForPreset(presetByKey('knee-midstance-left')!, events)).toEqual([10, 90]);
    expect(framesForPreset(presetByKey('trunk-midstance')!, events)).toEqual([10, 40, 90]);
    expect(framesForPreset(presetByKey('knee-initial-contact-left')!, events)).toEqual([5]);
    expect(presetsAtEvents().some((preset) => preset.key.startsWith('swing-'))).toBe(false);
  });
});
