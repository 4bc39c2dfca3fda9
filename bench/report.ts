// npm run bench:report — the PDF session report of a session with 8 stills from a 1080p240 clip:
//   total (project + videos read, stills, layout, file written) against extracting the same 8 stills alone,
//   measured in the same run (median of RUNS each, alternating). Goal: total ≤ 3 s.
// Prints a table, then one JSON line.
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveTools } from '../main/media/ffmpeg-path.ts';
import { openProjectDb } from '../main/project/db.ts';
import { createProjectStore } from '../main/project/store.ts';
import { renderReport, saveReport } from '../main/report/generate-report.ts';
import { loadReportData } from '../main/report/report-data.ts';
import { extractReportStills } from '../main/report/report-stills.ts';
import { createFixtureStore } from '../test/fixtures/clips.ts';
import { buildReportProject } from '../test/integration/report/report-project.ts';

const RUNS = 5;
const GOAL_TOTAL_MS = 3000;
const VIDEO = { width: 1920, height: 1080, frames: 240 };
/** With the first left IC, MS and TO (2, 5, 10) these are 8 different frames. */
const DRAWN = [2, 5, 10, 60, 100, 140, 180, 220];

const root = mkdtempSync(join(tmpdir(), 'midstance-bench-report-'));
const fixtures = createFixtureStore();
try {
  // Phone-like: 240 fps, a keyframe every quarter second.
  const clip = await fixtures.clip({ width: VIDEO.width, height: VIDEO.height, fps: 240, frames: VIDEO.frames, codec: 'h264', gop: 60, bframes: 0 });
  const video = join(root, 'side.mp4');
  copyFileSync(clip.path, video);
  const project = await buildReportProject(root, { path: video, ...VIDEO }, { drawnFrames: DRAWN });
  const tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const runs: { total: number; reading: number; stills: number; layout: number; writing: number; bytes: number; pages: number; stillCount: number }[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const out = join(root, `report-${run}.pdf`);
    const start = performance.now();
    const file = await openProjectDb(project.path, { mode: 'inspect' });
    const store = createProjectStore(file);
    const data = await loadReportData(store, {
      sessionId: project.sessionId,
      language: 'nl',
      practiceName: 'Fysiotherapie De Loper',
      ffprobe: tools.ffprobe.path,
      projectDir: dirname(project.path),
      searchRoot: dirname(project.path),
    });
    store.close();
    const read = performance.now();
    const report = await renderReport(data, { ffmpeg: tools.ffmpeg, logoPath: null });
    const rendered = performance.now();
    saveReport(out, report.pdf);
    const end = performance.now();
    runs.push({
      total: end - start,
      reading: read - start,
      stills: report.timings.stills,
      layout: report.timings.layout,
      writing: end - rendered,
      bytes: statSync(out).size,
      pages: report.pages,
      stillCount: report.placements.length,
    });

    // Baseline: the same stills, alone (same path, same concurrency), from an already probed clip.
    const t0 = performance.now();
    await extractReportStills({
      requests: report.placements.map((p) => ({ clipId: p.clipId, frameIndex: p.frameIndex })),
      probes: data.probes,
      ffmpeg: tools.ffmpeg,
      language: 'nl',
    });
    baseline.push(performance.now() - t0);
  }
  const result = {
    stills: runs[0]!.stillCount,
    pages: runs[0]!.pages,
    sizeMB: Math.round((runs[0]!.bytes / 1024 / 1024) * 100) / 100,
    totalMs: Math.round(median(runs.map((r) => r.total))),
    readingMs: Math.round(median(runs.map((r) => r.reading))),
    stillsMs: Math.round(median(runs.map((r) => r.stills))),
    layoutMs: Math.round(median(runs.map((r) => r.layout))),
    writingMs: Math.round(median(runs.map((r) => r.writing))),
    baselineStillsAloneMs: Math.round(median(baseline)),
    goalTotalMs: GOAL_TOTAL_MS,
  };
  const rows: [string, string][] = [
    ['report (median of runs)', `${result.totalMs} ms total`],
    ['  reading project + probing video', `${result.readingMs} ms`],
    ['  stills', `${result.stillsMs} ms`],
    ['  layout (model + pdfkit)', `${result.layoutMs} ms`],
    ['  writing (atomic file)', `${result.writingMs} ms`],
    ['baseline: same stills alone', `${result.baselineStillsAloneMs} ms`],
    ['report over baseline', `${result.totalMs - result.baselineStillsAloneMs} ms`],
    ['stills · pages · size', `${result.stills} · ${result.pages} · ${result.sizeMB} MB`],
    ['goal', `total ≤ ${GOAL_TOTAL_MS} ms: ${result.totalMs <= GOAL_TOTAL_MS ? 'met' : 'NOT met'}`],
  ];
  const width = Math.max(...rows.map(([a]) => a.length));
  for (const [a, b] of rows) console.log(`${a.padEnd(width)}  ${b}`);
  console.log(JSON.stringify(result));
} finally {
  fixtures.dispose();
  rmSync(root, { recursive: true, force: true });
}
