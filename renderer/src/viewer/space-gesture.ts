/**
 * Space both pans (held, with a drag) and plays/pauses (tapped). Which one the user meant is known only
 * when the key comes up: play/pause toggles on release, and only when no pointer went down while it was
 * held. Key repeats change nothing. Pure, so the rule is tested without a browser.
 */
export interface SpaceGesture {
  /** Space went down (repeats included); true when this started a hold. */
  keyDown(): boolean;
  /** A pointer button went down: while Space is held that is a pan, not a tap. */
  pointerDown(): void;
  /** Space came up; true when it was a tap, i.e. play/pause should toggle. */
  keyUp(): boolean;
  /** The window lost focus: the hold ends without a tap. */
  cancel(): void;
  readonly held: boolean;
}

export function createSpaceGesture(): SpaceGesture {
  let held = false;
  let dragged = false;
  return {
    keyDown() {
      if (held) return false;
      held = true;
      dragged = false;
      return true;
    },
    pointerDown() {
      if (held) dragged = true;
    },
    keyUp() {
      if (!held) return false;
      held = false;
      return !dragged;
    },
    cancel() {
      held = false;
      dragged = false;
    },
    get held() {
      return held;
    },
  };
}
