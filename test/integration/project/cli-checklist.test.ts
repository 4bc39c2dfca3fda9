import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import type { BodySide, GaitEventKind } from '../../../common/contract/project.ts';
import type { ProjectSummary } from '../../../main/project/summary.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { STYLE, startProjectService, tempDir } from './helpers.ts';

const dir = tempDir();
const fixtures = createFixtureStore();
const project = join(dir.path, 'Checklist.midstance');
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');
let clipId = '';

function info(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'info', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A goniometer whose interior angle at the knee is `degrees`. */
function knee(degrees: number): AnnotationGeometry {
  const rad = (degrees * Math.PI) / 180;
  return { kind: 'goniometer', points: [{ x: 100, y: 0 }, { x: 0, y: 0 }, { x: 100 * Math.cos(rad), y: 100 * Math.sin(rad) }] };
}

beforeAll(async () => {
  const slow = await fixtures.clip('slowmo_android');
  const app = startProjectService(join(dir.path, 'data'));
  await app.call('project.create', { path: project });
  const client = await app.call('clients.create', { name: 'Checklist Test' });
  const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-05-12' });
  const sessionId = session.record.id;
  clipId = (await app.call('clips.add', { path: slow.path, sessionId, view: 'side-left', name: 'side.mp4' })).record.id;
  // 240 fps capture: left contacts of 8 frames (33.3 ms), right of 9.
  const marks: [number, GaitEventKind, BodySide][] = [
    [2, 'initial-contact', 'left'],
    [10, 'toe-off', 'left'],
    [13, 'initial-contact', 'right'],
    [22, 'toe-off', 'right'],
    [24, 'initial-contact', 'left'],
    [32, 'toe-off', 'left'],
  ];
  for (const [frameIndex, kind, side] of marks) await app.call('gaitEvents.create', { clipId, frameIndex, frameTime: 0, kind, side });
  for (const [frameIndex, degrees, label] of [
    [4, 139, 'knee-midstance-left'],
    [26, 141, 'knee-midstance-left'],
    [15, 128, 'knee-midstance-right'],
  ] as const) {
    await app.call('annotations.create', { clipId, frameIndex, frameTime: 0, geometry: knee(degrees), label, style: STYLE });
  }
  await app.call('checklist.set', { sessionId, itemKey: 'front.knee-in', answer: 'good', note: 'Stable knees on the rear clip.' });
  await app.call('checklist.set', { sessionId, itemKey: 'side-midstance.knee-angle', note: 'Right knee sinks.', stills: [{ clipId, frameIndex: 15 }] });
  await app.call('project.updateSettings', { norms: { 'trunk-midstance': { target: 78, tolerance: 4 } } });
  await app.dispose();
}, 120_000);
afterAll(() => {
  dir.remove();
  fixtures.dispose();
});

describe('midstance info: the checklist per session', () => {
  it('gives every item with status, source, note, values against the norm and stills, and the checklist version', () => {
    const { code, stdout, stderr } = info(project, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const session = (JSON.parse(stdout) as ProjectSummary).sessions[0]!;
    expect(session.checklistVersion).toBe(1);
    const byKey = new Map(session.checklist.map((item) => [item.key, item]));
    expect(session.checklist[0]!.key).toBe('side-speed.overall');

    const kneeItem = byKey.get('side-midstance.knee-angle')!;
    expect(kneeItem).toMatchObject({
      group: 'side-midstance',
      status: 'needs-attention',
      statusSource: 'proposed',
      note: 'Right knee sinks.',
      stills: [{ clipId, frameIndex: 15 }],
    });
    expect(kneeItem.values).toEqual([
      { presetKey: 'knee-midstance-left', side: 'left', mean: 140, sd: 1.414, n: 2, norm: { target: 140, tolerance: 5 }, inside: true },
      { presetKey: 'knee-midstance-right', side: 'right', mean: 128, sd: null, n: 1, norm: { target: 140, tolerance: 5 }, inside: false },
    ]);
    expect(byKey.get('front.knee-in')).toMatchObject({ status: 'good', statusSource: 'set', values: [] });
    expect(byKey.get('side-slow.arms')).toMatchObject({ status: 'not-assessed', statusSource: 'proposed', note: '', values: [], stills: [] });

    // Timing from the marked events at the 240 fps capture rate.
    const contact = byKey.get('timing.contact-time')!;
    expect(contact.values.map((v) => [v.presetKey, v.n, v.mean])).toEqual([
      ['gait.contact-time-left', 2, 33.333],
      ['gait.contact-time-right', 1, 37.5],
    ]);
    // No default norm for contact time (typical ranges are context): shown, not judged.
    expect(contact.values[0]).toMatchObject({ norm: null, inside: null });
  });

  it('lists the checklist in the plain summary', () => {
    const { code, stdout } = info(project);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Checklist of 2026-05-12 Checklist Test \(version 1\): \d+ need attention/);
    expect(stdout).toMatch(/Knee angle \(left and right\)\s+needs-attention\s+L 140\.0, R 128\.0 OUT\s+Right knee sinks\./);
    expect(stdout).toMatch(/Stance knee moving inward\s+good \(set\)/);
  });
});
