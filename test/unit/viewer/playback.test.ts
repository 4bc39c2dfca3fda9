import { describe, expect, it } from 'vitest';
import { adjacentSpeed, fileRate, frameForElapsed } from '../../../renderer/src/viewer/playback.ts';
import { commandForKey } from '../../../renderer/src/viewer/shortcuts.ts';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('playback', () => {
  const times = [0, 0.01, 0.02, 0.035, 0.04, 0.05]; // irregular spacing, like VFR phone footage

  it('converts speeds to file seconds per second for slow-motion files', () => {
    // 240 fps captured, stored at 30 fps: one real second spans 8 file seconds.
    expect(fileRate(1, 8)).toBe(8);
    expect(fileRate(0.125, 8)).toBe(1);
    expect(fileRate('file', 8)).toBe(1);
  });

  it('stops at the end of the range or loops', () => {
    const plan = { startFileTime: 0.02, fileSecondsPerSecond: 1, range: { first: 1, last: 4 }, loop: false };
    expect(frameForElapsed(times, plan, 0)).toBe(2);
    expect(frameForElapsed(times, plan, 0.016)).toBe(3);
    expect(frameForElapsed(times, plan, 0.5)).toBeNull();
    expect(frameForElapsed(times, { ...plan, loop: true }, 0.035)).toBe(2); // 0.055 wraps to 0.025
  });

  it('steps speeds within bounds', () => {
    expect(adjacentSpeed('file', 'faster')).toBe('file');
    expect(adjacentSpeed('file', 'slower')).toBe(1);
    expect(adjacentSpeed(0.0625, 'slower')).toBe(0.0625);
  });
});

describe('shortcuts', () => {
  it('maps keys to commands, distinguishing Shift and Ctrl/Cmd', () => {
    expect(commandForKey(key('ArrowRight'))).toBe('step-forward');
    expect(commandForKey(key('ArrowRight', { shiftKey: true }))).toBe('big-step-forward');
    expect(commandForKey(key('z', { ctrlKey: true }))).toBe('undo');
    expect(commandForKey(key('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
    expect(commandForKey(key('?', { shiftKey: true }))).toBe('show-shortcuts');
    expect(commandForKey(key('I', { shiftKey: false }))).toBe('mark-in');
    expect(commandForKey(key('ArrowRight', { altKey: true }))).toBeNull();
    expect(commandForKey(key('q'))).toBeNull();
  });
});

describe('go to and neighbourhood', async () => {
  const { parseGoTo, neighbourhood } = await import('../../../renderer/src/viewer/frame-navigation.ts');
  // 8 frames of a 240 fps capture stored at 30 fps: file times step 1/30 s, real time 1/240 s.
  const frames = { times: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => 10 + i / 30) };
  const rates = { fileFps: 30, captureFps: 240 };

  it('reads frame numbers, real times and file times', () => {
    expect(parseGoTo('5', frames, rates)).toBe(5);
    expect(parseGoTo('#99', frames, rates)).toBe(7);
    expect(parseGoTo('12.5 ms', frames, rates)).toBe(3); // 3 frames at 240 fps = 12.5 ms
    expect(parseGoTo('0,0125 s', frames, rates)).toBe(3);
    expect(parseGoTo('f 0.1s', frames, rates)).toBe(3);
    expect(parseGoTo('soon', frames, rates)).toBeNull();
  });

  it('orders neighbours nearest first, ahead first', () => {
    expect(neighbourhood(5, 4, 10, 1, 10)).toEqual([6, 4, 7, 3]);
    expect(neighbourhood(0, 3, 10, -1, 10)).toEqual([1, 2, 3]);
  });
});

describe('playback frame delivery', () => {
  it('fetches one frame per display frame: a 240 fps file moves 4 frames per 60 Hz frame at file speed and at 1× real speed', async () => {
    const { playbackStride } = await import('../../../renderer/src/viewer/playback.ts');
    expect(playbackStride(240, fileRate('file', 1))).toBe(4);
    expect(playbackStride(240, fileRate(1, 1))).toBe(4);
    // A 30 fps file of 240 fps footage at 1× real speed runs at 240 file frames per second as well.
    expect(playbackStride(30, fileRate(1, 8))).toBe(4);
    expect(playbackStride(240, fileRate(0.125, 1))).toBe(1);
  });

  it('looks ahead along the playback path only, wrapping inside a looped range', async () => {
    const { playbackLookahead } = await import('../../../renderer/src/viewer/playback.ts');
    expect(playbackLookahead(10, 4, { first: 0, last: 100 }, false, 3)).toEqual([14, 18, 22]);
    expect(playbackLookahead(95, 4, { first: 0, last: 100 }, false, 3)).toEqual([99]);
    expect(playbackLookahead(95, 4, { first: 90, last: 100 }, true, 3)).toEqual([99, 92, 96]);
  });

  it('paints the latest ready frame after the one on screen, also when it arrived late, never an older one', async () => {
    const { latestReadyFrame } = await import('../../../renderer/src/viewer/playback.ts');
    const ready = new Set([8, 12]);
    const isReady = (i: number) => ready.has(i);
    expect(latestReadyFrame(14, 4, 0, isReady)).toBe(12);
    expect(latestReadyFrame(40, 4, 0, isReady)).toBe(12); // late, but newer than what is shown
    expect(latestReadyFrame(40, 12, 0, isReady)).toBeNull(); // nothing newer: the frame on screen stays
    expect(latestReadyFrame(10, null, 0, isReady)).toBe(8);
    expect(latestReadyFrame(9, 90, 5, isReady)).toBe(8); // looped: the range start counts again
  });
});
