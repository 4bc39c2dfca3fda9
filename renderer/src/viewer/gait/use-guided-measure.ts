import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GaitEvent } from '../../../../common/contract/project.ts';
import { framesForPreset } from '../../../../common/gait/guided.ts';
import { presetByKey, type MeasurementPreset } from '../../../../common/measurements/presets.ts';
import type { ToolId } from '../../../tools/types.ts';

export interface GuidedMeasure {
  /** The preset being measured at its events, with the frames to visit and where we are. */
  active: { preset: MeasurementPreset; frames: number[]; index: number } | null;
  /** Label for a drawing made now: the preset's key while guiding, else null. */
  label: string | null;
  start(presetKey: string): void;
  step(direction: -1 | 1): void;
  stop(): void;
}

/**
 * Guided measurement: go to each frame that carries the preset's event, arm the preset's tool there (the loupe
 * shows while its points are placed) and label the drawing with the preset. Enter moves on, Shift+Enter back.
 */
export function useGuidedMeasure({
  events,
  goTo,
  arm,
}: {
  events: readonly GaitEvent[];
  goTo(frame: number): void;
  arm(tool: ToolId): void;
}): GuidedMeasure {
  const [state, setState] = useState<{ presetKey: string; index: number } | null>(null);
  const preset = presetByKey(state?.presetKey);
  const frames = useMemo(() => (preset ? framesForPreset(preset, events) : []), [preset, events]);

  const visit = useCallback(
    (presetKey: string, index: number, list: number[]) => {
      const target = presetByKey(presetKey);
      const frame = list[index];
      if (!target || frame === undefined) return setState(null);
      setState({ presetKey, index });
      goTo(frame);
      arm(target.tool);
    },
    [goTo, arm],
  );

  const start = useCallback(
    (presetKey: string) => {
      const target = presetByKey(presetKey);
      if (target) visit(presetKey, 0, framesForPreset(target, events));
    },
    [events, visit],
  );

  const step = useCallback(
    (direction: -1 | 1) => {
      if (!state) return;
      const next = state.index + direction;
      if (next < 0) return;
      if (next >= frames.length) return setState(null);
      visit(state.presetKey, next, frames);
    },
    [state, frames, visit],
  );

  const stop = useCallback(() => setState(null), []);

  const latest = useRef(step);
  latest.current = step;
  const guiding = state !== null;
  useEffect(() => {
    if (!guiding) return;
    const down = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target as HTMLElement | null;
      if (target && (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName) || target.isContentEditable)) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      latest.current(event.shiftKey ? -1 : 1);
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, [guiding]);

  return {
    active: state && preset ? { preset, frames, index: Math.min(state.index, Math.max(frames.length - 1, 0)) } : null,
    label: state && preset ? preset.key : null,
    start,
    step,
    stop,
  };
}
