import { useEffect, useRef } from 'react';
import { type ViewerCommand, commandForKey } from './shortcuts.ts';

/** Keys typed into a field belong to the field, not to the viewer. */
function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}

export function useViewerKeys(handlers: { run(command: ViewerCommand): void; onSpace(held: boolean): void }) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const down = (event: KeyboardEvent) => {
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const command = commandForKey(event);
      if (event.key === ' ') latest.current.onSpace(true);
      if (!command) return;
      // Space both pans (held) and plays (tapped): holding it for a drag must not start playback.
      if (command === 'play-pause' && event.repeat) return;
      event.preventDefault();
      latest.current.run(command);
    };
    const up = (event: KeyboardEvent) => {
      if (event.key === ' ') latest.current.onSpace(false);
    };
    const blur = () => latest.current.onSpace(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, []);
}
