import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { createCore } from '../../../main/core/create-core.ts';
import { dispatch, toMidstanceError } from '../../../main/core/dispatch.ts';
import { inMemoryClient } from '../../support/in-memory-client.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'midstance-core-'));
const core = createCore({ shell: 'test', dataDir });
afterAll(async () => {
  await core.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const client = inMemoryClient(core.handlers, core.events);

describe('dispatch', () => {
  it('rejects unknown calls and invalid payloads before they reach a handler', async () => {
    expect(await dispatch(core.handlers, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    expect(await dispatch(core.handlers, 'settings.update', { bigStepFrames: -3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await dispatch(core.handlers, 'settings.update', { language: 'fr' })).toMatchObject({ ok: false });
    expect(await dispatch(core.handlers, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });

  it('maps thrown service errors to typed envelopes', () => {
    expect(toMidstanceError(Object.assign(new Error('x'), { code: 'ENOSPC' })).code).toBe('disk-full');
    expect(toMidstanceError(new MidstanceError('project-locked', 'busy')).code).toBe('project-locked');
    expect(toMidstanceError(new TypeError('boom')).code).toBe('internal');
  });
});

describe('client over the contract', () => {
  it('round-trips settings and persists them for the next launch', async () => {
    const updated = await client.call('settings.update', { language: 'en', bigStepFrames: 25 });
    expect(updated).toMatchObject({ language: 'en', bigStepFrames: 25 });
    const nextLaunch = createCore({ shell: 'test', dataDir });
    expect(nextLaunch.handlers['settings.get']({}, {})).toMatchObject({ language: 'en', bigStepFrames: 25 });
  });

  it('throws MidstanceError with the user message on failure', async () => {
    await expect(client.call('files.list', { path: join(dataDir, 'missing-folder') })).rejects.toMatchObject({
      name: 'MidstanceError',
      code: 'not-found',
    });
  });

  it('keeps the recent list newest first without duplicates', async () => {
    const recent = await import('../../../main/app-state/recent-store.ts');
    const store = recent.createRecentStore(dataDir);
    store.add('video', '/a/one.mp4', new Date('2026-01-01'));
    store.add('project', '/a/p.midstance', new Date('2026-01-02'));
    const list = store.add('video', '/a/one.mp4', new Date('2026-01-03'));
    expect(list.map((item) => item.path)).toEqual(['/a/one.mp4', '/a/p.midstance']);
    expect(await client.call('recent.list', {})).toHaveLength(0); // core's store was loaded before these writes
  });

  it('queues files handed to the app and announces them', async () => {
    const seen: unknown[] = [];
    const off = client.on('app.openRequested', (payload) => seen.push(payload));
    core.requestOpen('/x/session.midstance');
    core.requestOpen('/x/clip.MOV');
    off();
    expect(seen).toEqual([
      { kind: 'project', path: '/x/session.midstance' },
      { kind: 'video', path: '/x/clip.MOV' },
    ]);
    expect(await client.call('app.takeOpenRequests', {})).toHaveLength(2);
    expect(await client.call('app.takeOpenRequests', {})).toHaveLength(0);
  });
});
