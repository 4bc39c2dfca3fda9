import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clip, createFixtureStore } from '../fixtures/clips.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { paintedFrameIndex, shownFrame } from '../support/viewer-page.ts';

/**
 * Coming back to where the user was: after a reload, after reopening the project from Recent, and after the app
 * was stopped with the project open and started again — the same project, clip and frame.
 */
const fixtures = createFixtureStore();
let fixture: BrowserModeFixture | null = null;
let browser: Browser;
let dataDir: string;
let work: string;
let side: Clip;
let rear: Clip;
let projectPath: string;
let rearClipId: string;
const FRAME = 37;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'midstance-e2e-resume-data-'));
  work = mkdtempSync(join(tmpdir(), 'midstance-e2e-resume-'));
  const clip = await fixtures.clip('h264_bframes');
  // Two clips of the same recording under different names: the frame code tells which frame is painted.
  side = { ...clip, path: join(work, 'side.mp4') };
  rear = { ...clip, path: join(work, 'rear.mp4') };
  copyFileSync(clip.path, side.path);
  copyFileSync(clip.path, rear.path);
  fixture = await startBrowserMode({ dataDir });
  browser = await launchChromium();

  const call = fixture.core.handlers;
  projectPath = join(work, 'Praktijk.midstance');
  await call['project.create']({ path: projectPath }, {});
  const { record: client } = await call['clients.create']({ name: 'Anna de Vries' }, {});
  const { record: session } = await call['sessions.create']({ clientId: client.id, date: '2026-12-02' }, {});
  await call['clips.add']({ path: side.path, sessionId: session.id, name: 'Side' }, {});
  rearClipId = (await call['clips.add']({ path: rear.path, sessionId: session.id, name: 'Rear' }, {})).record.id;
  await call['settings.update']({ language: 'en' }, {});
  await call['project.close']({}, {});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  fixtures.dispose();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

async function openPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(fixture!.server.url);
  return page;
}

async function expectOnRearAt(page: Page, frame: number) {
  await expect.poll(() => page.getByRole('button', { name: /Rear/, pressed: true }).count(), { timeout: 15_000 }).toBe(1);
  await expect.poll(() => shownFrame(page), { timeout: 15_000 }).toBe(frame);
  await expect.poll(() => paintedFrameIndex(page, rear.spec), { timeout: 15_000 }).toBe(frame);
}

async function showClips(page: Page) {
  const tab = page.getByRole('tab', { name: 'Clips' });
  await expect.poll(() => tab.isVisible(), { timeout: 15_000 }).toBe(true);
  await tab.click();
}

describe('returning to where the user was', () => {
  it('comes back to the same project, clip and frame after a reload and when reopened from Recent', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: /Praktijk/ }).first().click();
    await showClips(page);
    // Opened from Recent the first time: the first clip, frame 0.
    await expect.poll(() => page.getByRole('button', { name: /Side/, pressed: true }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: /Rear/ }).click();
    await expect.poll(() => shownFrame(page), { timeout: 15_000 }).toBe(0);
    await page.getByRole('textbox', { name: /Go to frame/ }).fill(String(FRAME));
    await page.keyboard.press('Enter');
    await expectOnRearAt(page, FRAME);
    // Kept by the core (not the page), so it outlives the page and the browser profile's origin.
    await expect
      .poll(async () => {
        const place = await fixture!.core.handlers['place.get']({}, {});
        return [place.selection.clipId, place.clips[rearClipId]?.frame];
      })
      .toEqual([rearClipId, FRAME]);

    await page.reload();
    await showClips(page);
    await expectOnRearAt(page, FRAME);

    // Back to the start screen (closes the project), then reopen it from Recent.
    await page.getByRole('button', { name: 'Back to start' }).click();
    await page.getByRole('button', { name: /Praktijk/ }).first().click();
    await showClips(page);
    await expectOnRearAt(page, FRAME);
    await page.close();
  });

  it('reopens the project that was open when the app stopped, on its clip and frame; not one the user closed', async () => {
    // The previous test left the project open: stop the app as Ctrl+C does, start it again on the same data folder.
    await fixture!.stop();
    fixture = await startBrowserMode({ dataDir });
    expect(fixture.core.resumeLastProject()).toBe(true);
    const page = await openPage();
    await showClips(page);
    await expectOnRearAt(page, FRAME);

    // Closed by the user: the next start begins on the start screen.
    await page.getByRole('button', { name: 'Back to start' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Praktijk/ }).first().isVisible()).toBe(true);
    await page.close();
    await fixture.stop();
    fixture = await startBrowserMode({ dataDir });
    expect(fixture.core.resumeLastProject()).toBe(false);
  });
});
