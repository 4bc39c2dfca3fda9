import {
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
  api,
  events,
  isEventName,
} from './api.ts';
import { Envelope, MidstanceError } from './errors.ts';

export interface FrameRequest {
  clipId: string;
  index: number;
  /** Preview width in pixels; omitted for full resolution. */
  width?: number;
}

/**
 * How the client reaches core: Electron IPC, the browser-mode HTTP server or an in-memory
 * dispatcher in tests. The renderer never learns which one it has.
 */
export interface Transport {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  frameUrl(frame: FrameRequest): string;
  /** Electron only: run `flush` before the window closes (see MidstanceBridge.onBeforeClose). */
  onBeforeClose?(flush: () => Promise<unknown>): () => void;
}

export interface ApiClient {
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  frameUrl(frame: FrameRequest): string;
  /** Run `flush` before the app's window closes, where the shell asks for it (Electron); a no-op elsewhere. */
  onBeforeClose(flush: () => Promise<unknown>): () => void;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(name, input) {
      const raw = await transport.invoke(name, input);
      const envelope = Envelope.safeParse(raw);
      if (!envelope.success) {
        throw new MidstanceError('internal', 'The app sent an answer it could not read.');
      }
      if (!envelope.data.ok) throw MidstanceError.fromShape(envelope.data.error);
      return api[name].output.parse(envelope.data.value) as CallOutput<typeof name>;
    },
    on(name, listener) {
      return transport.subscribe((eventName, payload) => {
        if (eventName !== name || !isEventName(eventName)) return;
        const parsed = events[name].payload.safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof name>);
      });
    },
    frameUrl: (frame) => transport.frameUrl(frame),
    onBeforeClose: (flush) => transport.onBeforeClose?.(flush) ?? (() => undefined),
  };
}
