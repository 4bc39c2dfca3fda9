import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { angleAtVertex } from '../../common/geometry/angle.ts';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { clickImagePoint, paintedFrameIndex, shownFrame, stageTransform } from '../support/viewer-page.ts';

const fixtures = createFixtureStore();
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 1280, height: 720, fps: 120, frames: 96, codec: 'h264', gop: 48 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

async function expectPainted(page: Page, frame: number) {
  await expect.poll(() => shownFrame(page), { timeout: 15_000 }).toBe(frame);
  await expect.poll(() => paintedFrameIndex(page, clip.spec), { timeout: 15_000 }).toBe(frame);
}

async function goTo(page: Page, frame: number) {
  await page.getByRole('textbox', { name: /Go to frame/ }).fill(String(frame));
  await page.keyboard.press('Enter');
  await expect.poll(() => shownFrame(page)).toBe(frame);
}

async function openClip(page: Page) {
  fixture.core.requestOpen(clip.path);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });
}

async function storedAnnotations() {
  const project = await fixture.core.handlers['project.current']({}, {});
  expect(project).not.toBeNull();
  const clips = await fixture.core.handlers['clips.list']({}, {});
  return fixture.core.handlers['annotations.list']({ clipId: clips[0]!.id }, {});
}

describe('viewer and goniometer', () => {
  it('says clearly when a video cannot be read, and keeps working', async () => {
    const broken = join(fixtures.dir, 'not a video é.mp4');
    writeFileSync(broken, 'this is a text file, not a video');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    fixture.core.requestOpen(broken);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'not a video é.mp4' });
    await expect.poll(() => alert.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await alert.textContent()).not.toMatch(/Error:|at \w+ \(/);
    // Refused before it became a clip: the app is still on the start screen and usable.
    await expect.poll(() => page.getByRole('button', { name: /Open video/ }).isVisible()).toBe(true);
    await page.close();
  });

  it('steps to exact frames by keyboard', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openClip(page);
    await goTo(page, 10);
    await expectPainted(page, 10);
    await page.keyboard.press('ArrowRight');
    await expectPainted(page, 11);
    await page.keyboard.press('Shift+ArrowRight');
    await expectPainted(page, 21);
    await page.keyboard.press('ArrowLeft');
    await expectPainted(page, 20);
    // Across the keyframe at 48, backwards.
    await goTo(page, 49);
    await page.keyboard.press('ArrowLeft');
    await expectPainted(page, 48);
    await page.keyboard.press('ArrowLeft');
    await expectPainted(page, 47);
    await page.keyboard.press('End');
    await expectPainted(page, clip.frameCount - 1);
    await page.keyboard.press('Home');
    await expectPainted(page, 0);
    // The readout and the pixels agree at every step of a fast burst of key presses.
    for (let i = 0; i < 15; i += 1) await page.keyboard.press('ArrowRight');
    await expectPainted(page, 15);
    // Real time at 120 fps: frame 15 is 125 ms after frame 0.
    expect(await page.getByTestId('capture-time').textContent()).toBe('125.0 ms');
    await page.close();
  });

  it('measures a goniometer exactly, also zoomed in 4× and panned; undo, redo and reload keep it on its frame', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openClip(page);
    const frame = 40;
    await goTo(page, frame);

    // Arm end, vertex, arm end in source pixels: 90° + atan(1/2) between the arms.
    const a = { x: 400, y: 200 };
    const vertex = { x: 600, y: 400 };
    const b = { x: 1000, y: 600 };
    await page.getByRole('button', { name: 'Goniometer', exact: true }).click();
    for (const point of [a, vertex, b]) await clickImagePoint(page, point);

    await expect.poll(async () => (await storedAnnotations()).length).toBe(1);
    const [stored] = await storedAnnotations();
    expect(stored!.frameIndex).toBe(frame);
    expect(stored!.geometry.kind).toBe('goniometer');
    const [sa, sv, sb] = stored!.geometry.points as [typeof a, typeof a, typeof a];
    const expected = angleAtVertex(sa, sv, sb);
    // Clicks land on whole screen pixels: within a pixel of the intended image points.
    expect(Math.abs(expected - angleAtVertex(a, vertex, b))).toBeLessThan(0.5);
    const shown = async () => Number.parseFloat((await page.getByTestId('value-interior').textContent()) ?? 'NaN');
    // Selected (and its value shown) once the app has its stored record back.
    await expect.poll(async () => Math.abs((await shown()) - expected)).toBeLessThanOrEqual(0.05 + 1e-9);

    // Zoom in 4× towards the vertex and pan: the value must not change.
    const box = (await page.getByTestId('viewer-stage').boundingBox())!;
    const before = await stageTransform(page);
    await page.mouse.move(box.x + vertex.x * before.scale + before.x, box.y + vertex.y * before.scale + before.y);
    for (let i = 0; i < 40 && (await stageTransform(page)).scale < before.scale * 4; i += 1) {
      await page.mouse.wheel(0, -120);
    }
    const zoomed = await stageTransform(page);
    expect(zoomed.scale / before.scale).toBeGreaterThanOrEqual(4);
    await page.mouse.move(box.x + 200, box.y + 200);
    await page.mouse.down({ button: 'middle' });
    await page.mouse.move(box.x + 260, box.y + 230, { steps: 5 });
    await page.mouse.up({ button: 'middle' });
    const panned = await stageTransform(page);
    expect(panned.x).not.toBeCloseTo(zoomed.x, 0);
    expect(Math.abs((await shown()) - expected)).toBeLessThanOrEqual(0.05 + 1e-9);

    // A second goniometer placed while zoomed in is exact too: screen px are now 1/4 image px.
    await page.getByRole('button', { name: 'Goniometer', exact: true }).click();
    const c = { x: 560, y: 380 };
    const d = { x: 600, y: 420 };
    const e = { x: 640, y: 370 };
    for (const point of [c, d, e]) await clickImagePoint(page, point);
    await expect.poll(async () => (await storedAnnotations()).length).toBe(2);
    const zoomedOne = (await storedAnnotations()).find((x) => x.id !== stored!.id)!;
    const [zc, zd, ze] = zoomedOne.geometry.points as [typeof a, typeof a, typeof a];
    expect(Math.abs(angleAtVertex(zc, zd, ze) - angleAtVertex(c, d, e))).toBeLessThan(0.5);
    // The new one is selected once the app has its stored record back.
    await expect.poll(async () => Math.abs((await shown()) - angleAtVertex(zc, zd, ze))).toBeLessThanOrEqual(0.05 + 1e-9);

    // Undo removes the last one; redo restores it; undo again leaves the first.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await storedAnnotations()).length).toBe(1);
    expect((await storedAnnotations())[0]!.id).toBe(stored!.id);

    // After a reload the measurement is still there on its frame, and not two frames away.
    const project = await fixture.core.handlers['project.current']({}, {});
    await page.goto(fixture.server.url);
    await page.close();
    const again = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    fixture.core.requestOpen(project!.path);
    await again.goto(fixture.server.url);
    await again.getByRole('button', { name: 'English' }).click();
    await again.getByTestId('frame-number').waitFor({ timeout: 30_000 });
    await goTo(again, frame);
    const rows = again.getByRole('list', { name: 'Measurements' }).getByRole('button');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-on-frame')).toBe('true');
    await goTo(again, frame + 2);
    await expect.poll(() => rows.first().getAttribute('data-on-frame')).toBe('false');
    await goTo(again, frame - 2);
    await expect.poll(() => rows.first().getAttribute('data-on-frame')).toBe('false');
    // Clicking the entry jumps back to its frame and shows the same value.
    await rows.first().click();
    await expect.poll(() => shownFrame(again)).toBe(frame);
    await expect.poll(async () => Math.abs(Number.parseFloat((await again.getByTestId('value-interior').textContent()) ?? 'NaN') - expected)).toBeLessThanOrEqual(0.05 + 1e-9);
    await again.close();
  });
});
