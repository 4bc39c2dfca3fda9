import { describe, expect, it } from 'vitest';
import { createUndoStack, recordEdit } from '../../../renderer/src/viewer/undo-stack.ts';

describe('one undo history, edits recorded before their write answers', () => {
  it('undoes the edit made last even while its write is still under way', async () => {
    const stack = createUndoStack();
    const log: string[] = [];
    await recordEdit(stack, 'drawing', Promise.resolve('a'), async () => void log.push('undo drawing'), async () => void log.push('redo drawing'));
    let answer!: (value: string) => void;
    const pending = new Promise<string>((resolve) => (answer = resolve));
    const written = recordEdit(stack, 'gait event', pending, async (id) => void log.push(`undo gait ${id}`), async (id) => void log.push(`redo gait ${id}`));
    // Ctrl+Z at once: it must wait for the gait write and undo that, not the drawing.
    const undone = stack.undo();
    answer('e1');
    await written;
    await undone;
    await stack.redo();
    await stack.undo();
    await stack.undo();
    expect(log).toEqual(['undo gait e1', 'redo gait e1', 'undo gait e1', 'undo drawing']);
  });

  it('keeps a failed write on the history as an entry that changes nothing', async () => {
    const stack = createUndoStack();
    const log: string[] = [];
    await expect(recordEdit(stack, 'x', Promise.reject(new Error('disk full')), async () => void log.push('undo'), async () => void log.push('redo'))).rejects.toThrow('disk full');
    expect(await stack.undo()).toBe(true);
    expect(log).toEqual([]);
  });
});
