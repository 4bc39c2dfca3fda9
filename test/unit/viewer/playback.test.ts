import { describe, expect, it } from 'vitest';
import { adjacentSpeed, fileRate, frameAtTime, frameForElapsed } from '../../../renderer/src/viewer/playback.ts';
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

  it('finds the frame showing at a time', () => {
    expect(frameAtTime(times, -1)).toBe(0);
    expect(frameAtTime(times, 0.02)).toBe(2);
    expect(frameAtTime(times, 0.034)).toBe(2);
    expect(frameAtTime(times, 0.035)).toBe(3);
    expect(frameAtTime(times, 9)).toBe(5);
    expect(frameAtTime([], 1)).toBe(0);
  });

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
