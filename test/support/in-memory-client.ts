import type { CallInput, CallName } from '../../common/contract/api.ts';
import { type ApiClient, createClient } from '../../common/contract/client.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import { dispatch } from '../../main/core/dispatch.ts';
import type { EventBus, Handlers } from '../../main/core/types.ts';

/**
 * The contract client over an in-memory transport: the path the renderer takes (payloads through
 * JSON, checked by dispatch and by the client), minus the wire.
 */
export function inMemoryClient(handlers: Handlers, events?: Pick<EventBus, 'subscribe'>): ApiClient {
  return createClient({
    invoke: (name, input) => dispatch(handlers, name, JSON.parse(JSON.stringify(input ?? {}))),
    subscribe: (listener) => (events ? events.subscribe(listener) : () => {}),
    frameUrl: () => '',
  });
}

/** The typed error a call fails with; throws when it succeeds. */
export async function callFailure<N extends CallName>(client: ApiClient, name: N, input: CallInput<N>): Promise<MidstanceError> {
  try {
    await client.call(name, input);
  } catch (error) {
    if (error instanceof MidstanceError) return error;
    throw error;
  }
  throw new Error(`${name} was expected to fail but succeeded`);
}
