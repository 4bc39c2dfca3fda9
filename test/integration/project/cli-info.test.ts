import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProjectDb } from '../../../main/project/db.ts';
import type { ProjectSummary } from '../../../main/project/summary.ts';
import { STYLE, sha256, sideFiles, startProjectService, tempDir, writeVideo } from './helpers.ts';

const dir = tempDir();
const project = join(dir.path, 'Ria.midstance');
const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');

function info(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, 'info', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  const app = startProjectService(join(dir.path, 'data'));
  await app.call('project.create', { path: project });
  const client = await app.call('clients.create', { name: 'Ria Runner', birthYear: 1988, externalId: 'P-0042' });
  const session = await app.call('sessions.create', {
    clientId: client.record.id,
    date: '2026-05-12',
    assessor: 'J. Physio',
    protocol: { treadmillSpeedKmh: 10.5, inclinePercent: 1, shoes: 'Trail X', shoeMileageKm: 420 },
  });
  const side = await app.call('clips.add', {
    path: writeVideo(join(dir.path, 'side.mp4'), 5000),
    sessionId: session.record.id,
    view: 'side-left',
    captureFps: 240,
  });
  const rear = await app.call('clips.add', { path: writeVideo(join(dir.path, 'rear.mp4'), 6000, 2), sessionId: session.record.id, view: 'rear' });
  // A knee at 140° interior (40° flexion) and a trunk at 80° to the horizontal (10° lean).
  const knee = 140;
  const shin = { x: Math.sin(((180 - knee) * Math.PI) / 180) * 100, y: 100 + Math.cos(((180 - knee) * Math.PI) / 180) * 100 };
  await app.call('annotations.create', {
    clipId: side.record.id,
    frameIndex: 120,
    frameTime: 0.5,
    geometry: { kind: 'goniometer', points: [{ x: 0, y: 0 }, { x: 0, y: 100 }, shin] },
    label: 'knee-midstance-left',
    style: STYLE,
  });
  const trunk = (80 * Math.PI) / 180;
  await app.call('annotations.create', {
    clipId: side.record.id,
    frameIndex: 121,
    frameTime: 0.504,
    geometry: { kind: 'angle-horizontal', points: [{ x: 0, y: 100 }, { x: Math.cos(trunk) * 100, y: 100 - Math.sin(trunk) * 100 }] },
    label: 'trunk-midstance',
    style: STYLE,
  });
  await app.call('annotations.create', {
    clipId: rear.record.id,
    frameIndex: 3,
    frameTime: 0.1,
    geometry: { kind: 'marker', points: [{ x: 5, y: 5 }] },
    label: 'note',
    style: STYLE,
  });
  await app.dispose();
  rmSync(join(dir.path, 'rear.mp4'));
});
afterAll(() => dir.remove());

describe('midstance info', () => {
  it('lists clients, sessions, clips with their media state and each measurement in both conventions', () => {
    const before = sha256(project);
    const { code, stdout, stderr } = info(project);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Ria Runner\s+1988\s+P-0042\s+1/);
    expect(stdout).toMatch(/2026-05-12\s+Ria Runner\s+J\. Physio\s+10\.5 km\/h\s+1 %\s+Trail X \(420 km\)\s+2/);
    expect(stdout).toMatch(/side\.mp4\s+side-left\s+240 fps\s+found: /);
    expect(stdout).toMatch(/rear\.mp4\s+rear\s+MISSING/);
    expect(stdout).toMatch(/side\.mp4\s+120\s+0\.500 s\s+.*goniometer\s+140\.0° interior angle\s+40\.0° flexion/);
    expect(stdout).toMatch(/121\s+0\.504 s\s+.*angle-horizontal\s+80\.0° to horizontal\s+10\.0° to vertical/);
    expect(sha256(project)).toBe(before);
    expect(sideFiles(project)).toEqual([]);
  });

  it('prints the same as JSON with --json', () => {
    const { code, stdout } = info(project, '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as ProjectSummary;
    expect(summary.clients).toEqual([expect.objectContaining({ name: 'Ria Runner', sessions: 1 })]);
    expect(summary.clips.map((c) => [c.name, c.media]).sort()).toEqual([
      ['rear.mp4', 'missing'],
      ['side.mp4', 'found'],
    ]);
    const knee = summary.measurements.find((m) => m.label === 'knee-midstance-left');
    expect(knee).toMatchObject({ clip: 'side.mp4', frameIndex: 120, type: 'goniometer' });
    expect(knee?.value?.interior).toBeCloseTo(140, 6);
    expect(knee?.value?.clinical).toBeCloseTo(40, 6);
    const trunk = summary.measurements.find((m) => m.label === 'trunk-midstance');
    expect(trunk?.value?.interior).toBeCloseTo(80, 6);
    expect(trunk?.value?.clinical).toBeCloseTo(10, 6);
    expect(summary.measurements.find((m) => m.type === 'marker')?.value).toBeNull();
  });

  it('on a file that is not a usable project: one line on stderr, non-zero exit, file unchanged', async () => {
    const cases: Record<string, () => string> = {
      'zero-byte': () => {
        const path = join(dir.path, 'empty.midstance');
        writeFileSync(path, '');
        return path;
      },
      'not SQLite': () => writeVideo(join(dir.path, 'video-named.midstance'), 4096, 9),
      truncated: () => {
        const path = join(dir.path, 'cut.midstance');
        copyFileSync(project, path);
        truncateSync(path, 8192);
        return path;
      },
    };
    for (const [name, make] of Object.entries(cases)) {
      const path = make();
      const before = sha256(path);
      const { code, stdout, stderr } = info(path);
      expect(code, name).not.toBe(0);
      expect(stdout, name).toBe('');
      expect(stderr.trimEnd().split('\n'), name).toHaveLength(1);
      expect(stderr, name).toMatch(/^midstance info: Cannot open .* The file was not changed\.\n$/);
      expect(sha256(path), name).toBe(before);
      expect(sideFiles(path), name).toEqual([]);
    }
    const missing = info(join(dir.path, 'nope.midstance'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('says so in one line when the project is open for editing elsewhere', async () => {
    const path = join(dir.path, 'open.midstance');
    copyFileSync(project, path);
    const writer = await openProjectDb(path);
    try {
      const { code, stderr } = info(path);
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/^midstance info: .*already open in another Midstance window.*\n$/);
    } finally {
      writer.db.close();
    }
    expect(sideFiles(path)).toEqual([]);
  });
});
