import { describe, expect, it } from 'vitest';
import { readGoTo } from '../../../renderer/src/viewer/frame-navigation.ts';
import { SHORTCUTS, commandForKey, toolKey, toolOfCommand } from '../../../renderer/src/viewer/shortcuts.ts';
import { TOOL_IDS } from '../../../renderer/tools/registry.ts';

// 720 frames at 240 fps: frame 719 is at 2.9958 s.
const frames = { times: Array.from({ length: 720 }, (_, i) => i / 240) };
const rates = { fileFps: 240, captureFps: 240 };

describe('go to frame or time', () => {
  it('says what is wrong with what is typed, as it is typed', () => {
    expect(readGoTo('', frames, rates)).toEqual({ type: 'empty' });
    expect(readGoTo('abc', frames, rates)).toEqual({ type: 'invalid', problem: 'not-understood' });
    expect(readGoTo('-5', frames, rates)).toEqual({ type: 'invalid', problem: 'negative' });
    expect(readGoTo('−5', frames, rates)).toEqual({ type: 'invalid', problem: 'negative' });
    expect(readGoTo('f -1 s', frames, rates)).toEqual({ type: 'invalid', problem: 'negative' });
    expect(readGoTo('12.5', frames, rates)).toEqual({ type: 'invalid', problem: 'not-understood' });
  });

  it('goes to the frame asked for, and says when that is past the end instead of moving silently', () => {
    expect(readGoTo('120', frames, rates)).toEqual({ type: 'target', index: 120, beyondEnd: false, kind: 'frame' });
    expect(readGoTo('719', frames, rates)).toEqual({ type: 'target', index: 719, beyondEnd: false, kind: 'frame' });
    expect(readGoTo('720', frames, rates)).toEqual({ type: 'target', index: 719, beyondEnd: true, kind: 'frame' });
    expect(readGoTo('9999', frames, rates)).toEqual({ type: 'target', index: 719, beyondEnd: true, kind: 'frame' });
  });

  it('treats a time within the last frame as inside the clip and a later one as past the end', () => {
    expect(readGoTo('2,996 s', frames, rates)).toMatchObject({ index: 719, beyondEnd: false, kind: 'time' });
    expect(readGoTo('3 s', frames, rates)).toMatchObject({ index: 719, beyondEnd: false });
    expect(readGoTo('10 s', frames, rates)).toMatchObject({ index: 719, beyondEnd: true, kind: 'time' });
    expect(readGoTo('f 60 s', frames, rates)).toMatchObject({ index: 719, beyondEnd: true });
  });
});

describe('tool keys', () => {
  it('every tool has its own key, and no two shortcuts share a key', () => {
    for (const tool of TOOL_IDS) expect(toolKey(tool), tool).not.toBeNull();
    const combos = SHORTCUTS.map((s) => `${s.mod ? 'mod+' : ''}${s.shift ? 'shift+' : ''}${s.key.toLowerCase()}`);
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('a tool key chooses that tool; the gait-event keys (Q W E S) stay free', () => {
    const press = (key: string) => commandForKey({ key, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false });
    expect(toolOfCommand(press('a')!)).toBe('goniometer');
    expect(toolOfCommand(press('R')!)).toBe('ruler');
    expect(press('k')).toBe('toggle-keep-tool');
    for (const key of ['q', 'w', 'e', 's']) expect(press(key)).toBeNull();
  });
});
