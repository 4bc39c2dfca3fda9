import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosaver } from '../../../renderer/src/project/autosaver.ts';

/** A save call the test answers by hand, to control order and failure. */
function controlledCall() {
  const calls: { value: unknown; resolve: (savedAt: string) => void; reject: (error: Error) => void }[] = [];
  const run = (value: unknown) => () =>
    new Promise<{ savedAt: string }>((resolve, reject) => {
      calls.push({ value, resolve: (savedAt) => resolve({ savedAt }), reject });
    });
  return { calls, run };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosaver', () => {
  it('sends only the last draft after the pause, and shows saving until it is committed', async () => {
    const saver = createAutosaver({ delayMs: 400 });
    const { calls, run } = controlledCall();
    saver.schedule('goals', 'Sub', run('Sub'));
    await vi.advanceTimersByTimeAsync(200);
    saver.schedule('goals', 'Sub 40', run('Sub 40'));
    await vi.advanceTimersByTimeAsync(399);
    expect(calls).toHaveLength(0);
    expect(saver.status().kind).toBe('saving');
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.value)).toEqual(['Sub 40']);
    calls[0]!.resolve('2025-03-12T13:02:11.000Z');
    await settle();
    expect(saver.status()).toEqual({ kind: 'saved', savedAt: '2025-03-12T13:02:11.000Z' });
    expect(saver.fieldState('goals')).toBe('clean');
    expect(saver.draft('goals')).toBeNull();
  });

  it('flushOnUnload sends every unacknowledged draft at once, also one already on its way (it may be cut off)', async () => {
    const saver = createAutosaver({ delayMs: 400 });
    const { calls, run } = controlledCall();
    saver.schedule('notes', 'Knee', run('Knee'));
    void saver.flush('notes');
    await settle();
    expect(calls.map((c) => c.value)).toEqual(['Knee']);
    saver.schedule('goals', 'Sub 40', run('Sub 40'));
    saver.schedule('notes', 'Knee valgus', run('Knee valgus'));

    saver.flushOnUnload();
    await settle();
    // No waiting for the pause nor for the answer to 'Knee': the newest text of each field goes now.
    expect(calls.map((c) => c.value)).toEqual(['Knee', 'Knee valgus', 'Sub 40']);
    expect(saver.status().kind).toBe('saving');
  });

  it('a form holding unsubmitted text keeps the status from saying "saved"', async () => {
    const saver = createAutosaver({ delayMs: 400 });
    saver.noteSaved('2025-03-12T13:02:11.000Z');
    saver.holdUnsubmitted('new-client', true);
    expect(saver.status()).toEqual({ kind: 'unsubmitted' });
    expect(saver.hasUnsaved()).toBe(true);
    saver.holdUnsubmitted('new-client', false);
    expect(saver.status()).toEqual({ kind: 'saved', savedAt: '2025-03-12T13:02:11.000Z' });
  });

  it('discard drops the drafts of a record that is gone', async () => {
    const saver = createAutosaver({ delayMs: 400 });
    const { calls, run } = controlledCall();
    saver.schedule('annotation:a1:text', 'Heel', run('Heel'));
    saver.schedule('annotation:a2:text', 'Toe', run('Toe'));
    saver.discard('annotation:a1:');
    await vi.advanceTimersByTimeAsync(400);
    expect(calls.map((c) => c.value)).toEqual(['Toe']);
    expect(saver.draft('annotation:a1:text')).toBeNull();
  });

  it('flush sends at once (blur) and resolves after the answer', async () => {
    const saver = createAutosaver({ delayMs: 400 });
    const { calls, run } = controlledCall();
    saver.schedule('a', 'x', run('x'));
    const flushed = saver.flush('a');
    await settle();
    expect(calls).toHaveLength(1);
    let done = false;
    void flushed.then(() => (done = true));
    await settle();
    expect(done).toBe(false);
    calls[0]!.resolve('2025-01-01T00:00:01.000Z');
    await settle();
    expect(done).toBe(true);
    // The timer of the flushed draft does not send it a second time.
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
  });

  it('never has two calls of one field on their way: a newer draft waits, then goes', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    const { calls, run } = controlledCall();
    saver.schedule('a', 'one', run('one'));
    await vi.advanceTimersByTimeAsync(10);
    saver.schedule('a', 'two', run('two'));
    saver.schedule('a', 'three', run('three'));
    await vi.advanceTimersByTimeAsync(50);
    expect(calls.map((c) => c.value)).toEqual(['one']);
    calls[0]!.resolve('2025-01-01T00:00:01.000Z');
    await settle();
    expect(calls.map((c) => c.value)).toEqual(['one', 'three']);
    expect(saver.status().kind).toBe('saving');
    calls[1]!.resolve('2025-01-01T00:00:02.000Z');
    await settle();
    expect(saver.status()).toEqual({ kind: 'saved', savedAt: '2025-01-01T00:00:02.000Z' });
  });

  it('keeps a failed draft (nothing typed is lost) and sends it again on retry', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    const { calls, run } = controlledCall();
    const diskFull = new Error('The disk is full.');
    saver.schedule('complaints', 'Pain lateral knee after 5 km', run('first'));
    await vi.advanceTimersByTimeAsync(10);
    calls[0]!.reject(diskFull);
    await settle();
    expect(saver.status()).toEqual({ kind: 'failed', error: diskFull });
    expect(saver.fieldState('complaints')).toBe('failed');
    expect(saver.draft('complaints')).toEqual({ value: 'Pain lateral knee after 5 km' });
    expect(saver.hasUnsaved()).toBe(true);

    const retried = saver.retryFailed();
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.value).toBe('first');
    expect(saver.status().kind).toBe('saving');
    calls[1]!.resolve('2025-01-01T00:00:05.000Z');
    await retried;
    expect(saver.status()).toEqual({ kind: 'saved', savedAt: '2025-01-01T00:00:05.000Z' });
    expect(saver.draft('complaints')).toBeNull();
  });

  it('a newer change to a failed field replaces the failed draft and clears the failure when it saves', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    const { calls, run } = controlledCall();
    saver.schedule('a', 'v1', run('v1'));
    await vi.advanceTimersByTimeAsync(10);
    calls[0]!.reject(new Error('locked'));
    await settle();
    saver.schedule('a', 'v2', run('v2'));
    expect(saver.fieldState('a')).toBe('pending');
    expect(saver.status().kind).toBe('saving');
    await vi.advanceTimersByTimeAsync(10);
    calls[1]!.resolve('2025-01-01T00:00:03.000Z');
    await settle();
    expect(saver.fieldState('a')).toBe('clean');
    expect(saver.status().kind).toBe('saved');
  });

  it('one failing field keeps the status failed while other fields save', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    const { calls, run } = controlledCall();
    saver.schedule('a', 'x', run('a'));
    saver.schedule('b', 'y', run('b'));
    await vi.advanceTimersByTimeAsync(10);
    calls[0]!.reject(new Error('read-only'));
    calls[1]!.resolve('2025-01-01T00:00:03.000Z');
    await settle();
    expect(saver.status().kind).toBe('failed');
    expect(saver.fieldState('b')).toBe('clean');
  });

  it('tracks one-off edits and events from elsewhere, keeping the newest saved time', async () => {
    const saver = createAutosaver();
    const tracked = saver.track(Promise.resolve({ savedAt: '2025-01-01T00:00:09.000Z' }));
    expect(saver.status().kind).toBe('saving');
    await tracked;
    saver.noteSaved('2025-01-01T00:00:04.000Z');
    expect(saver.status()).toEqual({ kind: 'saved', savedAt: '2025-01-01T00:00:09.000Z' });
    const failure = new Error('no');
    await expect(saver.track(Promise.reject(failure))).rejects.toBe(failure);
    expect(saver.status()).toEqual({ kind: 'failed', error: failure });
    await saver.track(Promise.resolve({ savedAt: '2025-01-01T00:00:10.000Z' }));
    expect(saver.status().kind).toBe('saved');
  });

  it('keeps the same status object while nothing visible changed (for useSyncExternalStore)', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    const { run } = controlledCall();
    saver.schedule('a', '1', run('1'));
    const first = saver.status();
    saver.schedule('a', '12', run('12'));
    saver.schedule('b', '3', run('3'));
    expect(saver.status()).toBe(first);
  });

  it('a save call that throws synchronously counts as a failure, not a crash', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    saver.schedule('a', 'x', () => {
      throw new Error('bad input');
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(saver.fieldState('a')).toBe('failed');
  });

  it('reset forgets drafts and the saved time of the previous project', async () => {
    const saver = createAutosaver({ delayMs: 10 });
    const { calls, run } = controlledCall();
    saver.noteSaved('2025-01-01T00:00:01.000Z');
    saver.schedule('a', 'x', run('x'));
    saver.reset();
    await vi.advanceTimersByTimeAsync(50);
    expect(calls).toHaveLength(0);
    expect(saver.status()).toEqual({ kind: 'idle' });
  });
});
