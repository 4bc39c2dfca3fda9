import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BodySide, GaitEventKind } from '../../../common/contract/project.ts';
import type { ProjectSummary } from '../../../main/project/summary.ts';
import { createFixtureStore, vfrFrameTimes, CLIPS } from '../../fixtures/clips.ts';
import { STYLE, startProjectService, tempDir } from './helpers.ts';

const dir = tempDir();
const fixtures = createFixtureStore();
const project = join(dir.path, 'Timing.midstance');
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');

function info(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'info', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Mark = [number, GaitEventKind, BodySide];
const IC = 'initial-contact';
const TO = 'toe-off';

// Slow motion: 30 fps file, filmed at 240 fps (Android tag). Frame i is i/240 s of real time.
const slowMarks: Mark[] = [
  [2, IC, 'left'],
  [10, TO, 'left'],
  [13, IC, 'right'],
  [22, TO, 'right'],
  [24, IC, 'left'],
  [32, TO, 'left'],
];
// Variable frame rate: real frame times from the generator.
const vfrMarks: Mark[] = [
  [5, IC, 'left'],
  [30, TO, 'left'],
  [41, IC, 'right'],
  [70, TO, 'right'],
];

beforeAll(async () => {
  const [slow, vfr] = await Promise.all([fixtures.clip('slowmo_android'), fixtures.clip('vfr')]);
  const app = startProjectService(join(dir.path, 'data'));
  await app.call('project.create', { path: project });
  const client = await app.call('clients.create', { name: 'Timing Test' });
  const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-05-12', protocol: { treadmillSpeedKmh: 12 } });
  for (const [path, marks, name] of [
    [slow.path, slowMarks, 'slow.mp4'],
    [vfr.path, vfrMarks, 'vfr.mp4'],
  ] as const) {
    const clip = await app.call('clips.add', { path, sessionId: session.record.id, view: 'side-left', name });
    for (const [frameIndex, kind, side] of marks) {
      await app.call('gaitEvents.create', { clipId: clip.record.id, frameIndex, frameTime: 0, kind, side });
    }
    if (name === 'slow.mp4') {
      for (const spread of [100, 80]) {
        await app.call('annotations.create', {
          clipId: clip.record.id,
          frameIndex: 6,
          frameTime: 0.2,
          geometry: { kind: 'goniometer', points: [{ x: spread, y: 0 }, { x: 0, y: 100 }, { x: 0, y: 200 }] },
          label: 'knee-midstance-left',
          style: STYLE,
        });
      }
    }
  }
  await app.dispose();
}, 120_000);
afterAll(() => {
  dir.remove();
  fixtures.dispose();
});

describe('midstance info: gait timing', () => {
  it('times a 30 fps file of a 240 fps recording at 240 fps, with exactly the promised keys', () => {
    const { code, stdout, stderr } = info(project, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as ProjectSummary;
    const slow = summary.clips.find((clip) => clip.name === 'slow.mp4')!;
    const gait = slow.gait!;
    expect(Object.keys(gait)).toEqual([
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
    expect(gait.captureFps).toBe(240);
    expect(gait.resolutionMs).toBe(4.167);
    expect(gait.steps).toEqual({ left: 2, right: 1 });
    // Left contacts 8 frames each, right 9 frames, at 1/240 s.
    expect(gait.contactTimeMs.left).toEqual({ mean: 33.333, sd: 0, n: 2 });
    expect(gait.contactTimeMs.right).toEqual({ mean: 37.5, sd: null, n: 1 });
    // Flights: left TO 10 → right IC 13 (3 frames), right TO 22 → left IC 24 (2 frames).
    expect(gait.flightTimeMs.left).toEqual({ mean: 12.5, sd: null, n: 1 });
    expect(gait.flightTimeMs.right).toEqual({ mean: 8.333, sd: null, n: 1 });
    expect(gait.stepTimeMs.all).toEqual({ mean: 45.833, sd: 0, n: 2 });
    expect(gait.strideTimeMs.left).toEqual({ mean: 91.667, sd: null, n: 1 });
    expect(gait.dutyFactor.left).toEqual({ mean: 0.3636, sd: null, n: 1 });
    expect(gait.cadenceSpm.all!.mean).toBeCloseTo(60_000 / 45.833, 1);
    expect(gait.asymmetryPct.contactTimeMs).toBeCloseTo((4.1667 / 35.4167) * 100, 1);
    expect(gait.warnings).toContain('Complete steps marked on the left foot: 2. Mark at least 7 per side for a reliable average.');
    expect(gait.problems).toEqual([]);
    expect(slow.measurementSummary['knee-midstance-left']).toMatchObject({ n: 2, convention: 'interior' });
  });

  it('uses the real frame times of a variable-frame-rate file', () => {
    const summary = JSON.parse(info(project, '--json').stdout) as ProjectSummary;
    const gait = summary.clips.find((clip) => clip.name === 'vfr.mp4')!.gait!;
    const times = vfrFrameTimes(CLIPS.vfr);
    const ms = (a: number, b: number) => (times[b]! - times[a]!) * 1000;
    // The file stores times in 1/15360 s ticks (mp4 default for 60 fps); allow that rounding.
    expect(gait.contactTimeMs.left!.mean).toBeCloseTo(ms(5, 30), 0);
    expect(gait.contactTimeMs.right!.mean).toBeCloseTo(ms(41, 70), 0);
    expect(gait.flightTimeMs.left!.mean).toBeCloseTo(ms(30, 41), 0);
    // Nominal fps × frames would give 25/60 s = 416.7 ms; the real time differs by far more than the rounding.
    expect(Math.abs(gait.contactTimeMs.left!.mean - (25 / 60) * 1000)).toBeGreaterThan(20);
    expect(gait.warnings.some((w) => /irregular/.test(w))).toBe(true);
  });

  it('prints the timing as a readable table', () => {
    const { code, stdout } = info(project);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Timing of slow\.mp4\n {2}capture 240 fps, ±1 frame = ±4\.2 ms; complete steps left 2, right 1/);
    expect(stdout).toMatch(/contact time \(ms\)\s+33\.3 ± 0\.0 \(n 2\)\s+37\.5 ± – \(n 1\)\s+34\.7 ± 2\.4 \(n 3\)\s+11\.8 %/);
    expect(stdout).toMatch(/Knee angle at midstance — left\s+\d+\.\d ± \d+\.\d\s+2\s/);
  });
});
