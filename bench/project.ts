// npm run bench:project — a project with 50 sessions and 100,000 annotations:
//   1. open → data for the first usable screen (goal ≤ 300 ms)
//   2. commit of one edit, p95 (goal ≤ 5 ms)
// Everything goes through the real dispatch (input checked by the contract) and the answers are parsed with the
// contract's output schemas, as the renderer does. Prints a table, then one JSON line.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../common/checklist/checklist.ts';
import { api, type CallName } from '../common/contract/api.ts';
import type { AnnotationGeometry } from '../common/contract/annotation.ts';
import { dispatch } from '../main/core/dispatch.ts';
import { createProjectHandlers } from '../main/core/project-handlers.ts';
import type { Handlers } from '../main/core/types.ts';
import { createProjectService } from '../main/project/service.ts';
import { percentile } from './stats.ts';

const CLIENTS = 25;
const SESSIONS_PER_CLIENT = 2;
const CLIPS_PER_SESSION = 2;
const ANNOTATIONS = 100_000;
const OPEN_RUNS = 15;
const EDITS = 1000;
const GOAL_OPEN_MS = 300;
const GOAL_EDIT_P95_MS = 5;

const root = mkdtempSync(join(tmpdir(), 'midstance-bench-project-'));
const path = join(root, 'bench.midstance');
const dataDir = join(root, 'data');

function app() {
  const service = createProjectService({ dataDir });
  const handlers = createProjectHandlers(service) as Handlers;
  async function call<N extends CallName>(name: N, input: unknown) {
    const envelope = await dispatch(handlers, name, input);
    if (!envelope.ok) throw new Error(`${name}: ${envelope.error.message}`);
    return api[name].output.parse(envelope.value) as ReturnType<(typeof api)[N]['output']['parse']>;
  }
  return { service, call };
}

const style = { color: '#ff3300', strokeWidth: 2 };
function geometry(i: number): AnnotationGeometry {
  const p = (x: number, y: number) => ({ x: x + (i % 97), y: y + (i % 89) });
  switch (i % 4) {
    case 0:
      return { kind: 'goniometer', points: [p(400, 300), p(420, 600), p(380, 900)] };
    case 1:
      return { kind: 'angle-horizontal', points: [p(500, 700), p(540, 250)] };
    case 2:
      return { kind: 'line', points: [p(100, 100), p(300, 120)] };
    default:
      return { kind: 'marker', points: [p(640, 360)] };
  }
}

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    max: sorted.at(-1)!,
  };
};
const ms = (value: number) => value.toFixed(2);

try {
  // ---- build -------------------------------------------------------------------------------------------
  const buildStart = performance.now();
  const builder = app();
  await builder.service.create({ path });
  const store = builder.service.store();
  mkdirSync(join(root, 'videos'));
  const clipIds: string[] = [];
  let sessionCount = 0;
  for (let c = 0; c < CLIENTS; c++) {
    const client = store.edit((now, repos) => repos.clients.create({ name: `Client ${String(c).padStart(2, '0')}`, birthYear: 1970 + c }, now)).record;
    for (let s = 0; s < SESSIONS_PER_CLIENT; s++) {
      const session = store.edit((now, repos) =>
        repos.sessions.create(
          {
            clientId: client.id,
            date: `2026-0${1 + s}-${String(1 + c).padStart(2, '0')}`,
            assessor: 'Bench',
            protocol: { treadmillSpeedKmh: 10, inclinePercent: 1, shoes: 'Shoe', shoeMileageKm: 300 },
            camera: { views: ['side-left', 'rear'], distanceM: 3, heightM: 0.9 },
          },
          now,
        ),
      ).record;
      sessionCount++;
      store.edit((now, repos) => {
        for (let k = 0; k < 10; k++) repos.checklist.set({ sessionId: session.id, itemKey: `item-${k}`, answer: 'yes' }, now, RUNNING_TECHNIQUE_CHECKLIST);
        repos.sessions.updateNotes(session.id, { findings: 'Findings '.repeat(50), advice: 'Advice '.repeat(50) }, now);
      });
      for (let v = 0; v < CLIPS_PER_SESSION; v++) {
        const video = join(root, 'videos', `c${c}-s${s}-v${v}.mp4`);
        writeFileSync(video, Buffer.alloc(64 * 1024, c * 7 + s * 3 + v));
        const clip = builder.service.addClip({ path: video, sessionId: session.id, view: v === 0 ? 'side-left' : 'rear', captureFps: 240 });
        clipIds.push(clip.record.id);
      }
    }
  }
  const perClip = ANNOTATIONS / clipIds.length;
  let n = 0;
  for (const clipId of clipIds) {
    store.edit((now, repos) => {
      for (let i = 0; i < perClip; i++, n++) {
        repos.annotations.create({ clipId, frameIndex: i * 3, frameTime: (i * 3) / 30, geometry: geometry(n), label: i % 5 === 0 ? 'knee-midstance-left' : null, style }, now);
      }
      for (let i = 0; i < 24; i++) {
        repos.gaitEvents.create({ clipId, frameIndex: i * 40, frameTime: (i * 40) / 30, kind: (['initial-contact', 'midstance', 'toe-off'] as const)[i % 3]!, side: i % 2 ? 'left' : 'right' }, now);
      }
    });
  }
  builder.service.dispose();
  const buildMs = performance.now() - buildStart;
  const fileBytes = statSync(path).size;

  // ---- open → first usable screen ------------------------------------------------------------------------
  // What the workspace shows first: the project, its clients and sessions, all clips with a media check, and
  // the newest session's first clip with its annotations and gait events.
  const openSamples: number[] = [];
  const openOnlySamples: number[] = [];
  let firstScreen = { clients: 0, sessions: 0, clips: 0, annotations: 0, gaitEvents: 0 };
  for (let run = 0; run < OPEN_RUNS; run++) {
    const { service, call } = app();
    const t0 = performance.now();
    await call('project.open', { path });
    const t1 = performance.now();
    const clients = await call('clients.list', {});
    const sessions = await call('sessions.list', {});
    const clips = await call('clips.list', {});
    const newest = sessions[0]!;
    const clip = clips.find((c) => c.sessionId === newest.id)!;
    const annotations = await call('annotations.list', { clipId: clip.id });
    const events = await call('gaitEvents.list', { clipId: clip.id });
    const t2 = performance.now();
    openOnlySamples.push(t1 - t0);
    openSamples.push(t2 - t0);
    firstScreen = { clients: clients.length, sessions: sessions.length, clips: clips.length, annotations: annotations.length, gaitEvents: events.length };
    service.dispose();
  }

  // ---- one edit per commit ---------------------------------------------------------------------------------
  const { service, call } = app();
  await call('project.open', { path });
  const clipId = clipIds[0]!;
  const existing = await call('annotations.list', { clipId });
  const editSamples: Record<string, number[]> = { 'annotations.update': [], 'annotations.create': [], 'annotations.delete': [] };
  const created: string[] = [];
  for (let i = 0; i < EDITS; i++) {
    const target = existing[i % existing.length]!;
    let t = performance.now();
    await call('annotations.update', { id: target.id, patch: { geometry: geometry(i + 1), frameTime: target.frameTime } });
    editSamples['annotations.update']!.push(performance.now() - t);
    t = performance.now();
    const made = await call('annotations.create', { clipId, frameIndex: i, frameTime: i / 30, geometry: geometry(i), label: null, style });
    editSamples['annotations.create']!.push(performance.now() - t);
    created.push(made.record.id);
  }
  for (const id of created) {
    const t = performance.now();
    await call('annotations.delete', { id });
    editSamples['annotations.delete']!.push(performance.now() - t);
  }
  service.dispose();

  // ---- report ----------------------------------------------------------------------------------------------
  const open = stats(openSamples);
  const openOnly = stats(openOnlySamples);
  const allEdits = stats(Object.values(editSamples).flat());
  const rows: [string, ReturnType<typeof stats>, string][] = [
    ['project.open only', openOnly, ''],
    ['open → first screen data', open, `goal ≤ ${GOAL_OPEN_MS} ms (median)`],
    ...Object.entries(editSamples).map(([name, samples]) => [`${name} (1 commit)`, stats(samples), ''] as [string, ReturnType<typeof stats>, string]),
    ['any edit (1 commit)', allEdits, `goal p95 ≤ ${GOAL_EDIT_P95_MS} ms`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `Project: ${sessionCount} sessions, ${clipIds.length} clips, ${ANNOTATIONS} annotations, ${(fileBytes / 1024 / 1024).toFixed(1)} MiB; built in ${(buildMs / 1000).toFixed(1)} s`,
  );
  console.log(`First screen: ${JSON.stringify(firstScreen)}`);
  console.log(`${'measure'.padEnd(width)}  ${'n'.padStart(5)}  ${'min ms'.padStart(8)}  ${'median'.padStart(8)}  ${'p95'.padStart(8)}  ${'max'.padStart(8)}  note`);
  for (const [name, s, note] of rows) {
    console.log(`${name.padEnd(width)}  ${String(s.n).padStart(5)}  ${ms(s.min).padStart(8)}  ${ms(s.median).padStart(8)}  ${ms(s.p95).padStart(8)}  ${ms(s.max).padStart(8)}  ${note}`);
  }
  const result = {
    bench: 'project',
    sessions: sessionCount,
    clips: clipIds.length,
    annotations: ANNOTATIONS,
    fileBytes,
    openFirstScreenMs: { median: open.median, p95: open.p95, max: open.max, firstRun: openSamples[0] },
    openOnlyMs: { median: openOnly.median },
    editCommitMs: { median: allEdits.median, p95: allEdits.p95, max: allEdits.max, n: allEdits.n },
    goals: {
      openFirstScreenMs: GOAL_OPEN_MS,
      editCommitP95Ms: GOAL_EDIT_P95_MS,
      openMet: open.median <= GOAL_OPEN_MS,
      editMet: allEdits.p95 <= GOAL_EDIT_P95_MS,
    },
  };
  console.log(JSON.stringify(result));
} finally {
  rmSync(root, { recursive: true, force: true });
}
