import type { EventBus, EventListener } from './types.ts';

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      for (const listener of listeners) {
        try {
          listener(name, payload);
        } catch (error) {
          // A broken subscriber (closed window, dropped HTTP stream) must not stop the others.
          console.error(`event listener failed for ${name}:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
