import type {
  CallName,
  CallOutput,
  EventName,
  EventPayload,
  ParsedInput,
} from '../../common/contract/api.ts';
import type { FrameRequest } from '../../common/contract/client.ts';

export interface CallContext {
  /** Aborted when the caller goes away (HTTP request closed, window destroyed). */
  signal?: AbortSignal;
}

export type Handler<N extends CallName> = (
  input: ParsedInput<N>,
  context: CallContext,
) => Promise<CallOutput<N>> | CallOutput<N>;

export type Handlers = { [N in CallName]: Handler<N> };

export type EventListener = (name: EventName, payload: unknown) => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export interface EncodedFrame {
  data: Uint8Array;
  contentType: string;
}

/** Binary frame delivery, outside the JSON API because frames are hot and large. */
export interface FrameSource {
  getFrame(request: FrameRequest, signal?: AbortSignal): Promise<EncodedFrame>;
}

export interface Core {
  readonly handlers: Handlers;
  readonly events: EventBus;
  readonly frames: FrameSource;
  /** Queue a file handed to the app (argv, OS, second instance) for the renderer to open. */
  requestOpen(path: string): void;
  /** Queue the project that was open when the app last stopped, if it still exists; true when queued. */
  resumeLastProject(): boolean;
  dispose(): Promise<void>;
}
