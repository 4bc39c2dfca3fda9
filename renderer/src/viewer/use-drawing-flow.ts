import { useCallback, useEffect, useState } from 'react';
import type { Annotation, AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useSidePanelControl } from '../app/SidePanel.tsx';
import type { CreateFollowUp, ToolId } from '../../tools/types.ts';

type RulerGeometry = Extract<AnnotationGeometry, { kind: 'ruler' }>;

export interface DrawingFlow {
  readonly tool: ToolId;
  setTool(tool: ToolId): void;
  /** The drawing tool stays armed after a measurement (a user setting). */
  readonly keepTool: boolean;
  toggleKeepTool(): void;
  /** A ruler whose two ends are placed, waiting for its real length: nothing is shown in cm before that. */
  readonly pendingRuler: RulerGeometry | null;
  confirmRuler(realLengthCm: number): void;
  cancelRuler(): void;
  /** The canvas finished a shape. */
  onCreate(geometry: AnnotationGeometry, followUp: CreateFollowUp): void;
}

/**
 * What happens around drawing a measurement: which tool is armed and whether it stays armed, asking a ruler's
 * real length before it calibrates anything, and showing the new measurement's details at once (the
 * measurements tab comes forward and the new drawing is selected).
 */
export function useDrawingFlow({
  store,
  onStored,
}: {
  /** Stores a new drawing on the frame on screen; null when that failed (the store reports why). */
  store(geometry: AnnotationGeometry): Promise<Annotation | null>;
  onStored(record: Annotation, followUp: CreateFollowUp): void;
}): DrawingFlow {
  const api = useApi();
  const sidePanel = useSidePanelControl();
  const [tool, setTool] = useState<ToolId>('select');
  const [keepTool, setKeepTool] = useState(false);
  const [pendingRuler, setPendingRuler] = useState<RulerGeometry | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('settings.get', {})
      .then((settings) => live && setKeepTool(settings.keepToolAfterDrawing))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [api]);

  const toggleKeepTool = useCallback(() => {
    const next = !keepTool;
    setKeepTool(next);
    api.call('settings.update', { keepToolAfterDrawing: next }).catch(() => {});
  }, [api, keepTool]);

  const finish = useCallback(
    async (geometry: AnnotationGeometry, followUp: CreateFollowUp) => {
      sidePanel.show('measurements');
      // Put the tool down now, not once the write answers: a tool chosen meanwhile (by the user, or by
      // "measure at events" moving on) must not be taken away by a late answer.
      if (!keepTool) setTool('select');
      const record = await store(geometry);
      if (!record) return;
      onStored(record, followUp);
    },
    [store, onStored, keepTool, sidePanel],
  );

  const onCreate = useCallback(
    (geometry: AnnotationGeometry, followUp: CreateFollowUp) => {
      if (geometry.kind === 'ruler') {
        setPendingRuler(geometry);
        return;
      }
      void finish(geometry, followUp);
    },
    [finish],
  );

  const confirmRuler = useCallback(
    (realLengthCm: number) => {
      if (!pendingRuler) return;
      setPendingRuler(null);
      void finish({ ...pendingRuler, realLengthCm }, 'none');
    },
    [pendingRuler, finish],
  );

  const cancelRuler = useCallback(() => setPendingRuler(null), []);

  return { tool, setTool, keepTool, toggleKeepTool, pendingRuler, confirmRuler, cancelRuler, onCreate };
}

/**
 * The frame's drawings plus the ruler waiting for its length, drawn as a plain line (its length in px, or in
 * the clip's existing calibration) so the user sees what they are calibrating.
 */
export function withPendingRuler(annotations: readonly Annotation[], pending: RulerGeometry | null, style: Annotation['style']): readonly Annotation[] {
  if (!pending) return annotations;
  const shape: Annotation = {
    id: '\u0000pending-ruler',
    clipId: '',
    frameIndex: 0,
    frameTime: 0,
    geometry: { kind: 'line', points: pending.points },
    label: null,
    style,
    createdAt: '',
    updatedAt: '',
  };
  return [...annotations, shape];
}
