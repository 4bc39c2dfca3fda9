import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../common/contract/track.ts';
import { makeRunnerClip, type RunnerClip, type StickerName } from '../fixtures/runner-clip.ts';
import { type BrowserModeFixture, startBrowserMode } from '../support/browser-mode.ts';
import { launchChromium } from '../support/chromium.ts';
import { shownFrame } from '../support/viewer-page.ts';

/** Set to a folder to keep screenshots of the proposals in both languages. */
const screenshots = process.env.MIDSTANCE_SCREENSHOTS;
const FRAMES = 500;
let dir: string;
let clip: RunnerClip;
let fixture: BrowserModeFixture;
let browser: Browser;
let page: Page;
let clipId: string;
const trackIds = new Map<StickerName, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-e2e-proposals-'));
  clip = await makeRunnerClip(dir, { frames: FRAMES });
  fixture = await startBrowserMode();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What the core has stored, read through its handlers. */
const call = {
  events: () => fixture.core.handlers['gaitEvents.list']({ clipId }, {}),
  proposals: (includeRejected = false) => fixture.core.handlers['gaitProposals.list']({ clipId, includeRejected }, {}),
  tracks: () => fixture.core.handlers['tracks.list']({ clipId }, {}),
  points: async (id: string) => (await fixture.core.handlers['tracks.get']({ id }, {})).points,
};

async function open(target: Page, language: 'English' | 'Nederlands') {
  fixture.core.requestOpen(clip.path);
  await target.goto(fixture.server.url);
  await target.getByRole('button', { name: language }).click();
  await target.getByTestId('frame-number').waitFor({ timeout: 30_000 });
}

/** Waits for the app (which writes, reloads and redraws after each step), generously: the machine is shared. */
const poll = <T>(read: () => T | Promise<T>, timeout = 15_000) => expect.poll(read, { timeout });

/** Keys go to the viewer, not to the button clicked last. */
const focusStage = (target: Page) => target.getByTestId('viewer-stage').click({ position: { x: 5, y: 5 } });

const stickerPoints = (sticker: StickerName): TrackPoint[] =>
  clip.truth.stickers[sticker].map((p, frameIndex) => ({ frameIndex, ...p, confidence: 0.95, anchor: false }));

describe('proposed gait events and undo of track edits (browser mode)', () => {
  it('shows proposals from foot stickers as ghosts; accept one (Enter), reject one, accept all, undo accept-all in one step', async () => {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(page, 'English');
    clipId = (await fixture.core.handlers['clips.list']({}, {}))[0]!.id;
    // Stickers on the feet and the hip, as tracking them would store them; the right toe is not named yet.
    for (const sticker of ['leftToe', 'leftHeel', 'rightHeel', 'leftHip', 'rightToe'] as const) {
      const { record } = await fixture.core.handlers['tracks.create'](
        { clipId, source: 'blob', landmark: sticker === 'rightToe' ? null : sticker, points: stickerPoints(sticker) },
        {},
      );
      trackIds.set(sticker, record.id);
    }
    fixture.core.events.emit('tracks.changed', { clipId, trackIds: [...trackIds.values()] });
    const rows = page.getByTestId('track-row');
    await poll(() => rows.count()).toBe(5);
    // The unnamed sticker is called "Point 1"; naming its body point makes it a foot track.
    await page.getByRole('combobox', { name: 'Body point of Point 1' }).selectOption('rightToe');
    await poll(async () => (await call.tracks()).find((t) => t.id === trackIds.get('rightToe'))?.landmark).toBe('rightToe');
    await poll(() => rows.last().textContent()).toContain('Right toe');

    const expected = await call.proposals();
    expect(expected.filter((p) => p.side === 'right').length).toBeGreaterThan(3);
    const ghosts = page.locator('.gait-ghost');
    await poll(() => ghosts.count()).toBe(expected.length);
    const bar = page.getByTestId('proposal-bar');
    await poll(() => bar.getByRole('status').textContent()).toBe(`${expected.length} proposed events`);
    expect(await page.locator('.gait-tick:not(.gait-ghost)').count()).toBe(0);
    expect(Number(await ghosts.first().getAttribute('data-confidence'))).toBeGreaterThan(0);

    // To the first proposal, accept it with Enter.
    await bar.getByRole('button', { name: 'Next proposal' }).click();
    const first = expected[0]!;
    await poll(() => shownFrame(page)).toBe(first.frameIndex);
    await focusStage(page);
    await page.keyboard.press('Enter');
    await poll(async () => (await call.events()).map((e) => [e.frameIndex, e.side, e.kind])).toEqual([[first.frameIndex, first.side, first.kind]]);
    await poll(() => ghosts.count()).toBe(expected.length - 1);
    await poll(() => page.locator('.gait-tick:not(.gait-ghost)').count()).toBe(1);

    // The next one is rejected: gone, and stored as rejected.
    await bar.getByRole('button', { name: 'Next proposal' }).click();
    const second = expected[1]!;
    await poll(() => shownFrame(page)).toBe(second.frameIndex);
    if (screenshots) await page.screenshot({ path: join(screenshots, 'proposals-en.png') });
    await bar.getByRole('button', { name: 'Reject', exact: true }).click();
    await poll(() => ghosts.count()).toBe(expected.length - 2);
    expect((await call.proposals(true)).filter((p) => p.rejected).map((p) => p.frameIndex)).toEqual([second.frameIndex]);
    await poll(() => bar.getByRole('status').textContent()).toBe(`${expected.length - 2} proposed events`);

    // Accept all: normal gait events, the timing follows at once; the rejected one is not among them.
    await bar.getByRole('button', { name: 'Accept all' }).click();
    await poll(async () => (await call.events()).length).toBe(expected.length - 1);
    expect((await call.events()).some((e) => e.frameIndex === second.frameIndex && e.kind === second.kind && e.side === second.side)).toBe(false);
    await poll(() => ghosts.count()).toBe(0);
    await page.getByRole('tab', { name: 'Timing' }).click();
    await poll(async () => Number(await page.getByTestId('timing-contactTimeMs-left').getAttribute('data-n'))).toBeGreaterThan(0);

    // One undo takes the whole accept-all back; the next one the rejection; redo rejects again.
    await focusStage(page);
    await page.keyboard.press('Control+z');
    await poll(async () => (await call.events()).length).toBe(1);
    await poll(() => ghosts.count()).toBe(expected.length - 2);
    await page.keyboard.press('Control+z');
    await poll(() => ghosts.count()).toBe(expected.length - 1);
    expect((await call.proposals(true)).some((p) => p.rejected)).toBe(false);
    await page.keyboard.press('Control+Shift+z');
    await poll(() => ghosts.count()).toBe(expected.length - 2);
    expect((await call.events()).length).toBe(1);
  }, 180_000);

  it('undoes a track delete (the track comes back with its points) and a drag correction (the points as they were)', async () => {
    const hipId = trackIds.get('leftHip')!;
    const before = await call.points(hipId);
    await page.getByRole('button', { name: 'Delete Left hip' }).click();
    await poll(async () => (await call.tracks()).length).toBe(4);
    await focusStage(page);
    await page.keyboard.press('Control+z');
    await poll(async () => (await call.tracks()).length).toBe(5);
    expect(await call.points(hipId)).toEqual(before);

    // Drag the hip point on the frame shown: an anchor, then tracking runs again from there.
    const frame = await shownFrame(page);
    const circle = page.locator(`circle[data-testid="track-point"][data-track-id="${hipId}"]`);
    await poll(() => circle.count()).toBe(1);
    const box = (await page.getByTestId('viewer-stage').boundingBox())!;
    const from = { x: Number(await circle.getAttribute('cx')) + box.x, y: Number(await circle.getAttribute('cy')) + box.y };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 6, from.y + 3, { steps: 4 });
    await page.mouse.move(from.x + 12, from.y + 6, { steps: 4 });
    await page.mouse.up();
    const status = page.getByRole('group', { name: 'Track point' }).getByRole('status');
    await poll(() => status.textContent(), 60_000).toBe(`Tracked on ${FRAMES} frames.`);
    const corrected = await call.points(hipId);
    expect(corrected.find((p) => p.frameIndex === frame)).toMatchObject({ anchor: true, confidence: 1 });
    expect(corrected).not.toEqual(before);
    await focusStage(page);
    await page.keyboard.press('Control+z');
    await poll(() => call.points(hipId)).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    // Redo places the anchor, then writes what the run wrote, range by range.
    await poll(() => call.points(hipId)).toEqual(corrected);
    await page.keyboard.press('Control+z');
    await poll(() => call.points(hipId)).toEqual(before);

    // Accepting a proposed (pose) track is undone like any edit.
    const { record: knee } = await fixture.core.handlers['tracks.create'](
      { clipId, source: 'pose', landmark: 'leftKnee', label: 'Linkerknie', points: stickerPoints('leftKnee').slice(0, 50) },
      {},
    );
    fixture.core.events.emit('tracks.changed', { clipId, trackIds: [knee.id] });
    const kneeRow = page.getByTestId('track-row').filter({ hasText: 'Left knee' });
    await kneeRow.getByRole('button', { name: 'Accept', exact: true }).click();
    await poll(async () => (await call.tracks()).find((t) => t.id === knee.id)?.status).toBe('accepted');
    await focusStage(page);
    await page.keyboard.press('Control+z');
    await poll(async () => (await call.tracks()).find((t) => t.id === knee.id)?.status).toBe('proposed');
    await page.close();

    // In Dutch: the same proposals, the sticker names in Dutch, and the rejected one on request.
    const dutch = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await open(dutch, 'Nederlands');
    const open2 = (await call.proposals()).length;
    const bar = dutch.getByTestId('proposal-bar');
    await poll(() => bar.getByRole('status').textContent()).toBe(`${open2} voorgestelde momenten`);
    await poll(async () => (await dutch.getByTestId('track-row').allTextContents()).some((text) => text.startsWith('Rechterteen'))).toBe(true);
    await bar.getByRole('checkbox', { name: 'Afgewezen tonen (1)' }).check();
    await poll(() => dutch.locator('.gait-ghost.rejected').count()).toBe(1);
    await focusStage(dutch);
    await dutch.keyboard.press('Home');
    await bar.getByRole('button', { name: 'Volgend voorstel' }).click();
    await poll(() => bar.getByTestId('proposal-here').count()).toBe(1);
    if (screenshots) await dutch.screenshot({ path: join(screenshots, 'proposals-nl.png') });
    await dutch.close();
  }, 180_000);
});
