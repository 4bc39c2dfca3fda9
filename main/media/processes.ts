import { type ChildProcess, type ChildProcessByStdio, spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import { MidstanceError } from '../../common/contract/errors.ts';

/**
 * Every ffmpeg/ffprobe child goes through here: it is killed when its AbortSignal fires, and a
 * process-wide registry lets Core.dispose (and a last-resort exit hook) reap whatever is left,
 * so no decoder outlives the app or turns into a zombie.
 */
type Child = ChildProcessByStdio<Writable | null, Readable, Readable>;

const live = new Set<Child>();
/** Started ahead of need and waiting on stdin for work (a subset of `live`). */
const standby = new Set<Child>();
/** Warm-up processes (a subset of `live`), each with whether someone now waits for its frames. */
const background = new Map<Child, () => boolean>();
const stopped = new Set<Child>();
let backgroundHolds = 0;
let exitHookInstalled = false;
let started = 0;

/** Every child still running, standby processes included. */
export function liveProcessCount(): number {
  return live.size;
}

/** Children started since this process began (tests: how much work a burst of requests caused). */
export function startedProcessCount(): number {
  return started;
}

/** Children started ahead of need that have not been given work yet. */
export function standbyProcessCount(): number {
  return standby.size;
}

export interface SpawnOptions {
  signal?: AbortSignal;
  /** Lower the CPU priority (background warm-up yields to frames someone is waiting for). */
  background?: boolean;
  /** Started ahead of need: the child gets a writable stdin and waits there until claim(). */
  standby?: boolean;
  /** For background processes: someone now waits for this one's output, so never pause it. */
  waitedFor?: () => boolean;
}

export interface RunningProcess {
  child: Child;
  /** Resolves with the exit code (null when killed) once the process is gone and reaped. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
  /** A standby process is given work: it counts as a working process from now on. */
  claim(): void;
  /** Paused by holdBackground right now. */
  paused(): boolean;
}

export function startProcess(program: string, args: string[], options: SpawnOptions = {}): RunningProcess {
  if (options.signal?.aborted) throw cancelledError();
  installExitHook();
  const child = spawn(program, args, { stdio: [options.standby ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true }) as Child;
  live.add(child);
  started += 1;
  if (options.standby) standby.add(child);
  if (options.background) background.set(child, options.waitedFor ?? (() => false));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      forget(child);
      options.signal?.removeEventListener('abort', kill);
      resolve({ code, signal });
    });
    child.once('error', () => {
      // 'close' still follows for spawn errors once stdio is closed; make sure it is not tracked.
      forget(child);
      resolve({ code: -1, signal: null });
    });
  });
  options.signal?.addEventListener('abort', kill, { once: true });
  if (options.background && child.pid !== undefined) {
    try {
      // Niceness 10: warm-up keeps going but never slows down a frame someone is waiting for.
      setPriority(child.pid, 10);
    } catch {
      // Not permitted on some systems; warm-up then just competes normally.
    }
    refreshBackground();
  }
  return { child, exited, kill, claim: () => standby.delete(child), paused: () => stopped.has(child) };
}

/**
 * A child started by a library (fluent-ffmpeg spawns its own ffmpeg): tracked like ours, so Core.dispose and
 * the exit hook reap it too. Resolves once it has exited.
 */
export function adoptProcess(child: ChildProcess): Promise<void> {
  installExitHook();
  const tracked = child as Child;
  live.add(tracked);
  started += 1;
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      forget(tracked);
      return resolve();
    }
    child.once('close', () => {
      forget(tracked);
      resolve();
    });
  });
}

/** Runs a program to completion and returns its stdout; stderr is kept for error messages. */
export async function runToCompletion(
  program: string,
  args: string[],
  options: SpawnOptions & { onStdoutLine?: (line: string) => void; maxOutputBytes?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const running = startProcess(program, args, options);
  const stdoutChunks: string[] = [];
  let stderr = '';
  let pending = '';
  let outputBytes = 0;
  running.child.stdout.setEncoding('utf8');
  running.child.stdout.on('data', (chunk: string) => {
    if (options.onStdoutLine) {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        options.onStdoutLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
    } else {
      outputBytes += chunk.length;
      if (outputBytes > (options.maxOutputBytes ?? 64 * 1024 * 1024)) running.kill();
      else stdoutChunks.push(chunk);
    }
  });
  running.child.stderr.setEncoding('utf8');
  running.child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 64 * 1024) stderr += chunk;
  });
  const spawnError = new Promise<Error>((resolve) => running.child.once('error', resolve));
  const result = await Promise.race([running.exited, spawnError.then((error) => ({ error }))]);
  if ('error' in result) {
    await running.exited;
    throw result.error;
  }
  if (options.onStdoutLine && pending.length > 0) options.onStdoutLine(pending);
  if (options.signal?.aborted) throw cancelledError();
  return { code: result.code, stdout: stdoutChunks.join(''), stderr };
}

function forget(child: Child): void {
  live.delete(child);
  standby.delete(child);
  background.delete(child);
  stopped.delete(child);
}

/**
 * While someone waits for a frame, warm-up processes are paused (SIGSTOP/SIGCONT): niceness
 * alone still left them ~20 % slower cold requests on two cores. A warm-up process that a
 * request waits on keeps running. Returns the release; a no-op on Windows (no SIGSTOP).
 */
export function holdBackground(): () => void {
  backgroundHolds += 1;
  refreshBackground();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    backgroundHolds -= 1;
    refreshBackground();
  };
}

/** Applies the current holds: call when whether a warm-up process is waited for changes. */
export function refreshBackground(): void {
  if (process.platform === 'win32') return;
  for (const [child, waitedFor] of background) {
    const stop = backgroundHolds > 0 && !waitedFor();
    if (stop === stopped.has(child) || child.exitCode !== null || child.signalCode !== null) continue;
    try {
      child.kill(stop ? 'SIGSTOP' : 'SIGCONT');
      if (stop) stopped.add(child);
      else stopped.delete(child);
    } catch {
      // Gone in the meantime: its 'close' handler forgets it.
    }
  }
}

/** Warm-up processes paused right now (tests). */
export function pausedProcessCount(): number {
  return stopped.size;
}

export function cancelledError(): MidstanceError {
  return new MidstanceError('cancelled', 'Stopped before it finished.');
}

/** Kills every child still running (Core.dispose and process exit). */
export async function killAllProcesses(): Promise<void> {
  const waiting = [...live].map(
    (child) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('close', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waiting);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}
