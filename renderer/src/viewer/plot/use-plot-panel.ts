import { useCallback, useState } from 'react';

/** The plot's height and whether it is folded away, remembered across clips and restarts (as side-panel sections are). */
export interface PlotPanelState {
  collapsed: boolean;
  height: number;
}

export const PLOT_HEIGHT = { min: 60, max: 420, initial: 130 } as const;
const STORAGE_KEY = 'midstance.panel:angle-plot';

export function clampPlotHeight(height: number): number {
  return Math.round(Math.min(PLOT_HEIGHT.max, Math.max(PLOT_HEIGHT.min, height)));
}

function read(): PlotPanelState {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<PlotPanelState> | null;
    return {
      collapsed: stored?.collapsed === true,
      height: typeof stored?.height === 'number' && Number.isFinite(stored.height) ? clampPlotHeight(stored.height) : PLOT_HEIGHT.initial,
    };
  } catch {
    return { collapsed: false, height: PLOT_HEIGHT.initial };
  }
}

export function usePlotPanel(): PlotPanelState & { toggle(): void; setHeight(height: number): void } {
  const [state, setState] = useState(read);
  const save = useCallback((update: (was: PlotPanelState) => PlotPanelState) => {
    setState((was) => {
      const next = update(was);
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Not remembered; the panel still changes.
      }
      return next;
    });
  }, []);
  const toggle = useCallback(() => save((was) => ({ ...was, collapsed: !was.collapsed })), [save]);
  const setHeight = useCallback((height: number) => save((was) => ({ ...was, height: clampPlotHeight(height) })), [save]);
  return { ...state, toggle, setHeight };
}
