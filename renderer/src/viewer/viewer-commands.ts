import type { ToolId } from '../../tools/types.ts';
import { toolOfCommand, type ViewerCommand } from './shortcuts.ts';

export interface FrameRange {
  in: number | null;
  out: number | null;
}

/** Setting an in point after the out point drops the out point (and vice versa): a range never inverts. */
export function withIn(range: FrameRange, frame: number): FrameRange {
  return { in: frame, out: range.out !== null && range.out < frame ? null : range.out };
}

export function withOut(range: FrameRange, frame: number): FrameRange {
  return { in: range.in !== null && range.in > frame ? null : range.in, out: frame };
}

/** What the viewer can do; the keyboard and the buttons both go through these. */
export interface ViewerActions {
  stepBy(frames: number): void;
  goToStart(): void;
  goToEnd(): void;
  togglePlay(): void;
  changeSpeed(direction: 'slower' | 'faster'): void;
  markIn(): void;
  markOut(): void;
  clearRange(): void;
  toggleLoop(): void;
  fit(): void;
  actualSize(): void;
  undo(): void;
  redo(): void;
  deleteSelection(): void;
  duplicateSelection(): void;
  /** Esc: abandon the gesture in progress, else leave the drawing tool, else deselect. */
  cancel(): void;
  focusGoTo(): void;
  showShortcuts(): void;
  chooseTool(tool: ToolId): void;
  /** Keep the drawing tool after a measurement (for the next one) or fall back to Select. */
  toggleKeepTool(): void;
  /** Arm (or disarm) the Track point tool. */
  trackPoint?(): void;
}

/**
 * Dispatches a keyboard command. While a shape is being placed or dragged (`busy`), stepping
 * waits, so a point is never dropped on another frame than the one it was started on.
 */
export function runViewerCommand(command: ViewerCommand, actions: ViewerActions, state: { busy: boolean; bigStep: number }): void {
  const step = (frames: number) => {
    if (!state.busy) actions.stepBy(frames);
  };
  const tool = toolOfCommand(command);
  if (tool) return actions.chooseTool(tool);
  switch (command) {
    case 'step-forward':
      return step(1);
    case 'step-back':
      return step(-1);
    case 'big-step-forward':
      return step(state.bigStep);
    case 'big-step-back':
      return step(-state.bigStep);
    case 'first-frame':
      return actions.goToStart();
    case 'last-frame':
      return actions.goToEnd();
    case 'play-pause':
      return actions.togglePlay();
    case 'slower':
    case 'faster':
      return actions.changeSpeed(command);
    case 'mark-in':
      return actions.markIn();
    case 'mark-out':
      return actions.markOut();
    case 'clear-range':
      return actions.clearRange();
    case 'toggle-loop':
      return actions.toggleLoop();
    case 'zoom-fit':
      return actions.fit();
    case 'zoom-100':
      return actions.actualSize();
    case 'undo':
      return actions.undo();
    case 'redo':
      return actions.redo();
    case 'delete-selection':
      return actions.deleteSelection();
    case 'duplicate-selection':
      return actions.duplicateSelection();
    case 'cancel':
      return actions.cancel();
    case 'go-to-frame':
      return actions.focusGoTo();
    case 'show-shortcuts':
      return actions.showShortcuts();
    case 'toggle-keep-tool':
      return actions.toggleKeepTool();
    case 'track-point':
      return actions.trackPoint?.();
  }
}
