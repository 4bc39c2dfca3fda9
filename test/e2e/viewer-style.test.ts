import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';

const fixtures = createFixtureStore();
let clip: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;

beforeAll(async () => {
  clip = await fixtures.clip({ width: 640, height: 360, fps: 60, frames: 30, codec: 'h264', gop: 30 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

describe('line width slider', () => {
  it('shows the width live while dragged and stores it once, as one undo step', async () => {
    const handlers = fixture.core.handlers;
    const storeUpdate = handlers['annotations.update'];
    let updates = 0;
    handlers['annotations.update'] = (input, context) => {
      updates += 1;
      return storeUpdate(input, context);
    };
    const stored = async () => {
      const clips = await handlers['clips.list']({}, {});
      return handlers['annotations.list']({ clipId: clips[0]!.id }, {});
    };

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    fixture.core.requestOpen(clip.path);
    await page.goto(fixture.server.url);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('frame-number').waitFor({ timeout: 30_000 });

    // Draw a line; it comes out selected, with its details (and the slider) in the side panel.
    const stage = page.getByTestId('viewer-stage');
    const box = (await stage.boundingBox())!;
    await page.getByRole('button', { name: 'Line', exact: true }).click();
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await expect.poll(async () => (await stored()).length).toBe(1);
    // The slider of the selected line's details (before the selection lands, the panel shows the
    // new-drawing style slider, which is then replaced).
    const details = page.getByLabel('Selected drawing');
    await expect.poll(() => details.isVisible()).toBe(true);
    const slider = details.getByRole('slider', { name: 'Line width' });
    await expect.poll(() => slider.inputValue()).toBe('2');

    // Drag the thumb from 2 to the end (6) in small moves, releasing beyond the slider.
    const track = (await slider.boundingBox())!;
    const at = (value: number) => track.x + ((value - 1) / 5) * track.width;
    await page.mouse.move(at(2), track.y + track.height / 2);
    await page.mouse.down();
    for (let x = at(2); x <= at(6) + 40; x += 6) await page.mouse.move(x, track.y + track.height / 2 + 10);
    // Live: the value follows the pointer before anything is stored.
    await expect.poll(() => slider.inputValue()).toBe('6');
    expect(updates).toBe(0);
    await page.mouse.up();

    await expect.poll(async () => (await stored())[0]!.style.strokeWidth).toBe(6);
    expect(updates).toBe(1);

    // One undo puts the width back; the next one removes the line itself. (Keys in a focused form field stay
    // with the field, so focus leaves the slider first.)
    await slider.blur();
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stored())[0]?.style.strokeWidth).toBe(2);
    await expect.poll(() => slider.inputValue()).toBe('2');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await stored()).length).toBe(0);
    await page.close();
  });
});
