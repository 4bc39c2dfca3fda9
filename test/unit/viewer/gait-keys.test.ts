import { describe, expect, it } from 'vitest';
import type { GaitEvent } from '../../../common/contract/project.ts';
import { adjacentEvent, defaultSideForView, gaitCommandForKey, GAIT_SHORTCUTS } from '../../../renderer/src/viewer/gait/gait-keys.ts';
import { commandForKey, SHORTCUTS } from '../../../renderer/src/viewer/shortcuts.ts';

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

const event = (id: string, frameIndex: number, kind: GaitEvent['kind'], side: GaitEvent['side']): GaitEvent => ({
  id,
  clipId: 'c',
  frameIndex,
  frameTime: frameIndex / 240,
  kind,
  side,
  createdAt: '',
  updatedAt: '',
});

describe('gait keys', () => {
  it('marks IC/MS/TO with Q/W/E for the active foot and with Shift for the other foot', () => {
    expect(gaitCommandForKey(key('q'))).toEqual({ type: 'mark', kind: 'initial-contact', otherSide: false });
    expect(gaitCommandForKey(key('W', { shiftKey: true }))).toEqual({ type: 'mark', kind: 'midstance', otherSide: true });
    expect(gaitCommandForKey(key('e'))).toEqual({ type: 'mark', kind: 'toe-off', otherSide: false });
    expect(gaitCommandForKey(key('s'))).toEqual({ type: 'switch-side' });
    expect(gaitCommandForKey(key('.'))).toEqual({ type: 'step-event', direction: 1, sameKind: false });
    expect(gaitCommandForKey(key('<', { shiftKey: true }))).toEqual({ type: 'step-event', direction: -1, sameKind: true });
    expect(gaitCommandForKey(key('.', { shiftKey: true }))).toEqual({ type: 'step-event', direction: 1, sameKind: true });
    expect(gaitCommandForKey(key('q', { ctrlKey: true }))).toBeNull();
  });

  it('never takes a key the viewer already uses', () => {
    for (const shortcut of GAIT_SHORTCUTS) {
      expect(commandForKey(key(shortcut.shift ? shortcut.key.toUpperCase() : shortcut.key, { shiftKey: shortcut.shift })), shortcut.display).toBeNull();
    }
    expect(SHORTCUTS.some((s) => ['q', 'w', 'e', 's', ',', '.'].includes(s.key) && !s.mod)).toBe(false);
  });

  it('starts with the foot nearest the camera in a side view', () => {
    expect(defaultSideForView('side-right')).toBe('right');
    expect(defaultSideForView('side-left')).toBe('left');
    expect(defaultSideForView('rear')).toBe('left');
    expect(defaultSideForView(null)).toBe('left');
  });

  it('steps to the nearest event either way, optionally of one kind and foot', () => {
    const events = [event('a', 10, 'initial-contact', 'left'), event('b', 30, 'toe-off', 'left'), event('c', 50, 'initial-contact', 'right'), event('d', 90, 'initial-contact', 'left')];
    expect(adjacentEvent(events, 30, 1)?.id).toBe('c');
    expect(adjacentEvent(events, 30, -1)?.id).toBe('a');
    expect(adjacentEvent(events, 10, 1, { kind: 'initial-contact', side: 'left' })?.id).toBe('d');
    expect(adjacentEvent(events, 90, 1)).toBeNull();
  });
});
