import { describe, expect, it } from 'vitest';
import { createSpaceGesture } from '../../../renderer/src/viewer/space-gesture.ts';

describe('Space: pan when held with a drag, play/pause when tapped', () => {
  it('a tap toggles play on release, not on press', () => {
    const space = createSpaceGesture();
    expect(space.keyDown()).toBe(true);
    expect(space.held).toBe(true);
    expect(space.keyUp()).toBe(true);
    expect(space.held).toBe(false);
  });

  it('held with key repeats and a drag: a pan, no toggle', () => {
    const space = createSpaceGesture();
    space.keyDown();
    expect(space.keyDown()).toBe(false); // repeat
    expect(space.keyDown()).toBe(false);
    space.pointerDown();
    expect(space.keyUp()).toBe(false);
    // The next tap plays again.
    space.keyDown();
    expect(space.keyUp()).toBe(true);
  });

  it('a click before Space went down does not count; focus lost ends the hold without a toggle', () => {
    const space = createSpaceGesture();
    space.pointerDown();
    space.keyDown();
    expect(space.keyUp()).toBe(true);
    space.keyDown();
    space.cancel();
    expect(space.keyUp()).toBe(false);
  });
});
