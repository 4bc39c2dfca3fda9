import { join } from 'node:path';
import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import type { BodySide, GaitEventKind } from '../../../common/contract/project.ts';
import { startProjectService } from '../project/helpers.ts';

/** A goniometer at (cx, cy) whose interior angle is `degrees` (arms `arm` px long). */
export function knee(degrees: number, cx: number, cy: number, arm = 80): AnnotationGeometry {
  const rad = (degrees * Math.PI) / 180;
  return {
    kind: 'goniometer',
    points: [
      { x: cx, y: cy - arm },
      { x: cx, y: cy },
      { x: cx + arm * Math.sin(rad), y: cy - arm * Math.cos(rad) },
    ],
  };
}

/** The line whose overlay colour the tests look for on the rendered still. */
export const PROBE_LINE = { color: '#FFD400', from: { x: 0.15, y: 0.78 }, to: { x: 0.85, y: 0.78 } } as const;

export interface ReportProject {
  path: string;
  sessionId: string;
  previousSessionId: string;
  clipId: string;
  /** Frames holding drawings (each becomes a still). */
  drawnFrames: number[];
  /** The line drawn on the first drawn frame, in image px. */
  line: { from: { x: number; y: number }; to: { x: number; y: number } };
}

/**
 * A project as a physio leaves it: a client with an earlier and a current session, a side-view clip with
 * gait events, labelled knee and trunk angles on several frames, a probe line, checklist answers and notes.
 */
export async function buildReportProject(
  dir: string,
  video: { path: string; width: number; height: number; frames: number },
  options: { stills?: number; drawnFrames?: number[] } = {},
): Promise<ReportProject> {
  const path = join(dir, 'Report test.midstance');
  const app = startProjectService(join(dir, 'data'));
  await app.call('project.create', { path });
  const client = await app.call('clients.create', { name: 'Anneke de Vries-Ĳzerman', birthYear: 1988, externalId: 'P-0042' });
  const clientId = client.record.id;
  const earlier = await app.call('sessions.create', { clientId, date: '2026-03-02', assessor: 'J. Bakker' });
  const session = await app.call('sessions.create', {
    clientId,
    date: '2026-05-12',
    assessor: 'J. Bakker',
    history: { trainingVolume: '3× per week, 25 km', complaints: 'Pijn aan de voorkant van de knie na 8 km', goals: 'Halve marathon in oktober' },
    protocol: { treadmillSpeedKmh: 11.5, inclinePercent: 1, shoes: 'Asics Gel-Nimbus', shoeMileageKm: 420 },
    camera: { views: ['side-left', 'rear'], distanceM: 3, heightM: 0.9 },
  });
  const sessionId = session.record.id;
  const clip = await app.call('clips.add', { path: video.path, sessionId, view: 'side-left', name: 'Zijaanzicht links' });
  const clipId = clip.record.id;
  const earlierClip = await app.call('clips.add', { path: video.path, sessionId: earlier.record.id, view: 'side-left', name: 'Zijaanzicht (maart)' });

  const marks: [number, GaitEventKind, BodySide][] = [
    [2, 'initial-contact', 'left'],
    [5, 'midstance', 'left'],
    [10, 'toe-off', 'left'],
    [13, 'initial-contact', 'right'],
    [22, 'toe-off', 'right'],
    [24, 'initial-contact', 'left'],
    [32, 'toe-off', 'left'],
    [35, 'initial-contact', 'right'],
    [44, 'toe-off', 'right'],
  ];
  for (const [frameIndex, kind, side] of marks) await app.call('gaitEvents.create', { clipId, frameIndex, frameTime: 0, kind, side });

  const w = video.width;
  const h = video.height;
  const stills = options.stills ?? 4;
  const drawnFrames = options.drawnFrames ?? Array.from({ length: stills }, (_, i) => Math.min(video.frames - 1, 4 + i * 5));
  const line = {
    from: { x: PROBE_LINE.from.x * w, y: PROBE_LINE.from.y * h },
    to: { x: PROBE_LINE.to.x * w, y: PROBE_LINE.to.y * h },
  };
  const style = { color: PROBE_LINE.color, strokeWidth: 2 };
  await app.call('annotations.create', { clipId, frameIndex: drawnFrames[0]!, frameTime: 0, geometry: { kind: 'line', points: [line.from, line.to] }, label: 'Probe line', style });
  const knees = [139, 131, 141, 128, 137, 133, 140, 129];
  for (const [i, frameIndex] of drawnFrames.entries()) {
    const label = i % 2 === 0 ? 'knee-midstance-left' : 'knee-midstance-right';
    await app.call('annotations.create', { clipId, frameIndex, frameTime: 0, geometry: knee(knees[i % knees.length]!, w * 0.45, h * 0.45, h * 0.2), label, style: { color: '#00E5FF', strokeWidth: 2 } });
  }
  await app.call('annotations.create', {
    clipId,
    frameIndex: drawnFrames[1] ?? drawnFrames[0]!,
    frameTime: 0,
    geometry: { kind: 'angle-horizontal', points: [{ x: w * 0.6, y: h * 0.7 }, { x: w * 0.66, y: h * 0.25 }] },
    label: 'trunk-midstance',
    style: { color: '#FF4FB0', strokeWidth: 2 },
  });
  // The earlier session: longer left contacts (10 frames at 240 fps), knees a little straighter than now.
  for (const [frameIndex, kind, side] of [
    [2, 'initial-contact', 'left'],
    [12, 'toe-off', 'left'],
    [15, 'initial-contact', 'right'],
    [25, 'toe-off', 'right'],
    [28, 'initial-contact', 'left'],
  ] as const) {
    await app.call('gaitEvents.create', { clipId: earlierClip.record.id, frameIndex, frameTime: 0, kind, side });
  }
  for (const [frameIndex, degrees, label] of [
    [4, 141, 'knee-midstance-left'],
    [9, 140, 'knee-midstance-right'],
  ] as const) {
    await app.call('annotations.create', { clipId: earlierClip.record.id, frameIndex, frameTime: 0, geometry: knee(degrees, 300, 200), label, style });
  }

  await app.call('checklist.set', { sessionId, itemKey: 'front.knee-in', answer: 'good', note: 'Knieën blijven mooi boven de voet.' });
  await app.call('checklist.set', {
    sessionId,
    itemKey: 'side-midstance.knee-angle',
    note: 'Rechterknie zakt door in de steunfase.',
    stills: [{ clipId, frameIndex: drawnFrames[0]! }],
  });
  await app.call('notes.update', {
    sessionId,
    findings: 'De rechterknie buigt in de steunfase verder door dan de linker; de romp staat goed.',
    advice: 'Loop twee keer per week 6 × 20 s versnellingen met de nadruk op snel en licht landen onder het lichaam.',
  });
  await app.dispose();
  return { path, sessionId, previousSessionId: earlier.record.id, clipId, drawnFrames, line };
}
