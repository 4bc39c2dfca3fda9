import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { CallInput, CallName, CallOutput } from '../../../common/contract/api.ts';
import type { ApiClient } from '../../../common/contract/client.ts';
import type { MidstanceError } from '../../../common/contract/errors.ts';
import { createCore } from '../../../main/core/create-core.ts';
import { createProjectHandlers } from '../../../main/core/project-handlers.ts';
import type { Core, Handlers } from '../../../main/core/types.ts';
import { createProjectService, type ProjectService } from '../../../main/project/service.ts';
import { makeClip } from '../../fixtures/clips.ts';
import { callFailure, inMemoryClient } from '../../support/in-memory-client.ts';

export function tempDir(prefix = 'midstance-project-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Files in the folder of `path` whose names start with its name (the -wal, -shm, -journal side files). */
export function sideFiles(path: string): string[] {
  const dir = join(path, '..');
  const name = path.slice(dir.length + 1);
  return readdirSync(dir).filter((entry) => entry.startsWith(name) && entry !== name);
}

export interface TestApp {
  core: Core;
  client: ApiClient;
  dataDir: string;
  events: { name: string; payload: unknown }[];
  call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>>;
  /** The error code a call fails with (fails the test if it succeeds). */
  failure<N extends CallName>(name: N, input: CallInput<N>): Promise<MidstanceError>;
  dispose(): Promise<void>;
}

/** A real core on its own data folder, called through the contract client (inputs and outputs zod-checked). */
export function startApp(dataDir: string): TestApp {
  const core = createCore({ shell: 'test', dataDir });
  const events: { name: string; payload: unknown }[] = [];
  core.events.subscribe((name, payload) => events.push({ name, payload }));
  const client = inMemoryClient(core.handlers, core.events);
  return {
    core,
    client,
    dataDir,
    events,
    call: (name, input) => client.call(name, input),
    failure: (name, input) => callFailure(client, name, input),
    dispose: () => core.dispose(),
  };
}

/** Just the project service behind the contract client, for tests that also need the open database. */
export function startProjectService(dataDir: string): Omit<TestApp, 'core' | 'events'> & { service: ProjectService } {
  const service = createProjectService({ dataDir });
  const handlers = createProjectHandlers(service) as Handlers;
  const client = inMemoryClient(handlers);
  return {
    service,
    client,
    dataDir,
    call: (name, input) => client.call(name, input),
    failure: (name, input) => callFailure(client, name, input),
    dispose: async () => service.dispose(),
  };
}

/** A real (tiny, generated) video at path: the full core probes a file before it becomes a clip. */
export async function writeRealVideo(path: string): Promise<string> {
  mkdirSync(dirname(path), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'midstance-real-video-'));
  try {
    const clip = await makeClip({ width: 64, height: 48, fps: 30, frames: 3, codec: 'h264', gop: 3 }, scratch);
    copyFileSync(clip.path, path);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return path;
}

/** A fake video: random bytes of the given size (the project layer never decodes it). */
export function writeVideo(path: string, size: number, seed = 1): string {
  mkdirSync(dirname(path), { recursive: true });
  const bytes = Buffer.alloc(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  writeFileSync(path, bytes);
  return path;
}

export const STYLE = { color: '#ff3300', strokeWidth: 2 } as const;

export function goniometer(x: number) {
  return {
    kind: 'goniometer' as const,
    points: [
      { x: 100, y: 100 },
      { x: 200 + x, y: 300 },
      { x: 120, y: 500 },
    ] as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }],
  };
}

/**
 * Raw SQLite look at what is really in a closed project file: an in-memory copy, so the check itself
 * neither changes the file nor leaves side files.
 */
export function inspectRaw<T>(path: string, read: (db: Database.Database) => T): T {
  if (existsSync(`${path}-wal`)) throw new Error(`${path} is still open (it has a -wal file)`);
  const image = readFileSync(path);
  image[18] = 1;
  image[19] = 1;
  const db = new Database(image, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export const exists = existsSync;
