import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GaitEvent } from '../../common/contract/project.ts';
import type { ProjectSummary } from '../../main/project/summary.ts';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { clickImagePoint, shownFrame } from '../support/viewer-page.ts';

const fixtures = createFixtureStore();
const bin = join(import.meta.dirname, '..', '..', 'bin', 'midstance.js');
/** Set to a folder to keep screenshots of the timeline and the timing panel in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 640, height: 360, fps: 240, frames: 120, codec: 'h264', gop: 60 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

async function goTo(page: Page, frame: number) {
  await page.getByRole('textbox', { name: /Go to frame|Ga naar beeld/ }).fill(String(frame));
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrame(page)).toBe(frame);
  // The go-to field keeps the focus; the keys belong to the viewer.
  await page.getByTestId('viewer-stage').focus().catch(() => {});
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

async function open(page: Page, path: string, language: 'English' | 'Nederlands' = 'English') {
  fixture.core.requestOpen(path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
}

async function clipId() {
  const clips = await fixture.core.handlers['clips.list']({}, {});
  return clips[0]!.id;
}
const storedEvents = async () => fixture.core.handlers['gaitEvents.list']({ clipId: await clipId() }, {});
const storedAnnotations = async () => fixture.core.handlers['annotations.list']({ clipId: await clipId() }, {});

/** Capture-time ms between two stored events, from their frames' own timestamps (this clip: capture = file rate). */
function msBetween(events: readonly GaitEvent[], from: [number, string], to: [number, string]) {
  const find = ([frame, kind]: [number, string]) => events.find((e) => e.frameIndex === frame && e.kind === kind)!;
  return (find(to).frameTime - find(from).frameTime) * 1000;
}

async function shownMean(page: Page, figure: string, side: string) {
  const cell = page.getByTestId(`timing-${figure}-${side}`);
  return { mean: Number.parseFloat((await cell.getAttribute('data-mean')) ?? 'NaN'), text: (await cell.textContent()) ?? '' };
}

describe('gait events and running timing', () => {
  it('marks events with the keys, times them from the frame times, follows a drag, shares undo with drawings and survives a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, clip.path);

    // The timeline's ruler numbers frames and their real time (frame 40 at 240 fps = 0.17 s).
    const ruler = page.getByTestId('timeline-ruler');
    await expect.poll(async () => (await ruler.locator('.timeline-tick-frame').allTextContents()).slice(0, 3)).toEqual(['0', '20', '40']);
    expect(await ruler.locator('.timeline-tick-time').nth(2).textContent()).toBe('0.17 s');

    // Left foot (the active foot at first), right foot with Shift.
    const marks: [number, string][] = [
      [10, 'q'],
      [34, 'e'],
      [40, 'Shift+Q'],
      [70, 'Shift+E'],
      [80, 'q'],
    ];
    for (const [frame, key] of marks) {
      await goTo(page, frame);
      await page.keyboard.press(key);
      await expect.poll(async () => (await storedEvents()).some((e) => e.frameIndex === frame)).toBe(true);
    }
    const events = await storedEvents();
    expect(events.map((e) => [e.frameIndex, e.kind, e.side])).toEqual([
      [10, 'initial-contact', 'left'],
      [34, 'toe-off', 'left'],
      [40, 'initial-contact', 'right'],
      [70, 'toe-off', 'right'],
      [80, 'initial-contact', 'left'],
    ]);
    // Five ticks on the timeline, coloured by foot.
    await expect.poll(() => page.getByTestId('gait-lane').locator('.gait-tick.left').count()).toBe(3);
    await expect.poll(() => page.getByTestId('gait-lane').locator('.gait-tick.right').count()).toBe(2);

    await page.getByRole('tab', { name: 'Timing' }).click();
    const contactLeft = msBetween(events, [10, 'initial-contact'], [34, 'toe-off']);
    const flightLeft = msBetween(events, [34, 'toe-off'], [40, 'initial-contact']);
    const contactRight = msBetween(events, [40, 'initial-contact'], [70, 'toe-off']);
    const flightRight = msBetween(events, [70, 'toe-off'], [80, 'initial-contact']);
    expect(contactLeft).toBeCloseTo(100, 1); // 24 frames at 240 fps
    await expect.poll(async () => (await shownMean(page, 'contactTimeMs', 'left')).mean).toBeCloseTo(contactLeft, 6);
    expect((await shownMean(page, 'contactTimeMs', 'left')).text).toMatch(/^100\.0/);
    expect((await shownMean(page, 'flightTimeMs', 'left')).mean).toBeCloseTo(flightLeft, 6);
    expect((await shownMean(page, 'contactTimeMs', 'right')).mean).toBeCloseTo(contactRight, 6);
    expect((await shownMean(page, 'flightTimeMs', 'right')).mean).toBeCloseTo(flightRight, 6);
    expect(await page.getByTestId('timing-rate').textContent()).toBe('Capture rate 240 fps · ±1 frame = ±4.2 ms');
    if (screenshots) await shoot(page, 'en');

    // Drag the left toe-off tick from frame 34 to frame 30: the figures follow.
    const lane = (await page.getByTestId('gait-lane').boundingBox())!;
    const tick = page.getByTestId('gait-lane').locator('.gait-tick[data-frame="34"]');
    const box = (await tick.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    const x = (frame: number) => lane.x + (frame / (clip.frameCount - 1)) * lane.width;
    await page.mouse.move(x(32), box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(x(30), box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await storedEvents()).find((e) => e.kind === 'toe-off' && e.side === 'left')?.frameIndex).toBe(30);
    const moved = await storedEvents();
    await expect
      .poll(async () => (await shownMean(page, 'contactTimeMs', 'left')).mean)
      .toBeCloseTo(msBetween(moved, [10, 'initial-contact'], [30, 'toe-off']), 6);
    expect((await shownMean(page, 'flightTimeMs', 'left')).mean).toBeCloseTo(msBetween(moved, [30, 'toe-off'], [40, 'initial-contact']), 6);

    // A drawing after the drag: one history, so undo takes the drawing first, then the drag.
    await goTo(page, 50);
    await page.getByRole('button', { name: 'Marker', exact: true }).click();
    await clickImagePoint(page, { x: 320, y: 180 });
    await expect.poll(async () => (await storedAnnotations()).length).toBe(1);
    // The new marker may focus its label field; the shortcut is meant for the viewer.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(0);
    expect((await storedEvents()).find((e) => e.kind === 'toe-off' && e.side === 'left')?.frameIndex).toBe(30);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await storedEvents()).find((e) => e.kind === 'toe-off' && e.side === 'left')?.frameIndex).toBe(34);
    // A new measurement brings the Measurements tab forward; back to the timing.
    await page.getByRole('tab', { name: 'Timing' }).click();
    await expect.poll(async () => (await shownMean(page, 'contactTimeMs', 'left')).mean).toBeCloseTo(contactLeft, 6);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await storedEvents()).find((e) => e.kind === 'toe-off' && e.side === 'left')?.frameIndex).toBe(30);
    expect((await storedAnnotations()).length).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(1);

    // Step event to event with , and . ; Delete removes the selected event (and undo brings it back).
    await goTo(page, 0);
    await page.keyboard.press('.');
    await expect.poll(() => shownFrame(page)).toBe(10);
    await page.keyboard.press('.');
    await expect.poll(() => shownFrame(page)).toBe(30);
    await page.keyboard.press('Shift+.');
    await expect.poll(() => shownFrame(page)).toBe(30); // no later left toe-off
    await page.keyboard.press(',');
    await expect.poll(() => shownFrame(page)).toBe(10);
    await page.keyboard.press('Shift+.');
    await expect.poll(() => shownFrame(page)).toBe(80); // next left initial contact
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await storedEvents()).length).toBe(4);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await storedEvents()).length).toBe(5);

    // The asymmetry threshold is a project setting: contact time differs 40 % (flagged above 8 %), not above 45 %.
    const contactAsymmetry = page.getByTestId('timing-contactTimeMs-asymmetry');
    await expect.poll(() => contactAsymmetry.getAttribute('class')).toBe('timing-flag');
    await page.getByTestId('asymmetry-threshold').fill('45');
    await page.getByTestId('asymmetry-threshold').press('Enter');
    await expect.poll(() => contactAsymmetry.getAttribute('class')).toBeNull();
    await expect.poll(async () => (await fixture.core.handlers['project.current']({}, {}))!.settings.norms['gait.asymmetry']).toEqual({ target: 0, tolerance: 45 });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // Reload: everything is still there and timed the same.
    const before = await shownMean(page, 'contactTimeMs', 'all');
    const project = (await fixture.core.handlers['project.current']({}, {}))!;
    await page.close();
    const again = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(again, project.path);
    await again.getByRole('tab', { name: 'Timing' }).click();
    await expect.poll(() => again.getByTestId('gait-lane').locator('.gait-tick').count()).toBe(5);
    expect((await shownMean(again, 'contactTimeMs', 'all')).mean).toBeCloseTo(before.mean, 9);
    const panel = {
      contactLeft: (await shownMean(again, 'contactTimeMs', 'left')).mean,
      flightLeft: (await shownMean(again, 'flightTimeMs', 'left')).mean,
      contactRight: (await shownMean(again, 'contactTimeMs', 'right')).mean,
      stepAll: (await shownMean(again, 'stepTimeMs', 'all')).mean,
    };
    if (screenshots) {
      await again.getByRole('button', { name: 'Nederlands' }).click();
      await again.getByRole('tab', { name: 'Tijden' }).click();
      await shoot(again, 'nl');
    }
    await again.close();

    // The command line on the same file gives the same figures.
    await fixture.core.handlers['project.close']({}, {});
    const result = spawnSync(process.execPath, [bin, 'info', project.path, '--json'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const gait = (JSON.parse(result.stdout) as ProjectSummary).clips[0]!.gait!;
    expect(gait.contactTimeMs.left!.mean).toBeCloseTo(panel.contactLeft, 2);
    expect(gait.flightTimeMs.left!.mean).toBeCloseTo(panel.flightLeft, 2);
    expect(gait.contactTimeMs.right!.mean).toBeCloseTo(panel.contactRight, 2);
    expect(gait.stepTimeMs.all!.mean).toBeCloseTo(panel.stepAll, 2);
    expect(gait.steps).toEqual({ left: 1, right: 1 });
    expect(gait.warnings.some((warning) => /Contact time differs/.test(warning))).toBe(false);
  });
});

describe('measure at events', () => {
  it('visits each frame with the event, tool armed and label set, and summarises the measurements', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await open(page, clip.path);
    const id = await clipId();
    const events = () => fixture.core.handlers['gaitEvents.list']({ clipId: id }, {});
    const annotations = () => fixture.core.handlers['annotations.list']({ clipId: id }, {});
    for (const frame of [20, 60]) {
      await goTo(page, frame);
      await page.keyboard.press('w');
      await expect.poll(async () => (await events()).filter((e) => e.kind === 'midstance').length).toBe(frame === 20 ? 1 : 2);
    }
    await goTo(page, 0);
    await page.getByRole('tab', { name: 'Timing' }).click();
    await page.getByTestId('guide-preset').selectOption('knee-midstance-left');
    await page.getByTestId('guide-start').click();
    await expect.poll(() => shownFrame(page)).toBe(20);
    expect(await page.getByRole('button', { name: 'Goniometer', exact: true }).getAttribute('aria-pressed')).toBe('true');
    const place = async (spread: number) => {
      for (const point of [{ x: 320 - spread, y: 60 }, { x: 320, y: 180 }, { x: 320, y: 300 }]) await clickImagePoint(page, point);
    };
    await place(80);
    await expect.poll(async () => (await annotations()).length).toBe(1);
    expect((await annotations())[0]).toMatchObject({ frameIndex: 20, label: 'knee-midstance-left' });
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Enter');
    await expect.poll(() => shownFrame(page)).toBe(60);
    expect(await page.getByRole('button', { name: 'Goniometer', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await place(40);
    await expect.poll(async () => (await annotations()).length).toBe(2);
    expect((await annotations()).map((a) => [a.frameIndex, a.label])).toEqual([
      [20, 'knee-midstance-left'],
      [60, 'knee-midstance-left'],
    ]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('guide-bar').count()).toBe(0);
    await page.getByRole('tab', { name: 'Timing' }).click();
    const row = page.getByTestId('summary-knee-midstance-left');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe('2');
    if (screenshots) await page.screenshot({ path: join(screenshots, 'measure-at-events-en.png') });

    // Two initial contacts in a row on the left foot: listed with their frame, and the link goes there.
    for (const frame of [90, 100]) {
      await goTo(page, frame);
      await page.keyboard.press('q');
      await expect.poll(async () => (await events()).some((e) => e.frameIndex === frame && e.kind === 'initial-contact')).toBe(true);
    }
    await goTo(page, 0);
    const problems = page.getByTestId('timing-problems');
    await expect.poll(() => problems.textContent()).toContain('Initial contact of the left foot again without a toe-off in between.');
    await problems.getByRole('button', { name: 'Frame 100' }).click();
    await expect.poll(() => shownFrame(page)).toBe(100);
    await page.close();
  });
});

async function shoot(page: Page, language: string) {
  await page.screenshot({ path: join(screenshots!, `gait-${language}.png`) });
  await page.getByTestId('timing-panel').screenshot({ path: join(screenshots!, `timing-panel-${language}.png`) });
  await page.locator('.timeline-bar').screenshot({ path: join(screenshots!, `timeline-${language}.png`) });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  await page.locator('dialog.shortcut-dialog').screenshot({ path: join(screenshots!, `shortcuts-${language}.png`) });
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
}
