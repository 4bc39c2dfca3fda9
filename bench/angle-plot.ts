/**
 * npm run bench:angle-plot — the angle-over-time plot with a 10,000-frame series (a goniometer bound to three
 * tracks on a 10,000-frame clip, 100 marked strides):
 *   1. in Node: building the plot's lines (plotLines: the series from track-measure.ts, extremes, values at events)
 *      and the SVG path (seriesPath, 1,000 px wide), as done once per change of tracks, drawings or events;
 *   2. in Chromium (browser mode, real core and server): key press → the frame readout shows the next frame, over
 *      100 steps with the plot open, against the same steps with the plot folded away (the baseline, same run),
 *      and how many changes the plot's SVG saw while stepping (should be 0: only the cursor moves).
 * Prints a table, then one JSON line. The clip is cached in $MIDSTANCE_FIXTURE_DIR or <tmp>/midstance-bench-fixtures.
 * Run `npm run build` first (the renderer is served from out/).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Annotation } from '../common/contract/annotation.ts';
import { seriesPath, valueExtent, axisTicks, valueToY } from '../common/plot/angle-plot.ts';
import { plotLines } from '../common/plot/plot-lines.ts';
import { indexTrackPoints } from '../common/tracking/track-measure.ts';
import { makeClip } from '../test/fixtures/clips.ts';
import { startBrowserMode } from '../test/support/browser-mode.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { percentile } from './stats.ts';

const FRAMES = 10_000;
const STEPS = 100;
const fixtureDir = process.env.MIDSTANCE_FIXTURE_DIR ?? join(tmpdir(), 'midstance-bench-fixtures');
const progress = (text: string) => process.stderr.write(`${text}\n`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const theta = (f: number) => 30 + 20 * Math.sin((2 * Math.PI * f) / 100);
const hip = { x: 160, y: 30 };
const knee = { x: 160, y: 90 };
const ankleAt = (f: number) => {
  const r = (theta(f) * Math.PI) / 180;
  return { x: knee.x + 60 * Math.sin(r), y: knee.y + 60 * Math.cos(r) };
};
/** The ankle is lost for 10 frames in every 500. */
const lost = (f: number) => f % 500 >= 490;
const points = (at: (f: number) => { x: number; y: number }, withGaps = false) =>
  Array.from({ length: FRAMES }, (_, frameIndex) => ({ frameIndex, ...at(frameIndex), confidence: withGaps && lost(frameIndex) ? 0.1 : 0.95, anchor: false }));
const events = Array.from({ length: FRAMES / 100 }, (_, i) => [
  { frameIndex: i * 100 + 20, kind: 'initial-contact' as const, side: 'left' as const },
  { frameIndex: i * 100 + 50, kind: 'midstance' as const, side: 'left' as const },
]).flat();

function timeMs(runs: number, work: () => void): { median: number; max: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return { median: percentile(samples, 0.5), max: Math.max(...samples) };
}

function nodeFigures() {
  const tracks = new Map([
    ['hip', indexTrackPoints(points(() => hip))],
    ['knee', indexTrackPoints(points(() => knee))],
    ['ankle', indexTrackPoints(points(ankleAt, true))],
  ]);
  const annotation = {
    id: 'g',
    geometry: { kind: 'goniometer', points: [hip, knee, ankleAt(0)] },
    label: 'knee-midstance-left',
    style: { color: '#22d3ee', strokeWidth: 2 },
    trackBindings: ['hip', 'knee', 'ankle'],
  } as unknown as Annotation;
  const options = { convention: 'interior' as const, language: 'en' as const, norms: {}, unnamed: () => 'Goniometer' };
  let lines = plotLines([annotation], tracks, events, options);
  const build = timeMs(5, () => (lines = plotLines([annotation], tracks, events, options)));
  const line = lines[0]!;
  const axis = axisTicks(valueExtent([line.series], line.band)!, 120);
  let d = '';
  const path = timeMs(20, () => (d = seriesPath(line.series, FRAMES, 1000, (v) => valueToY(v, axis.domain, 130, 7))));
  return { linesMs: round(build.median), pathMs: round(path.median), pathCommands: d.match(/[ML]/g)?.length ?? 0 };
}

/** Key press → the readout shows the next frame, per step, measured inside the page. */
async function stepTimes(page: Page): Promise<{ times: number[]; svgChanges: number }> {
  return page.evaluate(async (steps) => {
    const readout = () => document.querySelector('[data-testid="frame-number"]')?.firstChild?.textContent ?? '';
    const svg = document.querySelector('[data-testid=angle-plot] svg');
    let svgChanges = 0;
    const observer = new MutationObserver((records) => (svgChanges += records.length));
    if (svg) observer.observe(svg, { subtree: true, attributes: true, childList: true, characterData: true });
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const before = readout();
      const start = performance.now();
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', code: 'ArrowRight', bubbles: true }));
      window.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', code: 'ArrowRight', bubbles: true }));
      while (readout() === before) await new Promise((resolve) => requestAnimationFrame(resolve));
      times.push(performance.now() - start);
    }
    observer.disconnect();
    return { times, svgChanges };
  }, STEPS);
}

async function main() {
  const node = nodeFigures();
  progress(`Node: lines ${node.linesMs} ms, path ${node.pathMs} ms (${node.pathCommands} commands)`);

  progress(`Making a ${FRAMES}-frame clip (cached in ${fixtureDir})…`);
  const clip = await makeClip({ width: 320, height: 180, fps: 240, frames: FRAMES, codec: 'h264', gop: 240, preset: 'ultrafast' }, fixtureDir);
  const fixture = await startBrowserMode();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('frame-number').waitFor({ timeout: 60_000 });
    const clipId = (await fixture.core.handlers['clips.list']({}, {}))[0]!.id;
    const create = (label: string, at: (f: number) => { x: number; y: number }, gaps = false) =>
      fixture.core.handlers['tracks.create']({ clipId, source: 'point', label, points: points(at, gaps) }, {});
    const ids = [(await create('Hip', () => hip)).record.id, (await create('Knee', () => knee)).record.id, (await create('Ankle', ankleAt, true)).record.id];
    await fixture.core.handlers['annotations.create'](
      { clipId, frameIndex: 0, frameTime: 0, geometry: { kind: 'goniometer', points: [hip, knee, ankleAt(0)] }, label: 'knee-midstance-left', style: { color: '#22d3ee', strokeWidth: 2 }, trackBindings: ids },
      {},
    );
    for (const event of events) await fixture.core.handlers['gaitEvents.create']({ clipId, frameTime: event.frameIndex / 240, ...event }, {});
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByTestId('plot-path').waitFor({ timeout: 60_000 });
    // Let the background warm-up decode the first frames, so steps are served from the cache in both runs.
    await page.waitForTimeout(8000);

    const toggle = page.getByTestId('angle-plot').getByRole('button', { name: 'Angles over time' });
    const open = await stepTimes(page);
    await toggle.click();
    const folded = await stepTimes(page);
    await toggle.click();
    const openAgain = await stepTimes(page);

    const summary = (times: number[]) => ({ p50: round(percentile(times, 0.5)), p95: round(percentile(times, 0.95)) });
    const figures = {
      frames: FRAMES,
      node,
      stepPlotOpen: summary([...open.times, ...openAgain.times]),
      stepPlotFolded: summary(folded.times),
      svgChangesWhileStepping: open.svgChanges + openAgain.svgChanges,
    };
    console.log('                              p50 ms   p95 ms');
    console.log(`step, plot open (n=${STEPS * 2})      ${figures.stepPlotOpen.p50.toString().padStart(6)}   ${figures.stepPlotOpen.p95.toString().padStart(6)}`);
    console.log(`step, plot folded (n=${STEPS}) base  ${figures.stepPlotFolded.p50.toString().padStart(6)}   ${figures.stepPlotFolded.p95.toString().padStart(6)}`);
    console.log(`plot SVG changes while stepping: ${figures.svgChangesWhileStepping}`);
    console.log(`Node, ${FRAMES} frames: plot lines ${node.linesMs} ms, SVG path ${node.pathMs} ms (${node.pathCommands} path commands at 1,000 px)`);
    console.log(JSON.stringify(figures));
  } finally {
    await browser.close();
    await fixture.stop();
  }
}

await main();
