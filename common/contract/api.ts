import type { z } from 'zod';
import { appCalls, appEvents } from './app.ts';
import { exportCalls, exportEvents } from './export.ts';
import { gaitProposalCalls } from './gait-proposals.ts';
import { mediaCalls, mediaEvents } from './media.ts';
import { poseCalls, poseEvents } from './pose.ts';
import { projectCalls, projectEvents } from './project.ts';
import { trackCalls, trackEvents } from './track.ts';
import { reportCalls, reportEvents } from './report.ts';

/**
 * The whole API between renderer and core, one table. Each domain owns a file that
 * exports its calls and events; they are merged here and nowhere else.
 */
export const api = {
  ...appCalls,
  ...mediaCalls,
  ...poseCalls,
  ...projectCalls,
  ...trackCalls,
  ...gaitProposalCalls,
  ...exportCalls,
  ...reportCalls,
} as const;

export const events = {
  ...appEvents,
  ...mediaEvents,
  ...poseEvents,
  ...projectEvents,
  ...trackEvents,
  ...exportEvents,
  ...reportEvents,
} as const;

export type Api = typeof api;
export type CallName = keyof Api;
export type CallInput<N extends CallName> = z.input<Api[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Api[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Api[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const callNames = Object.keys(api) as CallName[];
export const eventNames = Object.keys(events) as EventName[];

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.hasOwn(api, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.hasOwn(events, name);
