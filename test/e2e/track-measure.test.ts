import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRunnerClip, type RunnerClip, type StickerName } from '../fixtures/runner-clip.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { screenPoint, shownFrame } from '../support/viewer-page.ts';

/** Set to a folder to keep screenshots of a measurement bound to tracks in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
const FRAMES = 60;
/** Left midstances the physio marked (any frames will do: the values there are known from the truth). */
const MIDSTANCES = [10, 30, 47];
let dir: string;
let clip: RunnerClip;
let fixture: BrowserModeFixture;
let browser: Browser;
let projectPath: string;
let clipId: string;
const trackIds: Partial<Record<StickerName, string>> = {};

const handlers = () => fixture.core.handlers;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-e2e-track-measure-'));
  clip = await makeRunnerClip(dir, { frames: FRAMES });
  fixture = await startBrowserMode();
  browser = await launchChromium();
  projectPath = join(dir, 'Bound.midstance');
  await handlers()['project.create']({ path: projectPath }, {});
  const client = await handlers()['clients.create']({ name: 'Ria Runner' }, {});
  const sessionId = (await handlers()['sessions.create']({ clientId: client.record.id, date: '2026-12-03' }, {})).record.id;
  clipId = (await handlers()['clips.add']({ path: clip.path, sessionId, view: 'side-left', name: 'side.mp4' }, {})).record.id;
  // Three tracks with known points (as if tracked perfectly).
  for (const [name, label] of [['leftHip', 'Hip'], ['leftKnee', 'Knee'], ['leftAnkle', 'Ankle']] as const) {
    const points = clip.truth.stickers[name].map((p, frameIndex) => ({ frameIndex, ...p, confidence: 0.95, anchor: false }));
    trackIds[name] = (await handlers()['tracks.create']({ clipId, source: 'point', label, points }, {})).record.id;
  }
  for (const frameIndex of MIDSTANCES) {
    await handlers()['gaitEvents.create']({ clipId, frameIndex, frameTime: frameIndex / 240, kind: 'midstance', side: 'left' }, {});
  }
  await handlers()['project.close']({}, {});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(language: 'English' | 'Nederlands'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  fixture.core.requestOpen(projectPath);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 }).catch(async (error) => {
    if (screenshots) await page.screenshot({ path: join(screenshots, `open-failed-${language}.png`) });
    throw error;
  });
  return page;
}

async function goTo(page: Page, frame: number) {
  await page.getByRole('textbox', { name: /Go to|Naar beeld/ }).fill(String(frame));
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrame(page)).toBe(frame);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const knee = (frame: number) => clip.truth.leftKneeAngle[frame]!;

describe('measurements bound to tracks (browser mode)', () => {
  it('a goniometer snapped to three tracks follows them frame by frame and feeds the checklist with mean ± SD, n', async () => {
    const page = await open('English');
    await goTo(page, 10);
    await page.getByRole('button', { name: 'Goniometer', exact: true }).click();
    // Click a few pixels off each sticker: the click snaps onto the track (the ring shows it before the click).
    for (const name of ['leftHip', 'leftKnee', 'leftAnkle'] as const) {
      const at = await screenPoint(page, clip.truth.stickers[name][10]!);
      await page.mouse.move(at.x + 4, at.y - 3);
      await expect.poll(() => page.getByTestId('track-snap').getAttribute('data-track-id')).toBe(trackIds[name]);
      if (screenshots && name === 'leftAnkle') await page.screenshot({ path: join(screenshots, 'track-measure-snap-en.png') });
      await page.mouse.click(at.x + 4, at.y - 3);
    }
    await expect.poll(async () => (await handlers()['annotations.list']({ clipId }, {})).length).toBe(1);
    const [stored] = await handlers()['annotations.list']({ clipId }, {});
    expect(stored!.trackBindings).toEqual([trackIds.leftHip, trackIds.leftKnee, trackIds.leftAnkle]);
    expect(stored!.geometry.points[1]!.x).toBeCloseTo(clip.truth.stickers.leftKnee[10]!.x, 6);

    await page.getByRole('combobox', { name: /^Label/ }).selectOption('knee-midstance-left');
    await expect.poll(async () => (await handlers()['annotations.list']({ clipId }, {}))[0]?.label).toBe('knee-midstance-left');

    // Its value on the frame on screen, stepping through frames.
    const here = page.getByTestId('bound-value-here');
    await expect.poll(() => here.textContent()).toContain(`${knee(10).toFixed(1)}°`);
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
    await expect.poll(() => shownFrame(page)).toBe(15);
    await expect.poll(() => here.textContent()).toContain(`${knee(15).toFixed(1)}°`);
    expect(knee(15).toFixed(1)).not.toBe(knee(10).toFixed(1));

    // At the three marked left midstances: mean ± SD, n.
    const values = MIDSTANCES.map(knee);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    await expect.poll(() => page.getByTestId('bound-at-events').textContent()).toContain(`${mean.toFixed(1)}°`);
    expect(await page.getByTestId('bound-at-events').textContent()).toContain(`± ${sd.toFixed(1)}°`);
    expect(await page.getByTestId('bound-at-events').textContent()).toContain('(n = 3)');
    if (screenshots) await page.screenshot({ path: join(screenshots, 'track-measure-en.png') });

    await page.getByRole('tab', { name: 'Checklist' }).click();
    await page.getByTestId('checklist-panel').getByRole('tab', { name: 'Midstance' }).click();
    const value = page.locator('[data-item="side-midstance.knee-angle"].cl-item').getByTestId('value-knee-midstance-left');
    await expect.poll(() => value.textContent()).toContain(`${mean.toFixed(1)}°`);
    expect(await value.textContent()).toContain(`${sd.toFixed(1)}`);
    expect(await value.textContent()).toMatch(/\bn\s*=?\s*3$/);
    if (screenshots) await page.locator('.side-panel').screenshot({ path: join(screenshots, 'track-measure-checklist-en.png') });

    // `info --json` shows the same values per event.
    const info = await import('../../main/project/summary.ts');
    await page.close();
    await handlers()['project.close']({}, {});
    const summary = await info.summarizeProject(projectPath);
    const [bound] = summary.clips[0]!.boundMeasurements;
    expect(bound!.atEvents!.frames.map((f) => f.frameIndex)).toEqual(MIDSTANCES);
    expect(bound!.atEvents!.mean).toBeCloseTo(mean, 2);
    expect(bound!.atEvents!.n).toBe(3);
  }, 180_000);

  it('in Dutch: the quick knee goniometer from pose landmarks, and the bound measurement\'s texts', async () => {
    // Pose landmarks for the right leg (proposals, as Detect landmarks stores them).
    await handlers()['project.open']({ path: projectPath }, {});
    for (const [landmark, name] of [['rightHip', 'leftHip'], ['rightKnee', 'leftKnee'], ['rightAnkle', 'leftAnkle']] as const) {
      const points = clip.truth.stickers[name].map((p, frameIndex) => ({ frameIndex, x: p.x + 30, y: p.y, confidence: 0.9, anchor: false }));
      await handlers()['tracks.create']({ clipId, source: 'pose', landmark, label: landmark, points }, {});
    }
    await handlers()['project.close']({}, {});
    const page = await open('Nederlands');
    await goTo(page, 30);
    await page.getByRole('group', { name: 'Meten op gevolgde punten' }).getByRole('button', { name: 'Kniehoek rechts' }).click();
    await expect.poll(async () => (await handlers()['annotations.list']({ clipId }, {})).length).toBe(2);
    const made = (await handlers()['annotations.list']({ clipId }, {})).find((a) => a.label === 'knee-midstance-right')!;
    expect(made.trackBindings).toHaveLength(3);
    expect(made.frameIndex).toBe(30);
    await expect.poll(() => page.getByTestId('bound-measurement').textContent()).toContain('Volgt de punten');
    expect(await page.getByTestId('bound-at-events').textContent()).toContain('Nog geen passende loopmomenten gemarkeerd');
    if (screenshots) await page.screenshot({ path: join(screenshots, 'track-measure-nl.png') });

    // Dragging a bound point with Select corrects its track on this frame (and tracks again from there); the
    // drawing stays on its tracks.
    const kneeTrack = made.trackBindings![1]!;
    const circle = page.locator(`[data-testid="track-point"][data-track-id="${kneeTrack}"]`);
    const box = (await page.getByTestId('viewer-stage').boundingBox())!;
    const from = { x: Number(await circle.getAttribute('cx')) + box.x, y: Number(await circle.getAttribute('cy')) + box.y };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 8, from.y + 4, { steps: 4 });
    await page.mouse.move(from.x + 16, from.y + 8, { steps: 4 });
    await page.mouse.up();
    await expect
      .poll(async () => (await handlers()['tracks.get']({ id: kneeTrack, fromFrame: 30, toFrame: 30 }, {})).points[0]?.anchor, { timeout: 60_000 })
      .toBe(true);
    const t = JSON.parse((await page.getByTestId('viewer-stage').getAttribute('data-transform'))!) as { scale: number; x: number; y: number };
    const corrected = (await handlers()['tracks.get']({ id: kneeTrack, fromFrame: 30, toFrame: 30 }, {})).points[0]!;
    expect(corrected.x).toBeCloseTo((from.x + 16 - box.x - t.x) / t.scale, 0);
    const after = (await handlers()['annotations.list']({ clipId }, {})).find((a) => a.id === made.id)!;
    expect(after.geometry).toEqual(made.geometry);
    expect(after.trackBindings).toEqual(made.trackBindings);

    // Unbound, it stays on its own frame where the (corrected) tracks were.
    await page.getByRole('button', { name: 'Punten niet meer volgen' }).click();
    await expect.poll(async () => (await handlers()['annotations.list']({ clipId }, {})).find((a) => a.id === made.id)!.trackBindings).toBeNull();
    const unbound = (await handlers()['annotations.list']({ clipId }, {})).find((a) => a.id === made.id)!;
    expect(unbound.geometry.points[1]!.x).toBeCloseTo(corrected.x, 6);
    await page.close();
  }, 180_000);
});
