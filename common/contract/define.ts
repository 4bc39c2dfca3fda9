import type { z } from 'zod';

/** One request/response pair of the API. `summary` doubles as documentation and CLI help. */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

export const defineCall = <I extends z.ZodType, O extends z.ZodType>(
  spec: CallSpec<I, O>,
): CallSpec<I, O> => spec;

/** A message pushed from core to the renderer (progress, open requests, saves). */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  readonly summary: string;
}

export const defineEvent = <P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> => spec;
