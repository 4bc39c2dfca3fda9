import type { ToolId } from '../../tools/types.ts';

/** Choosing a tool by key: `tool-goniometer`, … */
export type ToolCommand = `tool-${ToolId}`;

/**
 * Every viewer shortcut in one table: the key handler dispatches from it and the `?` overlay
 * lists it, so the two can never disagree.
 */
export type ViewerCommand =
  | 'step-forward'
  | 'step-back'
  | 'big-step-forward'
  | 'big-step-back'
  | 'first-frame'
  | 'last-frame'
  | 'play-pause'
  | 'slower'
  | 'faster'
  | 'mark-in'
  | 'mark-out'
  | 'clear-range'
  | 'toggle-loop'
  | 'zoom-fit'
  | 'zoom-100'
  | 'undo'
  | 'redo'
  | 'delete-selection'
  | 'duplicate-selection'
  | 'cancel'
  | 'go-to-frame'
  | 'show-shortcuts'
  | 'track-point'
  | ToolCommand
  | 'toggle-keep-tool';

export interface Shortcut {
  command: ViewerCommand;
  key: string;
  shift?: boolean;
  mod?: boolean;
  /** Label shown in the overlay, e.g. "Shift+→". */
  display: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { command: 'step-forward', key: 'ArrowRight', display: '→' },
  { command: 'step-back', key: 'ArrowLeft', display: '←' },
  { command: 'big-step-forward', key: 'ArrowRight', shift: true, display: 'Shift+→' },
  { command: 'big-step-back', key: 'ArrowLeft', shift: true, display: 'Shift+←' },
  { command: 'first-frame', key: 'Home', display: 'Home' },
  { command: 'last-frame', key: 'End', display: 'End' },
  { command: 'play-pause', key: ' ', display: 'Space' },
  { command: 'slower', key: '[', display: '[' },
  { command: 'faster', key: ']', display: ']' },
  { command: 'mark-in', key: 'i', display: 'I' },
  { command: 'mark-out', key: 'o', display: 'O' },
  { command: 'clear-range', key: 'x', display: 'X' },
  { command: 'toggle-loop', key: 'l', display: 'L' },
  { command: 'zoom-fit', key: 'f', display: 'F' },
  { command: 'zoom-100', key: '1', display: '1' },
  { command: 'go-to-frame', key: 'g', display: 'G' },
  { command: 'undo', key: 'z', mod: true, display: 'Ctrl/⌘+Z' },
  { command: 'redo', key: 'z', mod: true, shift: true, display: 'Ctrl/⌘+Shift+Z' },
  { command: 'redo', key: 'y', mod: true, display: 'Ctrl/⌘+Y' },
  { command: 'duplicate-selection', key: 'd', mod: true, display: 'Ctrl/⌘+D' },
  { command: 'delete-selection', key: 'Delete', display: 'Delete' },
  { command: 'delete-selection', key: 'Backspace', display: 'Backspace' },
  { command: 'cancel', key: 'Escape', display: 'Esc' },
  { command: 'show-shortcuts', key: '?', shift: true, display: '?' },
  // Tools (letters not taken above; Q W E S , . are the gait-event keys).
  { command: 'tool-select', key: 'v', display: 'V' },
  { command: 'tool-goniometer', key: 'a', display: 'A' },
  { command: 'tool-angle-horizontal', key: 'h', display: 'H' },
  { command: 'tool-angle-vertical', key: 'j', display: 'J' },
  { command: 'tool-line', key: 'n', display: 'N' },
  { command: 'tool-ruler', key: 'r', display: 'R' },
  { command: 'tool-marker', key: 'm', display: 'M' },
  { command: 'tool-text', key: 't', display: 'T' },
  { command: 'toggle-keep-tool', key: 'k', display: 'K' },
  { command: 'track-point', key: 'p', display: 'P' },
];

/** The tool a command chooses, or null for other commands. */
export function toolOfCommand(command: ViewerCommand): ToolId | null {
  return command.startsWith('tool-') ? (command.slice('tool-'.length) as ToolId) : null;
}

/** The key that chooses a tool, for the tool bar and the `?` overlay. */
export function toolKey(tool: ToolId): string | null {
  return SHORTCUTS.find((s) => toolOfCommand(s.command) === tool)?.display ?? null;
}

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function commandForKey(event: KeyLike): ViewerCommand | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  for (const shortcut of SHORTCUTS) {
    const shortcutKey = shortcut.key.length === 1 ? shortcut.key.toLowerCase() : shortcut.key;
    if (shortcutKey !== key || Boolean(shortcut.mod) !== mod) continue;
    // '?' needs Shift on most layouts; letters and arrows distinguish Shift explicitly.
    if (shortcut.key !== '?' && Boolean(shortcut.shift) !== event.shiftKey) continue;
    return shortcut.command;
  }
  return null;
}
