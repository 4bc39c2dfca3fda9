import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { Client, Session } from '../../../common/contract/project.ts';
import { buildReportModel, MAX_KEY_FRAMES, type ReportClipInput, type ReportInput } from '../../../common/report/report-model.ts';

const client: Client = { id: 'c', name: 'Jan Jansen', birthYear: null, notes: '', externalId: null, createdAt: '', updatedAt: '' };
const session = (id: string, date: string): Session => ({
  id,
  clientId: 'c',
  date,
  assessor: '',
  history: { trainingVolume: '', complaints: '', goals: '' },
  protocol: { treadmillSpeedKmh: null, inclinePercent: null, shoes: '', shoeMileageKm: null },
  camera: { views: [], distanceM: null, heightM: null },
  createdAt: '',
  updatedAt: '',
});

let id = 0;
/** A goniometer with this interior angle. */
function knee(frameIndex: number, degrees: number, label: string | null): Annotation {
  const rad = (degrees * Math.PI) / 180;
  return {
    id: `a${++id}`,
    clipId: 'clip',
    frameIndex,
    frameTime: 0,
    geometry: { kind: 'goniometer', points: [{ x: 0, y: -100 }, { x: 0, y: 0 }, { x: 100 * Math.sin(rad), y: -100 * Math.cos(rad) }] },
    label,
    style: { color: '#FFD400', strokeWidth: 2 },
    createdAt: '',
    updatedAt: '',
  };
}
/** A shin angle to the vertical at initial contact: this preset has no SDD of its own (the default 3° applies). */
function shin(frameIndex: number, toHorizontal: number): Annotation {
  const rad = (toHorizontal * Math.PI) / 180;
  return { ...knee(frameIndex, 90, 'shin-initial-contact-left'), geometry: { kind: 'angle-horizontal', points: [{ x: 0, y: 0 }, { x: 100 * Math.cos(rad), y: -100 * Math.sin(rad) }] } };
}

const clip = (annotations: Annotation[]): ReportClipInput => ({
  id: 'clip',
  name: 'side.mp4',
  view: 'side-left',
  annotations,
  events: [],
  media: { state: 'missing', reason: '', captureFps: 240 },
});

function input(now: Annotation[], then: Annotation[] | null, language: 'nl' | 'en' = 'en'): ReportInput {
  return {
    language,
    convention: 'interior',
    norms: {},
    practiceName: '',
    client,
    session: session('s2', '2026-05-12'),
    notes: { findings: '', advice: '' },
    answers: [],
    clips: [clip(now)],
    previous: then ? { session: session('s1', '2026-03-02'), answers: [], clips: [clip(then)] } : null,
  };
}

describe('report model', () => {
  it('flags a change from the previous session only above the measure’s smallest detectable difference', () => {
    const model = buildReportModel(
      input(
        [knee(1, 136.5, 'knee-midstance-left'), knee(2, 135.9, 'knee-midstance-right'), shin(3, 80), shin(4, 80)],
        [knee(1, 140, 'knee-midstance-left'), knee(2, 140, 'knee-midstance-right'), shin(3, 83.5), shin(4, 83.5)],
      ),
    );
    const rows = new Map(model.comparison!.table!.rows.map((row) => [row.cells[0], row]));
    // Knee: SDD 3.8°. −3.5° is within it, −4.1° is not.
    expect(rows.get('Knee angle at midstance — left')!.cells.slice(1)).toEqual(['140.0°', '136.5°', '−3.5°', '3.8°', 'within error']);
    expect(rows.get('Knee angle at midstance — right')!.flag).toBe('attention');
    expect(rows.get('Knee angle at midstance — right')!.cells[5]).toBe('changed');
    // No SDD of its own: the default 3° is printed and used.
    const shinRow = [...rows.values()].find((row) => row.cells[0]!.startsWith('Shin'))!;
    // 6.5° then, 10.0° now from the vertical (the shin is read from the vertical).
    expect(shinRow.cells.slice(1)).toEqual(['6.5°', '10.0°', '+3.5°', '3.0°', 'changed']);
  });

  it('has no comparison without a previous session, and says honestly when nothing was measured', () => {
    const model = buildReportModel(input([], null, 'nl'));
    expect(model.comparison).toBeNull();
    expect(model.nothingMeasured).toBe(true);
    expect(model.summary.text).toMatch(/^In deze sessie zijn geen metingen/);
    expect(model.measurements).toBeNull();
    expect(model.keyFrames).toEqual([]);
    expect(model.checklist.flatMap((group) => group.items).every((item) => item.statusKey === 'not-assessed')).toBe(true);
  });

  it('shows values in the project’s convention with the other in small print, and judges them against the norm', () => {
    const model = buildReportModel({ ...input([knee(1, 128, 'knee-midstance-right')], null), convention: 'clinical' });
    const row = model.measurements!.rows[0]!;
    expect(row.cells).toEqual(['Knee angle at midstance — right', '52.0° flex.', '1', '40.0 ± 5.0°', 'outside norm']);
    expect(row.small![1]).toBe('128.0° int.');
    expect(model.summary.flagged[0]!.label).toBe('Knee angle (left and right)');
  });

  it('keeps at most MAX_KEY_FRAMES stills, checklist-linked and labelled frames first, counted when left out', () => {
    const many = Array.from({ length: MAX_KEY_FRAMES + 3 }, (_, i) => knee(i * 2, 140, 'knee-midstance-left'));
    const model = buildReportModel(input(many, null));
    expect(model.keyFrames).toHaveLength(MAX_KEY_FRAMES);
    expect(model.keyFramesOmitted).toBe(3);
    expect(model.keyFrames.map((frame) => frame.frameIndex)).toEqual([...model.keyFrames.map((frame) => frame.frameIndex)].sort((a, b) => a - b));
    expect(model.keyFrames[0]!.missingReason).toBe('video not found');
  });
});

describe('report model: drills', () => {
  it('suggests the drills of the flagged items, unless drills were already put into the advice', () => {
    const flagged = input([knee(1, 128, 'knee-midstance-right')], null);
    const suggested = buildReportModel(flagged).drills!;
    expect(suggested.title).toBe('Suggested exercises for the points above');
    expect(suggested.items.length).toBeGreaterThan(0);
    const first = suggested.items[0]!;
    const withDrill = buildReportModel({ ...flagged, notes: { findings: '', advice: `Easy runs.\n• ${first.label}: ${first.value}` } });
    expect(withDrill.drills).toBeNull();
    expect(withDrill.advice).toContain(first.value);
  });
});
