import type { AnnotationGeometry } from '../../../common/contract/annotation.ts';
import { dragHandle, moveGeometry } from '../../../common/geometry/edit.ts';
import { hitTestAnnotations, DEFAULT_HIT_OPTIONS, type HitPart } from '../../../common/geometry/hit-test.ts';
import { geometriesEqual } from '../../../common/geometry/points.ts';
import { add, distance, sub, type Vec2 } from '../../../common/geometry/vector.ts';
import { unchanged, type Localized, type ToolContext, type ToolEvent, type ToolEffect, type ToolMachine, type ToolStep } from '../types.ts';

/**
 * Select, move and reshape annotations.
 * - press on an annotation selects it (handles before bodies, the selected one before others);
 * - drag a handle to move that point (Shift snaps its direction to 15° steps), drag the body to move it all
 *   (Shift keeps the move horizontal or vertical);
 * - release commits one `change` (nothing if it did not move); cancel (Esc) puts it back;
 * - press on empty space deselects.
 * The handle keeps its offset from the pointer, so grabbing it slightly off-centre does not make it jump.
 */
export type SelectState =
  | { readonly mode: 'select'; readonly phase: 'idle' }
  | {
      readonly mode: 'select';
      readonly phase: 'pressed';
      readonly id: string;
      readonly target: HitPart;
      readonly original: AnnotationGeometry;
      readonly downImage: Vec2;
      readonly downScreen: Vec2;
    }
  | {
      readonly mode: 'select';
      readonly phase: 'dragging-handle';
      readonly id: string;
      readonly index: number;
      readonly original: AnnotationGeometry;
      /** Handle position minus pointer position at the press, image px. */
      readonly grabOffset: Vec2;
      readonly draft: AnnotationGeometry;
    }
  | {
      readonly mode: 'select';
      readonly phase: 'moving';
      readonly id: string;
      readonly original: AnnotationGeometry;
      readonly downImage: Vec2;
      readonly draft: AnnotationGeometry;
    };

export const IDLE_SELECT: SelectState = { mode: 'select', phase: 'idle' };

function dragged(state: Extract<SelectState, { phase: 'dragging-handle' | 'moving' }>, pointer: Vec2, shift: boolean): AnnotationGeometry {
  if (state.phase === 'moving') return moveGeometry(state.original, sub(pointer, state.downImage), { constrainAxis: shift });
  const origin = state.original.points[state.index];
  return dragHandle(state.original, state.index, add(pointer, state.grabOffset), { snap: shift, origin });
}

function step(state: SelectState, event: ToolEvent, context: ToolContext): ToolStep<SelectState> {
  if (event.type === 'cancel') return { state: IDLE_SELECT, effects: [] };

  switch (event.type) {
    case 'pointer-down': {
      if (event.button !== 0 || state.phase !== 'idle') return unchanged(state);
      const hit = hitTestAnnotations(
        context.annotations,
        event.screen,
        context.transform,
        context.hitOptions ?? DEFAULT_HIT_OPTIONS,
        context.selectedId,
      );
      if (!hit) {
        return { state, effects: context.selectedId === null ? [] : [{ type: 'select', id: null }] };
      }
      const annotation = context.annotations.find((a) => a.id === hit.id);
      if (!annotation) return unchanged(state);
      const effects: ToolEffect[] = hit.id === context.selectedId ? [] : [{ type: 'select', id: hit.id }];
      return {
        state: {
          mode: 'select',
          phase: 'pressed',
          id: hit.id,
          target: hit.target,
          original: annotation.geometry,
          downImage: event.image,
          downScreen: event.screen,
        },
        effects,
      };
    }
    case 'pointer-move': {
      if (state.phase === 'idle') return unchanged(state);
      if (state.phase === 'pressed') {
        if (distance(state.downScreen, event.screen) <= context.dragThresholdPx) return unchanged(state);
        const next: Extract<SelectState, { phase: 'dragging-handle' | 'moving' }> =
          state.target.part === 'handle'
            ? {
                mode: 'select',
                phase: 'dragging-handle',
                id: state.id,
                index: state.target.index,
                original: state.original,
                grabOffset: sub(state.original.points[state.target.index] ?? state.downImage, state.downImage),
                draft: state.original,
              }
            : { mode: 'select', phase: 'moving', id: state.id, original: state.original, downImage: state.downImage, draft: state.original };
        return { state: { ...next, draft: dragged(next, event.image, event.shift) }, effects: [] };
      }
      return { state: { ...state, draft: dragged(state, event.image, event.shift) }, effects: [] };
    }
    case 'pointer-up': {
      if (state.phase === 'pressed') return { state: IDLE_SELECT, effects: [] };
      if (state.phase === 'dragging-handle' || state.phase === 'moving') {
        const draft = dragged(state, event.image, event.shift);
        const effects: ToolEffect[] = geometriesEqual(draft, state.original) ? [] : [{ type: 'change', id: state.id, geometry: draft }];
        return { state: IDLE_SELECT, effects };
      }
      return unchanged(state);
    }
  }
}

export const selectMachine: ToolMachine<SelectState> = {
  initial: IDLE_SELECT,
  step,
  preview(state) {
    if (state.phase !== 'dragging-handle' && state.phase !== 'moving') return null;
    const active = state.phase === 'dragging-handle' ? (state.draft.points[state.index] ?? null) : null;
    return {
      replacesId: state.id,
      kind: state.draft.kind,
      geometry: state.draft,
      points: state.draft.points,
      activePoint: active,
      activeIndex: state.phase === 'dragging-handle' ? state.index : null,
    };
  },
  isBusy: (state) => state.phase !== 'idle',
};

export const selectTool = {
  id: 'select' as const,
  name: { en: 'Select and edit', nl: 'Selecteren en bewerken' } satisfies Localized,
  hint: {
    en: 'Click an annotation to select it; drag a point to adjust it or the line to move it. Shift snaps.',
    nl: 'Klik op een annotatie om hem te selecteren; sleep een punt om het aan te passen of de lijn om hem te verplaatsen. Shift lijnt uit.',
  } satisfies Localized,
  cursor: 'default',
  machine: selectMachine,
};
