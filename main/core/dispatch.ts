import { api, isCallName } from '../../common/contract/api.ts';
import { type Envelope, MidstanceError } from '../../common/contract/errors.ts';
import { fileSystemError } from '../platform/fs-errors.ts';
import type { CallContext, Handlers } from './types.ts';

/**
 * The one door into core for every transport (IPC, HTTP, CLI): the call name and payload
 * are checked against the contract here, so invalid input never reaches a service.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  rawInput: unknown,
  context: CallContext = {},
): Promise<Envelope> {
  if (!isCallName(name)) {
    return failure(new MidstanceError('unknown-call', `Unknown request "${String(name)}".`));
  }
  const spec = api[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    return failure(
      new MidstanceError('invalid-request', `Invalid request for ${name}${where}: ${issue?.message ?? 'bad input'}.`),
    );
  }
  try {
    const handler = handlers[name] as (input: unknown, context: CallContext) => unknown;
    const value = await handler(parsed.data, context);
    return { ok: true, value };
  } catch (error) {
    return failure(toMidstanceError(error));
  }
}

export function toMidstanceError(error: unknown): MidstanceError {
  if (error instanceof MidstanceError) return error;
  const mapped = fileSystemError(error);
  if (mapped) return mapped;
  console.error('internal error:', error);
  return new MidstanceError('internal', 'Something went wrong inside Midstance. Details are in the log.');
}

const failure = (error: MidstanceError): Envelope => ({ ok: false, error: error.toShape() });
