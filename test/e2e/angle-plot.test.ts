import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { shownFrame } from '../support/viewer-page.ts';

/** Set to a folder to keep screenshots of the plot in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
const fixtures = createFixtureStore();
const FRAMES = 300;
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;

/**
 * A synthetic leg with known points: hip straight above the knee, the shank swung forward by θ(f) = 30 + 20·sin(2πf/100)°,
 * so the interior knee angle is 180 − θ(f) on every frame; the ankle is lost (confidence 0.1) on frames 170–179.
 */
const theta = (f: number) => 30 + 20 * Math.sin((2 * Math.PI * f) / 100);
const kneeAngle = (f: number) => 180 - theta(f);
const LOST = { from: 170, to: 179 };
const hip = { x: 320, y: 80 };
const knee = { x: 320, y: 180 };
const ankleAt = (f: number) => {
  const r = (theta(f) * Math.PI) / 180;
  return { x: knee.x + 120 * Math.sin(r), y: knee.y + 120 * Math.cos(r) };
};
const points = (at: (f: number) => { x: number; y: number }, lost = false) =>
  Array.from({ length: FRAMES }, (_, frameIndex) => ({
    frameIndex,
    ...at(frameIndex),
    confidence: lost && frameIndex >= LOST.from && frameIndex <= LOST.to ? 0.1 : 0.95,
    anchor: frameIndex === 0,
  }));
/** Left initial contacts and midstances: two whole strides (20→120, 120→220). */
const EVENTS = [
  [20, 'initial-contact'],
  [50, 'midstance'],
  [120, 'initial-contact'],
  [150, 'midstance'],
  [220, 'initial-contact'],
  [250, 'midstance'],
] as const;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 640, height: 360, fps: 240, frames: FRAMES, codec: 'h264', gop: 60 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

async function open(page: Page, language: 'English' | 'Nederlands') {
  fixture.core.requestOpen(clip.path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
}

/** Centre x on the page of an element (the plot's cursor, the timeline's playhead). */
async function centreX(page: Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  return box.x + box.width / 2;
}

/** The page x where the plot draws a frame: inside its 1 px border, frame f at f / last of the width. */
async function plotX(page: Page, frame: number) {
  const box = (await page.getByTestId('plot-area').boundingBox())!;
  return { x: box.x + 1 + (frame / (FRAMES - 1)) * (box.width - 2), y: box.y + box.height / 2 };
}

describe('angle-over-time plot (browser mode)', () => {
  it('plots a goniometer bound to tracks under the timeline: follows the frame, seeks on click and drag, per-stride extremes, gaps, both languages', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    await open(page, 'English');
    await expect.poll(() => page.getByTestId('plot-empty').textContent()).toBe('Bind a goniometer to tracks to plot it over time.');
    if (screenshots) await page.screenshot({ path: join(screenshots, 'angle-plot-empty-en.png') });

    // Tracks with known points and a goniometer bound to them, through the API.
    const clipId = (await fixture.core.handlers['clips.list']({}, {}))[0]!.id;
    const create = (label: string, at: (f: number) => { x: number; y: number }, lost = false) =>
      fixture.core.handlers['tracks.create']({ clipId, source: 'point', label, points: points(at, lost) }, {});
    const hipTrack = await create('Hip', () => hip);
    const kneeTrack = await create('Knee', () => knee);
    const ankleTrack = await create('Ankle', ankleAt, true);
    const { record: goniometer } = await fixture.core.handlers['annotations.create'](
      {
        clipId,
        frameIndex: 0,
        frameTime: 0,
        geometry: { kind: 'goniometer', points: [hip, knee, ankleAt(0)] },
        label: 'knee-midstance-left',
        style: { color: '#22d3ee', strokeWidth: 2 },
        trackBindings: [hipTrack.record.id, kneeTrack.record.id, ankleTrack.record.id],
      },
      {},
    );
    for (const [frameIndex, kind] of EVENTS) {
      await fixture.core.handlers['gaitEvents.create']({ clipId, frameIndex, frameTime: frameIndex / 240, kind, side: 'left' }, {});
    }
    await page.close();

    const en = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    await open(en, 'English');
    const plot = en.getByTestId('angle-plot');
    const line = plot.getByTestId('plot-line');
    await expect.poll(() => line.count()).toBe(1);
    expect(await line.textContent()).toContain('Knee angle at midstance — leftinterior angle150.0°');
    // The value at each left midstance (50, 150, 250: θ = 30° each), averaged.
    expect(await plot.getByTestId('plot-at-events').textContent()).toBe('◆ Midstance: 150.0° ± 0.0° (n 3)');
    await expect.poll(() => plot.getByTestId('plot-band').count()).toBe(1);

    // One sub-path before the lost frames and one after: nothing is drawn across them.
    const path = plot.getByTestId('plot-path');
    expect(((await path.getAttribute('d')) ?? '').match(/M/g)).toHaveLength(2);
    expect(await plot.getByTestId('plot-gap').count()).toBe(1);

    // Per stride (left IC → next left IC) the lowest and highest value, at the frames the truth puts them.
    const minFrames = await plot.getByTestId('plot-min').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-frame'))));
    const maxFrames = await plot.getByTestId('plot-max').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-frame'))));
    expect(minFrames).toEqual([25, 125]);
    // Stride two's true highest value (frame 175) fell in the lost frames: its highest is where the track is.
    expect(maxFrames[0]).toBe(75);
    expect(maxFrames[1]! < LOST.from || maxFrames[1]! > LOST.to).toBe(true);
    expect(await plot.getByTestId('plot-at-event').count()).toBe(3);

    // The cursor is the timeline's playhead, at the same x; stepping moves it and redraws nothing else.
    expect(await plot.getByTestId('plot-cursor').getAttribute('data-frame')).toBe('0');
    expect(Math.abs((await centreX(en, '[data-testid=plot-cursor]')) - (await centreX(en, '.timeline-playhead')))).toBeLessThan(0.6);
    // An event's tick on the lane above the timeline and its line in the plot are at the same x.
    const tick = (await en.locator('.gait-tick[data-frame="20"]').boundingBox())!;
    const eventLine = (await plot.getByTestId('plot-event').first().boundingBox())!;
    expect(Math.abs(tick.x + tick.width / 2 - (eventLine.x + eventLine.width / 2))).toBeLessThan(0.4);
    await en.evaluate(() => {
      const svg = document.querySelector('[data-testid=angle-plot] svg')!;
      const counter = { mutations: 0 };
      (window as unknown as { plotMutations: typeof counter }).plotMutations = counter;
      new MutationObserver((records) => (counter.mutations += records.length)).observe(svg, { subtree: true, attributes: true, childList: true });
    });
    await en.getByTestId('viewer-stage').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 8; i += 1) await en.keyboard.press('ArrowRight');
    await expect.poll(() => shownFrame(en)).toBe(8);
    await expect.poll(() => plot.getByTestId('plot-cursor').getAttribute('data-frame')).toBe('8');
    expect(Math.abs((await centreX(en, '[data-testid=plot-cursor]')) - (await centreX(en, '.timeline-playhead')))).toBeLessThan(0.6);
    expect(await plot.getByTestId('plot-value').textContent()).toBe(`${kneeAngle(8).toFixed(1)}°`);
    expect(await en.evaluate(() => (window as unknown as { plotMutations: { mutations: number } }).plotMutations.mutations)).toBe(0);

    // A click in the plot goes to the frame under the pointer; a drag scrubs.
    const at150 = await plotX(en, 150);
    // A resting pointer reads the curve without moving the clip.
    await en.mouse.move(at150.x, at150.y);
    await expect.poll(() => plot.getByTestId('plot-hover').textContent()).toBe(`frame 150${kneeAngle(150).toFixed(1)}°`);
    expect(await shownFrame(en)).toBe(8);
    await en.mouse.click(at150.x, at150.y);
    await expect.poll(() => shownFrame(en)).toBe(150);
    await expect.poll(() => plot.getByTestId('plot-cursor').getAttribute('data-frame')).toBe('150');
    const from = await plotX(en, 100);
    const to = await plotX(en, 200);
    await en.mouse.move(from.x, from.y);
    await en.mouse.down();
    await en.mouse.move((from.x + to.x) / 2, from.y, { steps: 3 });
    await en.mouse.move(to.x, to.y, { steps: 3 });
    await en.mouse.up();
    await expect.poll(() => shownFrame(en)).toBe(200);

    // The extremes: a value on hover; by keyboard ← → move between them (not the clip) and Enter goes there.
    await plot.getByTestId('plot-max').first().hover();
    await expect.poll(() => plot.getByTestId('plot-tip').textContent()).toBe(
      'Highest of stride 1 (left): 170.0° interior angle at frame 75Knee angle at midstance — left',
    );
    await plot.getByTestId('plot-min').first().focus();
    await en.keyboard.press('ArrowRight');
    await expect.poll(() => en.evaluate(() => document.activeElement?.getAttribute('data-frame'))).toBe('50');
    expect(await shownFrame(en)).toBe(200);
    await en.keyboard.press('ArrowRight');
    await en.keyboard.press('Enter');
    await expect.poll(() => shownFrame(en)).toBe(75);
    if (screenshots) await en.screenshot({ path: join(screenshots, 'angle-plot-en.png') });

    // Folded away, it stays folded on the next visit (same browser profile).
    await plot.getByRole('button', { name: 'Angles over time' }).click();
    await expect.poll(() => plot.getByTestId('plot-area').isVisible()).toBe(false);
    await open(en, 'English');
    const toggle = en.getByTestId('angle-plot').getByRole('button', { name: 'Angles over time' });
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await en.getByTestId('plot-area').isVisible()).toBe(false);
    await toggle.click();
    await expect.poll(() => en.getByTestId('plot-area').isVisible()).toBe(true);
    await en.close();

    // Dutch: the preset's Dutch name, the Dutch convention, a decimal comma.
    const nl = await browser.newPage({ viewport: { width: 1400, height: 950 } });
    await open(nl, 'Nederlands');
    const lijn = nl.getByTestId('plot-line');
    await expect.poll(() => lijn.count()).toBe(1);
    await expect.poll(() => lijn.textContent()).toMatch(/^Kniehoek halverwege de steunfase — linksbinnenhoek\d+,\d°/);
    await nl.getByTestId('angle-plot').getByTestId('plot-max').first().hover();
    await expect.poll(() => nl.getByTestId('plot-tip').textContent()).toBe(
      'Hoogste van schrede 1 (links): 170,0° binnenhoek in beeld 75Kniehoek halverwege de steunfase — links',
    );
    if (screenshots) await nl.screenshot({ path: join(screenshots, 'angle-plot-nl.png') });
    const at230 = await plotX(nl, 230);
    await nl.mouse.move(at230.x, at230.y);
    await expect.poll(() => nl.getByTestId('plot-hover').textContent()).toBe(`beeld 230${kneeAngle(230).toFixed(1).replace('.', ',')}°`);
    if (screenshots) await nl.screenshot({ path: join(screenshots, 'angle-plot-hover-nl.png') });
    expect(goniometer.trackBindings).toHaveLength(3);
    await nl.close();
  }, 180_000);
});
