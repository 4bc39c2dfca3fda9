/**
 * npm run bench:canvas — the viewer in Chromium (browser mode, real core and server), measured inside the page:
 *   1. frame time while dragging a handle with 200 labelled annotations on the frame (goal: p95 < 16 ms)
 *   2. key press → the next frame painted, with a warm cache (goal: p95 < 33 ms)
 *   3. playback of a 6 s 1080p240 clip with a warm cache, at file speed and at 1× real speed (capture rate = file
 *      rate, so both must advance ~240 frames per second): frames advanced and frames painted per second
 *   4. key press → painted frame with 600 gait events on the timeline as well (goal: p95 < 33 ms), against the same
 *      session without events measured just before
 * Baselines from the same run, so the figures read as ratios: an empty page's frame cadence, the main-thread cost of
 * the same stream of mouse moves on an empty page, and key press → on screen for a page that only changes a number
 * and a canvas. Prints a table, then one JSON line. The 1080p240 clip is cached in $MIDSTANCE_FIXTURE_DIR or
 * <tmp>/midstance-bench-fixtures. The renderer is rebuilt first when out/renderer is older than its sources.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { AnnotationGeometry, AnnotationStyle } from '../common/contract/annotation.ts';
import type { Vec2 } from '../common/geometry/vector.ts';
import { type Clip, CLIPS, makeClip } from '../test/fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../test/support/browser-mode.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { paintedFrameIndex, screenPoint, stageTransform } from '../test/support/viewer-page.ts';
import { percentile } from './stats.ts';

const run = promisify(execFile);
/** MIDSTANCE_BENCH_PLAYBACK_ONLY=1 runs only the playback measurement (a quicker check of playback changes). */
const playbackOnly = process.env.MIDSTANCE_BENCH_PLAYBACK_ONLY === '1';
/** Set to a folder to also write CPU profiles of the drag and the annotated steps (open them in DevTools). */
const profileDir = process.env.MIDSTANCE_BENCH_PROFILE ?? null;
const ROOT = join(import.meta.dirname, '..');
const fixtureDir = process.env.MIDSTANCE_FIXTURE_DIR ?? join(tmpdir(), 'midstance-bench-fixtures');

const VIEWPORT = { width: 1400, height: 900 };
const ANNOTATIONS = 200;
/** The frame that carries the 200 annotations (the middle of the 240-frame clip). */
const ANNOTATED_FRAME = 120;
const DRAG_MOVES = 300;
const PLAIN_STEPS = 110;
const ANNOTATED_STEPS = 40;
const GOAL_DRAG_FRAME_P95_MS = 16;
const GOAL_STEP_P95_MS = 33;
/** Must match FRAME_PAINTED_MARK in renderer/src/viewer/FrameCanvas.tsx. */
const FRAME_PAINTED_MARK = 'midstance:frame-painted';
const TARGET_LABEL = 'Bench target';
/** Playback: a clip longer than the renderer's bitmap cache (240 previews), played this long per run. */
const PLAYBACK_CLIP = { ...CLIPS.h264_1080p240, frames: 1440 };
const PLAYBACK_MS = 3000;
const PLAYBACK_RUNS = 3;
const GAIT_EVENTS = 600;

// ---- statistics and output ---------------------------------------------------------------------------------

interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}
function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? Number.NaN };
}
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const progress = (text: string) => process.stderr.write(`${text}\n`);

// ---- the renderer build ------------------------------------------------------------------------------------

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Measuring a stale bundle would measure old code: rebuild when any renderer or shared source is newer. */
async function ensureRendererBuilt(): Promise<void> {
  const built = join(ROOT, 'out/renderer/index.html');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    // not built yet
  }
  if (builtAt > Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'common')))) return;
  progress('Building the renderer (electron-vite build)…');
  await run(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
}

// ---- 200 annotations on one frame --------------------------------------------------------------------------

const PALETTE = ['#FFD400', '#00E5FF', '#FF4FB0', '#7CFF4F', '#FF8A00', '#FFFFFF', '#2F6BFF', '#E0262B'];
const COLUMNS = 20;
const CELL = { width: 1920 / COLUMNS, height: 1080 / (ANNOTATIONS / COLUMNS) };

interface Draft {
  geometry: AnnotationGeometry;
  label: string | null;
  style: AnnotationStyle;
}

/**
 * A dense but realistic mix over the whole 1080p frame: goniometers with knee presets, trunk and shin angles with
 * presets, lines and markers with free-text labels — every one with a label plate. The last one is the drag target:
 * a goniometer drawn on top of the others.
 */
function benchAnnotations(): Draft[] {
  const drafts: Draft[] = [];
  const last = ANNOTATIONS - 1;
  const centre = Math.floor(ANNOTATIONS / 2) + COLUMNS / 2;
  for (let i = 0; i < ANNOTATIONS; i++) {
    // The drag target takes the cell in the middle of the frame, the others fill the rest in order.
    const cell = i === last ? centre : i >= centre ? i + 1 : i;
    const x = (cell % COLUMNS) * CELL.width + 12;
    const y = Math.floor(cell / COLUMNS) * CELL.height + 10;
    const p = (dx: number, dy: number): Vec2 => ({ x: x + dx, y: y + dy });
    const style = { color: PALETTE[i % PALETTE.length]!, strokeWidth: 2 };
    const side = i % 2 === 0 ? 'left' : 'right';
    if (i === last) {
      drafts.push({ geometry: { kind: 'goniometer', points: [p(10, 8), p(40, 50), p(20, 90)] }, label: TARGET_LABEL, style });
      continue;
    }
    switch (i % 5) {
      case 0:
        drafts.push({ geometry: { kind: 'goniometer', points: [p(10, 8), p(40, 50), p(20, 90)] }, label: `knee-midstance-${side}`, style });
        break;
      case 1:
        drafts.push({ geometry: { kind: 'angle-horizontal', points: [p(20, 90), p(36, 10)] }, label: 'trunk-midstance', style });
        break;
      case 2:
        drafts.push({ geometry: { kind: 'angle-vertical', points: [p(30, 10), p(14, 90)] }, label: `shin-initial-contact-${side}`, style });
        break;
      case 3:
        drafts.push({ geometry: { kind: 'line', points: [p(5, 60), p(85, 70)] }, label: `Stride ${i}`, style });
        break;
      default:
        drafts.push({ geometry: { kind: 'marker', points: [p(45, 45)] }, label: `Heel ${i}`, style });
    }
  }
  return drafts;
}

// ---- the in-page probe -------------------------------------------------------------------------------------

interface ProbeFrames {
  rafTimes: number[];
  /** Konva layer draws: when, how long, how many shapes the layer held. */
  draws: { at: number; ms: number; children: number }[];
  pointerHandlerMs: number[];
  longTasks: number[];
}
interface ProbeStep {
  keyAt: number;
  /** The frame canvas drew the new bitmap (FRAME_PAINTED_MARK). */
  drawnAt: number | null;
  /** The next rendering update began (rAF after the readout changed), and ended (a task queued from it ran). */
  renderAt: number;
  renderedAt: number;
  shown: string;
}

/**
 * Installed in the page as window.__canvasBench. Self-contained (it is serialised into the page). Konva draws are
 * timed by wrapping Layer#draw, which Konva's batchDraw calls once per layer per animation frame.
 */
function installProbe(markName: string): void {
  type Win = Window & { __canvasBench?: unknown; Konva?: { Layer: { prototype: { draw(...args: unknown[]): unknown } } } };
  const win = window as Win;
  if (win.__canvasBench) return;
  let frames: ProbeFrames | null = null;
  const steps: ProbeStep[] = [];
  const marks: number[] = [];
  let pending: { keyAt: number; before: string | null; done: boolean } | null = null;
  const shownText = () => document.querySelector('[data-testid="frame-number"]')?.firstChild?.textContent ?? null;

  // One loop per recording: a loop from an earlier recording stops at its next frame.
  const loopFor = (recording: ProbeFrames) => {
    const loop = (time: number) => {
      if (frames !== recording) return;
      recording.rafTimes.push(time);
      requestAnimationFrame(loop);
    };
    return loop;
  };
  const konva = win.Konva;
  if (konva) {
    const draw = konva.Layer.prototype.draw;
    konva.Layer.prototype.draw = function timedDraw(this: { children?: unknown[] }, ...args: unknown[]) {
      const start = performance.now();
      const result = draw.apply(this, args);
      frames?.draws.push({ at: start, ms: performance.now() - start, children: this.children?.length ?? 0 });
      return result;
    };
  }
  let pointerStart = 0;
  window.addEventListener('pointermove', () => (pointerStart = performance.now()), true);
  window.addEventListener('pointermove', () => frames?.pointerHandlerMs.push(performance.now() - pointerStart), false);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) frames?.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === markName) marks.push(entry.startTime);
  }).observe({ type: 'mark' });

  window.addEventListener('keydown', (event) => (pending = { keyAt: event.timeStamp, before: shownText(), done: false }), true);
  // The readout and the canvas change in the same commit; a mutation observer runs right after it, early enough to
  // catch the very next animation frame (a performance observer is called back too late for that).
  const watchReadout = () => {
    const readout = document.querySelector('[data-testid="frame-number"]');
    if (!readout) return void setTimeout(watchReadout, 50);
    new MutationObserver(() => {
      const step = pending;
      const shown = shownText();
      // Only the frame number itself counts (a "loading" dot may come and go before the frame is there).
      if (!step || step.done || shown === step.before) return;
      step.done = true;
      requestAnimationFrame(() => {
        const renderAt = performance.now();
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const renderedAt = performance.now();
          const drawnAt = marks.filter((at) => at >= step.keyAt && at <= renderAt).at(-1) ?? null;
          steps.push({ keyAt: step.keyAt, drawnAt, renderAt, renderedAt, shown: shown ?? '' });
        };
        channel.port2.postMessage(null);
      });
    }).observe(readout, { subtree: true, childList: true, characterData: true });
  };
  watchReadout();

  win.__canvasBench = {
    startFrames() {
      frames = { rafTimes: [], draws: [], pointerHandlerMs: [], longTasks: [] };
      requestAnimationFrame(loopFor(frames));
    },
    stopFrames(): ProbeFrames | null {
      const result = frames;
      frames = null;
      return result;
    },
    steps: () => steps.length,
    takeSteps: () => steps.splice(0),
  };
}

type Probe = {
  startFrames(): void;
  stopFrames(): ProbeFrames;
  steps(): number;
  takeSteps(): ProbeStep[];
};
const probe = <R>(page: Page, fn: (bench: Probe) => R): Promise<R> =>
  page.evaluate(`(${fn.toString()})(window.__canvasBench)`) as Promise<R>;

// ---- main-thread work per frame, from a Chrome trace -------------------------------------------------------

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}
const TRACE_CATEGORIES = ['toplevel', 'disabled-by-default-devtools.timeline.frame', 'blink.user_timing'];

/**
 * Main-thread busy time per display frame between two user-timing marks: the sum of the renderer main thread's
 * top-level tasks (input, React, Konva, style, paint, commit) within each interval between frame starts.
 * This is the work that has to fit in 16 ms for the page to keep the display's cadence.
 */
function mainThreadWorkPerFrame(trace: Buffer, startMark: string, endMark: string): number[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const start = events.find((e) => e.name === startMark);
  const end = events.find((e) => e.name === endMark);
  if (!start || !end) throw new Error('trace marks missing');
  const onMain = events.filter((e) => e.pid === start.pid && e.tid === start.tid);
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.dur !== undefined);
  const frameStarts = onMain
    .filter((e) => e.name === 'BeginMainThreadFrame' && e.ts >= start.ts && e.ts <= end.ts)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const work: number[] = [];
  for (let i = 0; i + 1 < frameStarts.length; i++) {
    const from = frameStarts[i]!;
    const to = frameStarts[i + 1]!;
    let busy = 0;
    for (const task of tasks) busy += Math.max(0, Math.min(to, task.ts + task.dur!) - Math.max(from, task.ts));
    work.push(busy / 1000);
  }
  return work;
}

// ---- driving the page --------------------------------------------------------------------------------------

/**
 * Many small moves (~1 px) along a loop that ends a few px left of the start, one CDP input event each (Chromium
 * delivers them once per frame).
 */
function dragPath(from: Vec2, moves: number): Vec2[] {
  const path: Vec2[] = [];
  for (let i = 1; i <= moves; i++) {
    const t = (i / moves) * 2 * Math.PI;
    path.push({ x: from.x + 50 * Math.sin(t) - 8 * (i / moves), y: from.y - 35 * (1 - Math.cos(t)) });
  }
  return path;
}

async function streamMoves(page: Page, path: readonly Vec2[]): Promise<void> {
  for (const point of path) await page.mouse.move(point.x, point.y);
}

async function traced<T>(browser: Browser, page: Page, name: string, action: () => Promise<T>): Promise<{ result: T; work: number[] }> {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await page.evaluate((mark) => performance.mark(`${mark}:start`), name);
  const result = await action();
  await page.evaluate((mark) => performance.mark(`${mark}:end`), name);
  const trace = await browser.stopTracing();
  return { result, work: mainThreadWorkPerFrame(trace, `${name}:start`, `${name}:end`) };
}

/** Runs the action under the V8 sampling profiler when MIDSTANCE_BENCH_PROFILE is set. */
async function profiled<T>(page: Page, name: string, action: () => Promise<T>): Promise<T> {
  if (!profileDir) return action();
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 100 });
  await session.send('Profiler.start');
  const result = await action();
  const { profile } = await session.send('Profiler.stop');
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(join(profileDir, `${name}.cpuprofile`), JSON.stringify(profile));
  await session.detach();
  return result;
}

async function frames<T>(page: Page, action: () => Promise<T>): Promise<{ result: T; frames: ProbeFrames }> {
  await probe(page, (bench) => bench.startFrames());
  const result = await action();
  return { result, frames: await probe(page, (bench) => bench.stopFrames()) };
}

const intervals = (times: readonly number[]) => times.slice(1).map((t, i) => t - times[i]!);

/** Konva draw time per animation frame (all layers drawn in that frame). */
function konvaPerFrame(probeFrames: ProbeFrames): number[] {
  const perFrame = new Map<number, number>();
  for (const draw of probeFrames.draws) {
    const frame = probeFrames.rafTimes.findLastIndex((t) => t <= draw.at);
    perFrame.set(frame, (perFrame.get(frame) ?? 0) + draw.ms);
  }
  return [...perFrame.values()];
}

async function pressAndWait(page: Page, key: string): Promise<void> {
  const before = await probe(page, (bench) => bench.steps());
  await page.keyboard.press(key);
  await page.waitForFunction((n) => (window as unknown as { __canvasBench: Probe }).__canvasBench.steps() > n, before, { timeout: 10_000 });
}

interface StepTimes {
  toDrawn: number[];
  toScreen: number[];
  shown: string[];
}
function stepTimes(steps: readonly ProbeStep[]): StepTimes {
  return {
    toDrawn: steps.map((s) => (s.drawnAt ?? Number.NaN) - s.keyAt),
    toScreen: steps.map((s) => s.renderedAt - s.keyAt),
    shown: steps.map((s) => s.shown),
  };
}

// ---- the phases --------------------------------------------------------------------------------------------

const EMPTY_PAGE = `<!doctype html><html><body style="margin:0;background:#111;color:#eee;font:16px system-ui">
<div data-testid="frame-number">0</div><canvas width="960" height="540"></canvas>
<script>
  const readout = document.querySelector('[data-testid="frame-number"]');
  const context = document.querySelector('canvas').getContext('2d');
  let n = 0;
  addEventListener('keydown', () => {
    n += 1;
    readout.firstChild.textContent = String(n);
    context.fillStyle = n % 2 ? '#345' : '#543';
    context.fillRect(0, 0, 960, 540);
    performance.mark(${JSON.stringify(FRAME_PAINTED_MARK)});
  });
</script></body></html>`;

async function baselines(browser: Browser) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.setContent(EMPTY_PAGE);
  await page.evaluate(installProbe, FRAME_PAINTED_MARK);
  const idle = await frames(page, () => page.waitForTimeout(2000));
  const moves = await traced(browser, page, 'bench:baseline-moves', () =>
    frames(page, () => streamMoves(page, dragPath({ x: 700, y: 500 }, DRAG_MOVES))),
  );
  for (let i = 0; i < 60; i++) await pressAndWait(page, 'ArrowRight');
  const keys = stepTimes(await probe(page, (bench) => bench.takeSteps()));
  await page.close();
  return { idleIntervals: intervals(idle.frames.rafTimes), moveWork: moves.work, moveIntervals: intervals(moves.result.frames.rafTimes), keys };
}

interface ViewerRun {
  plain: StepTimes;
  annotated: StepTimes;
  annotatedLongTasks: number;
  dragWork: number[];
  dragFrames: ProbeFrames;
  idleIntervals: number[];
  checks: { drag: boolean; steps: boolean };
}

interface BenchProject {
  fixture: BrowserModeFixture;
  clip: Clip;
  clipId: string;
}

async function goToFrame(page: Page, frame: number): Promise<void> {
  await page.getByRole('textbox', { name: /Go to frame/ }).fill(String(frame));
  await page.keyboard.press('Enter');
  await page.waitForFunction((f) => document.querySelector('[data-testid="frame-number"]')?.firstChild?.textContent === String(f), frame);
}

/** One viewer session at a device pixel ratio: warm up, step, step onto the busy frame, drag. */
async function measureViewer(browser: Browser, { fixture, clip, clipId }: BenchProject, deviceScaleFactor: number): Promise<ViewerRun> {
  const call = fixture.core.handlers;
  const label = `@${deviceScaleFactor}x`;
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor });
  try {
    let mediaId: string | null = null;
    page.on('pageerror', (error) => progress(`page error: ${error.message}`));
    page.on('request', (request) => {
      mediaId ??= /\/frames\/([^/]+)\//.exec(request.url())?.[1] ?? null;
    });
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
    await page.evaluate(installProbe, FRAME_PAINTED_MARK);

    progress(`${label} warming the frame cache (server warm-up, then one pass through every frame)…`);
    const warmDeadline = Date.now() + 60_000;
    while (!mediaId || !(await call['media.warmStatus']({ mediaId: decodeURIComponent(mediaId) }, {})).complete) {
      if (Date.now() > warmDeadline) throw new Error('the clip did not warm up within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // The viewer reopens a clip where it was left (the first run left it on the busy frame): start from frame 0.
    await goToFrame(page, 0);
    for (let i = 1; i < clip.frameCount; i++) await pressAndWait(page, 'ArrowRight');

    progress(`${label} step: ${PLAIN_STEPS} presses of → from frame 0…`);
    await pressAndWait(page, 'Home');
    await probe(page, (bench) => bench.takeSteps());
    await profiled(page, `step${label}`, async () => {
      for (let i = 0; i < PLAIN_STEPS; i++) await pressAndWait(page, 'ArrowRight');
    });
    const plain = stepTimes(await probe(page, (bench) => bench.takeSteps()));
    const plainExact =
      plain.shown.every((shown, i) => Number(shown) === i + 1) &&
      (await paintedFrameIndex(page, { width: clip.spec.width, height: clip.spec.height })) === PLAIN_STEPS;

    progress(`${label} step: ${ANNOTATED_STEPS} presses onto and off the frame with ${ANNOTATIONS} annotations…`);
    await goToFrame(page, ANNOTATED_FRAME - 1);
    await page.waitForTimeout(300);
    await probe(page, (bench) => bench.takeSteps());
    const busy = await profiled(page, `step-annotated${label}`, () =>
      frames(page, async () => {
        for (let i = 0; i < ANNOTATED_STEPS; i++) await pressAndWait(page, i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      }),
    );
    const annotated = stepTimes(await probe(page, (bench) => bench.takeSteps()));
    const annotatedExact = annotated.shown.every((shown, i) => Number(shown) === (i % 2 === 0 ? ANNOTATED_FRAME : ANNOTATED_FRAME - 1));

    progress(`${label} drag: one handle, ${DRAG_MOVES} moves, ${ANNOTATIONS} annotations on the frame…`);
    await goToFrame(page, ANNOTATED_FRAME);
    const storedTarget = async () => (await call['annotations.list']({ clipId }, {})).find((a) => a.label === TARGET_LABEL)!;
    const handle = (await storedTarget()).geometry.points[2]!;
    const handleOnScreen = await screenPoint(page, handle);
    const scale = (await stageTransform(page)).scale;
    // A click on its handle selects it (it is drawn last, on top); the press that starts the drag then grabs it.
    await page.mouse.click(handleOnScreen.x, handleOnScreen.y);
    await page.waitForTimeout(300);
    const idle = await frames(page, () => page.waitForTimeout(1000));
    const path = dragPath(handleOnScreen, DRAG_MOVES);
    const drag = await profiled(page, `drag${label}`, () =>
      traced(browser, page, `bench:drag${label}`, () =>
        frames(page, async () => {
          await page.mouse.down();
          await streamMoves(page, path);
          await page.mouse.up();
          await page.waitForTimeout(200);
        }),
      ),
    );
    // The drag must have moved exactly that handle, by the pointer's travel in image px.
    const end = path.at(-1)!;
    const expected = { x: handle.x + (end.x - handleOnScreen.x) / scale, y: handle.y + (end.y - handleOnScreen.y) / scale };
    let moved: Vec2 | null = null;
    for (let i = 0; i < 50 && !moved; i++) {
      const point = (await storedTarget()).geometry.points[2]!;
      if (Math.hypot(point.x - handle.x, point.y - handle.y) > 1) moved = point;
      else await page.waitForTimeout(50);
    }
    const dragExact = moved !== null && Math.hypot(moved.x - expected.x, moved.y - expected.y) < 2 / scale + 1;
    return {
      plain,
      annotated,
      annotatedLongTasks: busy.frames.longTasks.length,
      dragWork: drag.work,
      dragFrames: drag.result.frames,
      idleIntervals: intervals(idle.frames.rafTimes),
      checks: { drag: dragExact, steps: plainExact && annotatedExact },
    };
  } finally {
    await page.close();
  }
}

interface PlaybackRun {
  /** Frames the readout moved on per second (the frame painted, which the readout names). */
  advancedPerSecond: number;
  /** Different frames painted per second. */
  paintedPerSecond: number;
}

/**
 * Plays the same warm clip from frame 0 for PLAYBACK_MS at each speed, alternating file speed and 1× real speed so
 * that neither gets a warmer renderer cache. Sampled once per animation frame inside the page.
 */
async function measurePlayback(browser: Browser, fixture: BrowserModeFixture, clip: Clip) {
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    let mediaId: string | null = null;
    page.on('request', (request) => {
      mediaId ??= /\/frames\/([^/]+)\//.exec(request.url())?.[1] ?? null;
    });
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
    progress(`playback: warming ${clip.frameCount} frames of 1080p240…`);
    const warmDeadline = Date.now() + 120_000;
    while (!mediaId || !(await fixture.core.handlers['media.warmStatus']({ mediaId: decodeURIComponent(mediaId) }, {})).complete) {
      if (Date.now() > warmDeadline) throw new Error('the playback clip did not warm up within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const runs: Record<'file' | 'real', PlaybackRun[]> = { file: [], real: [] };
    for (let i = 0; i < PLAYBACK_RUNS * 2; i++) {
      const speed = i % 2 === 0 ? 'file' : 'real';
      progress(`playback: ${speed === 'file' ? 'file speed' : '1× real speed'}, run ${Math.floor(i / 2) + 1}/${PLAYBACK_RUNS}…`);
      await page.getByRole('combobox', { name: 'Playback speed' }).selectOption(speed === 'file' ? 'file' : '1');
      await page.keyboard.press('Home');
      await page.waitForFunction(() => document.querySelector('[data-testid="frame-number"]')?.firstChild?.textContent === '0');
      await page.waitForTimeout(300);
      const sample = await page.evaluate(async (durationMs) => {
        const readout = () => Number(document.querySelector('[data-testid="frame-number"]')?.firstChild?.textContent);
        const play = document.querySelector<HTMLButtonElement>('button.play')!;
        const shown: number[] = [];
        const start = readout();
        play.click();
        const t0 = performance.now();
        await new Promise<void>((done) => {
          const loop = () => {
            shown.push(readout());
            if (performance.now() - t0 < durationMs) requestAnimationFrame(loop);
            else done();
          };
          requestAnimationFrame(loop);
        });
        const elapsed = performance.now() - t0;
        const end = readout();
        play.click();
        return { start, end, elapsed, distinct: new Set(shown).size };
      }, PLAYBACK_MS);
      runs[speed].push({
        advancedPerSecond: ((sample.end - sample.start) / sample.elapsed) * 1000,
        paintedPerSecond: (sample.distinct / sample.elapsed) * 1000,
      });
    }
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 0.5);
    const summary = (list: PlaybackRun[]) => ({
      advancedPerSecond: median(list.map((r) => r.advancedPerSecond)),
      paintedPerSecond: median(list.map((r) => r.paintedPerSecond)),
      runs: list.map((r) => round(r.advancedPerSecond)),
    });
    return { file: summary(runs.file), real: summary(runs.real) };
  } finally {
    await page.close();
  }
}

// ---- 600 gait events on the timeline ----------------------------------------------------------------------

/** Events spread over the whole clip: each frame carries up to three (left IC, right TO, left MS), 600 in all. */
function benchGaitEvents(frameCount: number) {
  const combos = [
    { kind: 'initial-contact', side: 'left' },
    { kind: 'toe-off', side: 'right' },
    { kind: 'midstance', side: 'left' },
  ] as const;
  return Array.from({ length: GAIT_EVENTS }, (_, i) => ({ frameIndex: i % frameCount, ...combos[Math.floor(i / frameCount) % combos.length]! }));
}

/** Key → painted frame with the 200 annotations and the gait events there are: plain steps, then onto the busy frame. */
async function measureGaitSteps(browser: Browser, { fixture, clip }: BenchProject): Promise<{ plain: StepTimes; annotated: StepTimes; ticks: number }> {
  const call = fixture.core.handlers;
  const page = await browser.newPage({ viewport: VIEWPORT });
  try {
    let mediaId: string | null = null;
    page.on('request', (request) => {
      mediaId ??= /\/frames\/([^/]+)\//.exec(request.url())?.[1] ?? null;
    });
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
    await page.evaluate(installProbe, FRAME_PAINTED_MARK);
    const warmDeadline = Date.now() + 60_000;
    while (!mediaId || !(await call['media.warmStatus']({ mediaId: decodeURIComponent(mediaId) }, {})).complete) {
      if (Date.now() > warmDeadline) throw new Error('the clip did not warm up within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ticks = await page.getByTestId('gait-lane').locator('.gait-tick').count();
    await goToFrame(page, 0);
    for (let i = 1; i < clip.frameCount; i++) await pressAndWait(page, 'ArrowRight');
    progress(`gait: ${PLAIN_STEPS} presses of → with ${ticks} events on the timeline…`);
    await pressAndWait(page, 'Home');
    await probe(page, (bench) => bench.takeSteps());
    await profiled(page, `step-gait-${ticks}`, async () => {
      for (let i = 0; i < PLAIN_STEPS; i++) await pressAndWait(page, 'ArrowRight');
    });
    const plain = stepTimes(await probe(page, (bench) => bench.takeSteps()));
    await goToFrame(page, ANNOTATED_FRAME - 1);
    await page.waitForTimeout(300);
    await probe(page, (bench) => bench.takeSteps());
    for (let i = 0; i < ANNOTATED_STEPS; i++) await pressAndWait(page, i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
    const annotated = stepTimes(await probe(page, (bench) => bench.takeSteps()));
    return { plain, annotated, ticks };
  } finally {
    await page.close();
  }
}

async function main() {
  mkdirSync(fixtureDir, { recursive: true });
  await ensureRendererBuilt();
  progress(`Clip: 1080p240 H.264 in ${fixtureDir} (cached between runs)…`);
  const clip = await makeClip(CLIPS.h264_1080p240, fixtureDir);
  const playbackClip = await makeClip(PLAYBACK_CLIP, fixtureDir);

  let fixture: BrowserModeFixture | null = null;
  let browser: Browser | null = null;
  try {
    fixture = await startBrowserMode();
    browser = await launchChromium();
    const call = fixture.core.handlers;

    if (playbackOnly) {
      const playback = await measurePlayback(browser, fixture, playbackClip);
      console.log(JSON.stringify({ playbackFile: playback.file, playbackReal: playback.real }));
      return;
    }

    progress('Baselines: empty page…');
    const base = await baselines(browser);

    progress(`Project with ${ANNOTATIONS} annotations on frame ${ANNOTATED_FRAME}…`);
    await call['project.create']({}, {});
    const { record: clipRecord } = await call['clips.add']({ path: clip.path }, {});
    for (const draft of benchAnnotations()) {
      await call['annotations.create'](
        { clipId: clipRecord.id, frameIndex: ANNOTATED_FRAME, frameTime: ANNOTATED_FRAME / clip.spec.fps, ...draft },
        {},
      );
    }
    const project = { fixture, clip, clipId: clipRecord.id };
    const runs = [await measureViewer(browser, project, 1), await measureViewer(browser, project, 2)] as const;
    const playback = await measurePlayback(browser, fixture, playbackClip);

    // The same session twice, right after each other: without events (the baseline), then with 600.
    progress('Gait: stepping without events (baseline)…');
    const noGait = await measureGaitSteps(browser, project);
    progress(`Gait: ${GAIT_EVENTS} events on the timeline as well…`);
    for (const event of benchGaitEvents(clip.frameCount)) {
      await call['gaitEvents.create']({ clipId: clipRecord.id, frameTime: event.frameIndex / clip.spec.fps, ...event }, {});
    }
    const gait = await measureGaitSteps(browser, project);

    // ---- report --------------------------------------------------------------------------------------------
    const staticShapes = ANNOTATIONS - 1;
    const staticRedraws = (run: ViewerRun) => run.dragFrames.draws.filter((d) => d.children >= staticShapes).length;
    const viewerRows = (run: ViewerRun) => ({
      viewerIdleInterval: stats(run.idleIntervals),
      dragWork: stats(run.dragWork),
      dragInterval: stats(intervals(run.dragFrames.rafTimes)),
      dragKonva: stats(konvaPerFrame(run.dragFrames)),
      dragPointer: stats(run.dragFrames.pointerHandlerMs),
      stepDrawn: stats(run.plain.toDrawn),
      stepScreen: stats(run.plain.toScreen),
      annotatedDrawn: stats(run.annotated.toDrawn),
      annotatedScreen: stats(run.annotated.toScreen),
    });
    const [x1, x2] = [viewerRows(runs[0]), viewerRows(runs[1])];
    const floor = stats(base.idleIntervals);
    const baselineMoveWork = stats(base.moveWork);
    const baselineKey = stats(base.keys.toScreen);
    type Row = [string, Stats, Stats | null, string];
    const table: Row[] = [
      ['baseline: empty page, rAF interval (display cadence)', floor, null, ''],
      ['baseline: empty page, same mouse moves: main-thread work / frame', baselineMoveWork, null, ''],
      ['baseline: empty page, key → text+canvas change on screen', baselineKey, null, ''],
      [`viewer idle on the frame with ${ANNOTATIONS} annotations: rAF interval`, x1.viewerIdleInterval, x2.viewerIdleInterval, ''],
      [`drag a handle (${ANNOTATIONS} on frame): main-thread work / frame`, x1.dragWork, x2.dragWork, `< ${GOAL_DRAG_FRAME_P95_MS}`],
      ['drag: rAF interval (frame cadence)', x1.dragInterval, x2.dragInterval, '≈ floor'],
      ['drag: Konva draw / frame (all layers)', x1.dragKonva, x2.dragKonva, ''],
      ['drag: pointermove handler / event', x1.dragPointer, x2.dragPointer, ''],
      ['step → (warm): key → frame drawn on canvas', x1.stepDrawn, x2.stepDrawn, ''],
      ['step → (warm): key → frame on screen', x1.stepScreen, x2.stepScreen, `< ${GOAL_STEP_P95_MS}`],
      [`step onto/off the frame with ${ANNOTATIONS}: key → drawn`, x1.annotatedDrawn, x2.annotatedDrawn, ''],
      [`step onto/off the frame with ${ANNOTATIONS}: key → on screen`, x1.annotatedScreen, x2.annotatedScreen, ''],
      ['gait baseline: same session without events, step →: key → on screen', stats(noGait.plain.toScreen), null, ''],
      [`step → with ${gait.ticks} gait events on the timeline: key → on screen`, stats(gait.plain.toScreen), null, `< ${GOAL_STEP_P95_MS}`],
      ['gait baseline: without events, onto/off the busy frame: key → on screen', stats(noGait.annotated.toScreen), null, ''],
      [`step onto/off ${ANNOTATIONS} annotations + ${gait.ticks} events: key → on screen`, stats(gait.annotated.toScreen), null, ''],
    ];
    const width = Math.max(...table.map(([name]) => name.length));
    const ms = (value: number) => value.toFixed(1).padStart(7);
    console.log(`Chromium ${browser.version()}, headless, software rendering (no GPU), viewport ${VIEWPORT.width}×${VIEWPORT.height} CSS px`);
    console.log(`${'measure (ms)'.padEnd(width)}  ${'n'.padStart(4)}  ${'p50'.padStart(7)}  ${'p95'.padStart(7)}  ${'max'.padStart(7)}  ${'p95 @2x'.padStart(7)}  goal p95`);
    for (const [name, s, at2x, goal] of table) {
      console.log(`${name.padEnd(width)}  ${String(s.n).padStart(4)}  ${ms(s.p50)}  ${ms(s.p95)}  ${ms(s.max)}  ${at2x ? ms(at2x.p95) : ' '.repeat(7)}  ${goal}`);
    }
    console.log(
      `drag redraws of the static layer (${staticShapes}+ shapes): ${staticRedraws(runs[0])} @1x, ${staticRedraws(runs[1])} @2x; ` +
        `long tasks (> 50 ms): drag ${runs[0].dragFrames.longTasks.length}/${runs[1].dragFrames.longTasks.length}, ` +
        `stepping onto the busy frame ${runs[0].annotatedLongTasks}/${runs[1].annotatedLongTasks} (@1x/@2x)`,
    );
    const realToFile = playback.real.advancedPerSecond / playback.file.advancedPerSecond;
    console.log(
      `playback, ${PLAYBACK_CLIP.frames}-frame 1080p240 clip, warm, median of ${PLAYBACK_RUNS} × ${PLAYBACK_MS / 1000} s: ` +
        `file speed advanced ${round(playback.file.advancedPerSecond)} frames/s (painted ${round(playback.file.paintedPerSecond)}/s), ` +
        `1× real speed advanced ${round(playback.real.advancedPerSecond)} frames/s (painted ${round(playback.real.paintedPerSecond)}/s); ` +
        `real/file ${round(realToFile, 2)} (goal ≈ 1, clock ${PLAYBACK_CLIP.fps}/s)`,
    );
    const checksPassed = runs.every((run) => run.checks.drag && run.checks.steps);
    console.log(
      `checks: drags moved the handle as far as the pointer ${runs.every((run) => run.checks.drag) ? 'yes' : 'NO'}; ` +
        `stepping showed and painted the named frames ${runs.every((run) => run.checks.steps) ? 'yes' : 'NO'}`,
    );
    const json = {
      canvasDragFrameP95Ms: round(x1.dragWork.p95),
      canvasDragFrameP50Ms: round(x1.dragWork.p50),
      canvasDragFrameMaxMs: round(x1.dragWork.max),
      canvasDragFrameP95MsAt2x: round(x2.dragWork.p95),
      canvasDragIntervalP95Ms: round(x1.dragInterval.p95),
      rafFloorP95Ms: round(floor.p95),
      canvasDragIntervalRatio: round(x1.dragInterval.p95 / floor.p95, 2),
      baselineMoveWorkP95Ms: round(baselineMoveWork.p95),
      canvasDragKonvaP95Ms: round(x1.dragKonva.p95),
      staticLayerRedrawsDuringDrag: staticRedraws(runs[0]) + staticRedraws(runs[1]),
      stepToPaintP95Ms: round(x1.stepScreen.p95),
      stepToPaintP50Ms: round(x1.stepScreen.p50),
      stepToPaintMaxMs: round(x1.stepScreen.max),
      stepToPaintP95MsAt2x: round(x2.stepScreen.p95),
      stepToDrawnP95Ms: round(x1.stepDrawn.p95),
      stepToPaintFloorP95Ms: round(baselineKey.p95),
      stepToPaintRatio: round(x1.stepScreen.p95 / baselineKey.p95, 2),
      stepAnnotatedToPaintP95Ms: round(x1.annotatedScreen.p95),
      stepAnnotatedToPaintP95MsAt2x: round(x2.annotatedScreen.p95),
      steps: x1.stepScreen.n + x1.annotatedScreen.n,
      checksPassed,
      dragGoalMet: x1.dragWork.p95 < GOAL_DRAG_FRAME_P95_MS,
      stepGoalMet: x1.stepScreen.p95 < GOAL_STEP_P95_MS,
      playbackFileAdvancedPerSecond: round(playback.file.advancedPerSecond),
      playbackRealAdvancedPerSecond: round(playback.real.advancedPerSecond),
      playbackFilePaintedPerSecond: round(playback.file.paintedPerSecond),
      playbackRealPaintedPerSecond: round(playback.real.paintedPerSecond),
      playbackRealToFileRatio: round(realToFile, 2),
      playbackGoalMet: Math.abs(realToFile - 1) < 0.05 && playback.file.advancedPerSecond > PLAYBACK_CLIP.fps * 0.9,
      gaitEventsOnTimeline: gait.ticks,
      gaitStepToPaintP95Ms: round(stats(gait.plain.toScreen).p95),
      gaitStepBaselineP95Ms: round(stats(noGait.plain.toScreen).p95),
      gaitStepRatio: round(stats(gait.plain.toScreen).p95 / stats(noGait.plain.toScreen).p95, 2),
      gaitStepAnnotatedToPaintP95Ms: round(stats(gait.annotated.toScreen).p95),
      gaitStepAnnotatedBaselineP95Ms: round(stats(noGait.annotated.toScreen).p95),
      gaitStepGoalMet: stats(gait.plain.toScreen).p95 < GOAL_STEP_P95_MS,
    };
    console.log(JSON.stringify(json));
  } finally {
    await browser?.close();
    await fixture?.stop();
  }
}

await main();
