import { useEffect, useRef } from 'react';
import { type ViewerCommand, commandForKey } from './shortcuts.ts';
import { createSpaceGesture } from './space-gesture.ts';

/** Keys typed into a field belong to the field, not to the viewer. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

/**
 * The viewer's keys, listened for on the window while `enabled`: of two compared viewers only the focused one
 * listens, so a key goes to one viewer and never to both.
 */
export function useViewerKeys(handlers: { enabled?: boolean; run(command: ViewerCommand): void; onSpace(held: boolean): void }) {
  const latest = useRef(handlers);
  latest.current = handlers;
  const enabled = handlers.enabled ?? true;
  useEffect(() => {
    if (!enabled) return;
    // Space pans while held and plays/pauses when tapped: decided on release (space-gesture.ts).
    const space = createSpaceGesture();
    const down = (event: KeyboardEvent) => {
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const command = commandForKey(event);
      if (command === 'play-pause') {
        event.preventDefault();
        if (space.keyDown()) latest.current.onSpace(true);
        return;
      }
      if (!command) return;
      event.preventDefault();
      latest.current.run(command);
    };
    const up = (event: KeyboardEvent) => {
      if (event.key !== ' ' || !space.held) return;
      event.preventDefault();
      latest.current.onSpace(false);
      if (space.keyUp()) latest.current.run('play-pause');
    };
    const pointerDown = () => space.pointerDown();
    const blur = () => {
      space.cancel();
      latest.current.onSpace(false);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('pointerdown', pointerDown, { capture: true });
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('pointerdown', pointerDown, { capture: true });
      window.removeEventListener('blur', blur);
      // Focus moving to the other viewer mid-gesture must not leave this one panning.
      latest.current.onSpace(false);
    };
  }, [enabled]);
}
