import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedMedia } from '../../../../common/contract/media.ts';
import type { BodySide, ClipView, GaitEvent, GaitEventKind } from '../../../../common/contract/project.ts';
import { computeGaitTiming, DEFAULT_ASYMMETRY_THRESHOLD_PCT, otherSide, type GaitTiming } from '../../../../common/gait/timing.ts';
import { fileTimeAt } from '../../../../common/media-time.ts';
import type { EditHistory } from '../edit-history.ts';
import { adjacentEvent, defaultSideForView, gaitCommandForKey, type GaitCommand } from './gait-keys.ts';
import { useGaitEvents, type GaitEventStore } from './use-gait-events.ts';

export interface GaitContext {
  view?: ClipView | null;
  treadmillSpeedKmh?: number | null;
  asymmetryThresholdPct?: number;
}

export interface GaitMarking {
  store: GaitEventStore;
  timing: GaitTiming;
  asymmetryThresholdPct: number;
  /** The foot the plain keys mark; follows the clip's view at first. */
  activeSide: BodySide;
  setActiveSide(side: BodySide): void;
  selectedId: string | null;
  /** Goes to the event's frame and selects it. */
  pick(event: GaitEvent): void;
  select(id: string | null): void;
  mark(kind: GaitEventKind, side: BodySide): void;
  move(event: GaitEvent, frame: number): void;
  run(command: GaitCommand): void;
  /** Deletes the selected event if it is on the frame shown; true when it did. */
  deleteSelected(): boolean;
}

/**
 * Marking gait events in the viewer: the keys, the active foot, the selected event, stepping from event to
 * event, and the timing of what is marked (the same pure computation as the CLI and the report).
 */
export function useGaitMarking({
  clipId,
  history,
  media,
  shownIndex,
  goTo,
  busy,
  onSelected,
  context,
}: {
  clipId: string;
  history: EditHistory;
  media: OpenedMedia;
  shownIndex: number;
  goTo(frame: number): void;
  /** A drawing gesture is under way: do not step away from its frame. */
  busy(): boolean;
  /** An event was selected: the viewer drops its drawing selection, so Delete has one target. */
  onSelected(): void;
  context: GaitContext;
}): GaitMarking {
  const store = useGaitEvents(clipId, history);
  const [activeSide, setActiveSide] = useState<BodySide>(defaultSideForView(context.view));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // The clip's view set or changed (e.g. in the clip list): start again from the foot nearest the camera.
  const view = context.view;
  useEffect(() => setActiveSide(defaultSideForView(view)), [view]);
  const { frames, info } = media;
  const asymmetryThresholdPct = context.asymmetryThresholdPct ?? DEFAULT_ASYMMETRY_THRESHOLD_PCT;

  const timing = useMemo(
    () =>
      computeGaitTiming({
        events: store.all,
        frames,
        rates: { fileFps: info.fileFps, captureFps: info.captureFps },
        irregularTiming: info.timing.irregular,
        treadmillSpeedKmh: context.treadmillSpeedKmh ?? null,
        asymmetryThresholdPct,
      }),
    [store.all, frames, info.fileFps, info.captureFps, info.timing.irregular, context.treadmillSpeedKmh, asymmetryThresholdPct],
  );

  const select = useCallback(
    (id: string | null) => {
      setSelectedId(id);
      if (id) onSelected();
    },
    [onSelected],
  );

  const pick = useCallback(
    (event: GaitEvent) => {
      goTo(event.frameIndex);
      select(event.id);
    },
    [goTo, select],
  );

  const { toggle, move: moveEvent } = store;
  const mark = useCallback(
    (kind: GaitEventKind, side: BodySide) => {
      void toggle({ frameIndex: shownIndex, frameTime: fileTimeAt(frames, shownIndex), kind, side }).then((record) => select(record?.id ?? null));
    },
    [toggle, shownIndex, frames, select],
  );

  // Stable across frame steps, so the timeline's event lane (hundreds of ticks) does not re-render on every step.
  const move = useCallback(
    (event: GaitEvent, frame: number) => {
      void moveEvent(event.id, frame, fileTimeAt(frames, frame));
      goTo(frame);
    },
    [moveEvent, frames, goTo],
  );

  const run = useCallback(
    (command: GaitCommand) => {
      if (command.type === 'switch-side') return setActiveSide(otherSide);
      if (busy()) return;
      if (command.type === 'mark') return mark(command.kind, command.otherSide ? otherSide(activeSide) : activeSide);
      const selected = store.all.find((event) => event.id === selectedId);
      const only = command.sameKind ? (selected ? { kind: selected.kind, side: selected.side } : { kind: 'initial-contact' as const, side: activeSide }) : undefined;
      const target = adjacentEvent(store.all, shownIndex, command.direction, only);
      if (target) pick(target);
    },
    [activeSide, busy, mark, pick, selectedId, shownIndex, store.all],
  );

  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const down = (event: KeyboardEvent) => {
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const command = gaitCommandForKey(event);
      if (!command) return;
      event.preventDefault();
      latest.current(command);
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, []);

  const deleteSelected = () => {
    const selected = store.all.find((event) => event.id === selectedId);
    if (!selected || selected.frameIndex !== shownIndex) return false;
    void store.remove(selected.id);
    setSelectedId(null);
    return true;
  };

  return { store, timing, asymmetryThresholdPct, activeSide, setActiveSide, selectedId, pick, select, mark, move, run, deleteSelected };
}

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element) return false;
  const tag = element.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || element.isContentEditable;
}
