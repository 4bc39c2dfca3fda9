import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BodySide, GaitEventKind } from '../../common/contract/project.ts';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { paintedFrameIndex, shownFrame } from '../support/viewer-page.ts';

const fixtures = createFixtureStore();
/** Set to a folder to keep screenshots of compare in both layouts and languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
const SIZE = { width: 640, height: 360 };
let side: Clip;
let rear: Clip;
let fixture: BrowserModeFixture;
let browser: Browser;
let projectPath: string;
let sideId: string;
let rearId: string;

const handlers = () => fixture.core.handlers;

beforeAll(async () => {
  // The side view at 240 fps, the rear view at 120 fps: the same real time is a different frame in each.
  side = await fixtures.clip({ ...SIZE, fps: 240, frames: 120, codec: 'h264', gop: 60 });
  rear = await fixtures.clip({ ...SIZE, fps: 120, frames: 80, codec: 'h264', gop: 40 });
  fixture = await startBrowserMode();
  browser = await launchChromium();
  projectPath = join(fixture.dataDir, 'Compare.midstance');
  await handlers()['project.create']({ path: projectPath }, {});
  const client = await handlers()['clients.create']({ name: 'Ria Runner' }, {});
  const sessionId = (await handlers()['sessions.create']({ clientId: client.record.id, date: '2026-12-03' }, {})).record.id;
  rearId = (await handlers()['clips.add']({ path: rear.path, sessionId, view: 'rear', name: 'rear.mp4' }, {})).record.id;
  sideId = (await handlers()['clips.add']({ path: side.path, sessionId, view: 'side-left', name: 'side.mp4' }, {})).record.id;
  const marks: [string, number, number, GaitEventKind, BodySide][] = [
    [sideId, 240, 30, 'initial-contact', 'left'],
    [sideId, 240, 90, 'initial-contact', 'left'],
    [rearId, 120, 20, 'initial-contact', 'left'],
  ];
  for (const [clipId, fps, frameIndex, kind, sideOfBody] of marks) {
    await handlers()['gaitEvents.create']({ clipId, frameIndex, frameTime: frameIndex / fps, kind, side: sideOfBody }, {});
  }
  await handlers()['project.close']({}, {});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
});

const pages: Page[] = [];
afterEach(async () => {
  for (const page of pages.splice(0)) await page.close().catch(() => {});
});

async function openProject(language: 'English' | 'Nederlands' = 'English'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  pages.push(page);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  fixture.core.requestOpen(projectPath);
  await page.goto(fixture.server.url);
  await page.getByRole('button', { name: language }).click();
  await page.getByTestId('frame-number').first().waitFor({ timeout: 30_000 });
  return page;
}

describe('side panel', () => {
  it('keeps a half-typed new client while the viewer opens another clip', async () => {
    const page = await openProject();
    await page.getByRole('tab', { name: 'Client & session' }).click();
    await page.getByRole('button', { name: 'New client' }).click();
    const form = page.getByRole('form', { name: 'New client' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Bram Bakker');
    // Another clip is opened from outside the panel (a file handed to the app): the viewer goes through
    // locating and opening to ready while the panel stays where it is.
    const shown = await page.getByTestId('frame-number').textContent();
    const other = shown?.includes('of 0–79') ? side : rear;
    fixture.core.requestOpen(other.path);
    await expect.poll(() => page.getByTestId('frame-number').textContent(), { timeout: 30_000 }).toContain(other === side ? 'of 0–119' : 'of 0–79');
    expect(await form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('Bram Bakker');
    expect(await page.getByRole('tab', { name: 'Client & session' }).getAttribute('aria-selected')).toBe('true');
  });
});
