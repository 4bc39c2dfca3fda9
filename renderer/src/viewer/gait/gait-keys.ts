import type { BodySide, ClipView, GaitEvent, GaitEventKind } from '../../../../common/contract/project.ts';
import type { KeyLike } from '../shortcuts.ts';

/**
 * Gait-event keys, in one table for the key handler and the `?` overlay. Q, W, E mark initial contact,
 * midstance and toe-off (left to right on the keyboard, in the order the foot goes through them) for the
 * active foot; with Shift for the other foot. S switches the active foot. , and . step to the previous and
 * next event; with Shift (< and >) to the previous and next event of the same kind and foot.
 */
export type GaitCommand =
  | { type: 'mark'; kind: GaitEventKind; otherSide: boolean }
  | { type: 'switch-side' }
  | { type: 'step-event'; direction: -1 | 1; sameKind: boolean };

export interface GaitShortcut {
  id: string;
  key: string;
  shift: boolean;
  display: string;
  command: GaitCommand;
}

const markKeys: [string, GaitEventKind][] = [
  ['q', 'initial-contact'],
  ['w', 'midstance'],
  ['e', 'toe-off'],
];

export const GAIT_SHORTCUTS: readonly GaitShortcut[] = [
  ...markKeys.flatMap(([key, kind]): GaitShortcut[] => [
    { id: `mark-${kind}`, key, shift: false, display: key.toUpperCase(), command: { type: 'mark', kind, otherSide: false } },
    { id: `mark-${kind}-other`, key, shift: true, display: `Shift+${key.toUpperCase()}`, command: { type: 'mark', kind, otherSide: true } },
  ]),
  { id: 'switch-side', key: 's', shift: false, display: 'S', command: { type: 'switch-side' } },
  { id: 'previous-event', key: ',', shift: false, display: ',', command: { type: 'step-event', direction: -1, sameKind: false } },
  { id: 'next-event', key: '.', shift: false, display: '.', command: { type: 'step-event', direction: 1, sameKind: false } },
  { id: 'previous-same', key: '<', shift: true, display: 'Shift+, (<)', command: { type: 'step-event', direction: -1, sameKind: true } },
  { id: 'next-same', key: '>', shift: true, display: 'Shift+. (>)', command: { type: 'step-event', direction: 1, sameKind: true } },
];

export function gaitCommandForKey(event: KeyLike): GaitCommand | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  let key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  // Layouts differ in what Shift+, and Shift+. report; both mean the shifted step.
  if (event.shiftKey && (key === ',' || key === '.')) key = key === ',' ? '<' : '>';
  for (const shortcut of GAIT_SHORTCUTS) {
    // < and > are the shifted , and . on most layouts; letters distinguish Shift explicitly.
    if (shortcut.key === key && (shortcut.key === '<' || shortcut.key === '>' || shortcut.shift === event.shiftKey)) return shortcut.command;
  }
  return null;
}

/** The foot nearest the camera in a side view; left otherwise (front and rear views see both). */
export function defaultSideForView(view: ClipView | null | undefined): BodySide {
  return view === 'side-right' ? 'right' : 'left';
}

/**
 * The event to step to from `frame`: the nearest one before (−1) or after (+1) it, optionally only of the
 * given kind and side. Null when there is none that way.
 */
export function adjacentEvent(
  events: readonly GaitEvent[],
  frame: number,
  direction: -1 | 1,
  only?: { kind: GaitEventKind; side: BodySide },
): GaitEvent | null {
  let best: GaitEvent | null = null;
  for (const event of events) {
    if (only && (event.kind !== only.kind || event.side !== only.side)) continue;
    const ahead = direction === 1 ? event.frameIndex > frame : event.frameIndex < frame;
    if (!ahead) continue;
    if (!best || (direction === 1 ? event.frameIndex < best.frameIndex : event.frameIndex > best.frameIndex)) best = event;
  }
  return best;
}
