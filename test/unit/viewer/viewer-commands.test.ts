import { describe, expect, it } from 'vitest';
import { type ViewerActions, runViewerCommand, withIn, withOut } from '../../../renderer/src/viewer/viewer-commands.ts';
import { SHORTCUTS } from '../../../renderer/src/viewer/shortcuts.ts';

function recorder() {
  const calls: string[] = [];
  const actions = new Proxy({} as ViewerActions, {
    get: (_target, name) => (...args: unknown[]) => calls.push(args.length ? `${String(name)}(${args.join(',')})` : String(name)),
  });
  return { calls, actions };
}

describe('viewer commands', () => {
  it('every shortcut reaches an action', () => {
    for (const shortcut of SHORTCUTS) {
      const { calls, actions } = recorder();
      runViewerCommand(shortcut.command, actions, { busy: false, bigStep: 10 });
      expect(calls, shortcut.command).toHaveLength(1);
    }
  });

  it('steps by one and by the big step, but not while a shape is being placed or dragged', () => {
    const { calls, actions } = recorder();
    runViewerCommand('step-forward', actions, { busy: false, bigStep: 10 });
    runViewerCommand('big-step-back', actions, { busy: false, bigStep: 10 });
    runViewerCommand('step-forward', actions, { busy: true, bigStep: 10 });
    runViewerCommand('undo', actions, { busy: true, bigStep: 10 });
    expect(calls).toEqual(['stepBy(1)', 'stepBy(-10)', 'undo']);
  });

  it('never lets an in/out range invert', () => {
    expect(withIn({ in: null, out: 50 }, 20)).toEqual({ in: 20, out: 50 });
    expect(withIn({ in: null, out: 50 }, 60)).toEqual({ in: 60, out: null });
    expect(withOut({ in: 30, out: null }, 80)).toEqual({ in: 30, out: 80 });
    expect(withOut({ in: 30, out: null }, 10)).toEqual({ in: null, out: 10 });
  });
});
