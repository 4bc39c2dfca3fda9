import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProjectDb } from '../../../main/project/db.ts';
import { startApp, tempDir, writeRealVideo } from './helpers.ts';

/**
 * kill -9 at random moments while a child process edits a project as fast as it can. Every edit the child
 * acknowledged (printed after its commit returned) must be there when the project is opened again, and the
 * database must pass PRAGMA integrity_check. Edits the child started but did not acknowledge may or may not
 * have landed — that is the only freedom the check allows.
 */

const ITERATIONS = 40;
const dir = tempDir();
afterAll(() => dir.remove());

type Known = { present: true; seq: number } | { present: false };

interface Run {
  lines: string[];
  killedBeforeReady: boolean;
}

/**
 * Kills the writer `delayMs` after it says 'ready' (or after spawning, for the start-up case): counting from
 * 'ready' keeps the kill among the edits however slowly a loaded machine starts the child.
 */
function runAndKill(args: string[], delayMs: number, from: 'ready' | 'spawn'): Promise<Run> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'fixtures', 'crash-writer.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let timer: NodeJS.Timeout | undefined;
  const arm = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (from === 'ready' && /^ready$/m.test(out)) arm();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  if (from === 'spawn') arm();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer ended by itself (${signal}): ${err}`));
        return;
      }
      // Only complete lines count: a line cut by the kill was never fully acknowledged.
      const lines = out.split('\n').slice(0, -1);
      resolve({ lines, killedBeforeReady: !lines.includes('ready') });
    });
  });
}

describe('crash safety (kill -9 while editing)', () => {
  it(`keeps every acknowledged edit and an intact database over ${ITERATIONS} kills`, async () => {
    const path = join(dir.path, 'crash.midstance');
    const app = startApp(join(dir.path, 'data'));
    await app.call('project.create', { path });
    const client = await app.call('clients.create', { name: 'Crash Test' });
    const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-01-01' });
    const clip = await app.call('clips.add', {
      path: await writeRealVideo(join(dir.path, 'clip.mp4')),
      sessionId: session.record.id,
    });
    await app.call('project.close', {});

    const known = new Map<string, Known>();
    let notesSeq = 0;
    let acks = 0;
    let killedBeforeReady = 0;

    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      const firstSeq = (iteration + 1) * 1_000_000;
      // Every fifth kill lands during start-up (opening, migrations); the rest while edits are committed.
      const duringStartUp = iteration % 5 === 4;
      const delay = duringStartUp ? 60 + Math.floor(Math.random() * 400) : Math.floor(Math.random() * 400);
      const run = await runAndKill(
        [path, clip.record.id, session.record.id, String(firstSeq), join(dir.path, 'data-child')],
        delay,
        duringStartUp ? 'spawn' : 'ready',
      );
      if (run.killedBeforeReady) killedBeforeReady++;

      const pendingDeletes = new Set<string>();
      const acked = new Set<string>();
      for (const line of run.lines) {
        const [phase, op, id, seqText] = line.split(' ');
        if (phase !== 'intent' && phase !== 'ack') continue;
        const seq = Number(seqText);
        const key = `${op} ${id} ${seq}`;
        if (phase === 'intent') {
          if (op === 'delete') pendingDeletes.add(id!);
          continue;
        }
        acked.add(key);
        acks++;
        if (op === 'create' || op === 'update') known.set(id!, { present: true, seq });
        if (op === 'delete') {
          known.set(id!, { present: false });
          pendingDeletes.delete(id!);
        }
        if (op === 'notes') notesSeq = seq;
      }

      const opened = await openProjectDb(path);
      try {
        const { db } = opened;
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const rows = new Map(
          (db.prepare('SELECT id, label FROM annotations').all() as { id: string; label: string }[]).map((row) => [
            row.id,
            Number(row.label.slice('seq:'.length)),
          ]),
        );
        for (const [id, expected] of known) {
          const stored = rows.get(id);
          if (!expected.present) {
            expect(stored, `acknowledged delete of ${id} undone`).toBeUndefined();
          } else if (stored === undefined) {
            // Only an unacknowledged delete may have removed an acknowledged annotation.
            expect(pendingDeletes.has(id), `acknowledged annotation ${id} (seq ${expected.seq}) lost`).toBe(true);
            known.set(id, { present: false });
          } else {
            expect(stored, `annotation ${id} older than acknowledged`).toBeGreaterThanOrEqual(expected.seq);
          }
        }
        const findings = db.prepare('SELECT findings FROM sessions WHERE id = ?').pluck().get(session.record.id) as string;
        expect(findings === '' ? 0 : Number(findings.slice('seq:'.length))).toBeGreaterThanOrEqual(notesSeq);
      } finally {
        opened.db.close();
      }
    }

    // The run must have exercised the interesting cases, not just killed idle processes.
    expect(acks).toBeGreaterThan(ITERATIONS * 5);
    expect(killedBeforeReady).toBeLessThan(ITERATIONS);
    console.info(`crash safety: ${ITERATIONS} kills, ${acks} acknowledged edits checked, ${killedBeforeReady} kills during start-up`);
  }, 90_000);
});
