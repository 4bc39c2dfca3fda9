import { describe, expect, it } from 'vitest';
import { ForegroundQueue, MAX_QUEUED_WORK_FRAMES, type QueuedRequest, rideOnJob, SPAWN_COST_FRAMES } from '../../../main/media/foreground-queue.ts';

/** Keyframe groups of 240 frames (1080p240 phone footage, GOP 240). */
const keyframeOf = (index: number) => index - (index % 240);

function request(index: number, variant: 'preview' | 'full' = 'preview'): QueuedRequest {
  return { index, variant, resolve: () => undefined, reject: () => undefined, onAbort: () => undefined };
}

describe('rideOnJob', () => {
  it('a foreground job carries a frame it reaches before a decoder of its own could', () => {
    expect(rideOnJob(100, false, 200, SPAWN_COST_FRAMES)).toBe(true);
    expect(rideOnJob(300, false, 200, SPAWN_COST_FRAMES)).toBe(false);
  });

  it('a warm-up job only carries a frame it is close to (one thread, low priority, every frame converted)', () => {
    // Measured case: warm-up at frame 1 of its chunk, frame 230 asked for right after open.
    expect(rideOnJob(229, true, 230, SPAWN_COST_FRAMES)).toBe(false);
    expect(rideOnJob(20, true, 230, SPAWN_COST_FRAMES)).toBe(true);
  });
});

describe('ForegroundQueue', () => {
  it('serves newest first and batches the queued frames just below in the same keyframe group', () => {
    const queue = new ForegroundQueue(keyframeOf);
    for (const index of [229, 200, 228, 300, 227]) queue.add(request(index));
    expect(queue.newestFirst().map((entry) => entry.index)).toEqual([227, 300, 228, 200, 229]);
    // 300 is in the next group; 200 is further below 229 than a preview batch reaches (48), 228/227 are not.
    const newest229 = queue.newestFirst().find((entry) => entry.index === 229)!;
    expect(queue.batchStart(newest229)).toBe(200);
    const at300 = queue.newestFirst().find((entry) => entry.index === 300)!;
    expect(queue.batchStart(at300)).toBe(300);
    expect(queue.batchStart(queue.newestFirst().find((entry) => entry.index === 227)!)).toBe(200);
  });

  it('counts work per decoder: frames from the keyframe to the group’s last request, plus a process start', () => {
    const queue = new ForegroundQueue(keyframeOf);
    queue.add(request(100));
    queue.add(request(120));
    queue.add(request(500));
    expect(queue.workFrames()).toBe(SPAWN_COST_FRAMES + 121 + SPAWN_COST_FRAMES + (500 - 480 + 1));
  });

  it('refuses the oldest requests once the queued work exceeds its bound, never the newest', () => {
    const queue = new ForegroundQueue(keyframeOf);
    const refused: number[] = [];
    // Each request far into its own group: about 290 frames of work apiece.
    for (let i = 0; i < 20; i += 1) refused.push(...queue.add(request(i * 240 + 230)).map((entry) => entry.index));
    expect(queue.workFrames()).toBeLessThanOrEqual(MAX_QUEUED_WORK_FRAMES);
    expect(refused.length).toBe(20 - queue.size);
    expect(refused).toEqual(Array.from({ length: refused.length }, (_, i) => i * 240 + 230));
    expect(queue.newestFirst()[0]!.index).toBe(19 * 240 + 230);
    // A single request bigger than the bound is still queued: the newest is never refused.
    const lone = new ForegroundQueue(() => 0);
    expect(lone.add(request(5000))).toEqual([]);
    expect(lone.size).toBe(1);
  });
});
