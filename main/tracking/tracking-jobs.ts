import { Worker } from 'node:worker_threads';
import { type ApiErrorShape, MidstanceError } from '../../common/contract/errors.ts';
import { cancelledError } from '../media/processes.ts';
import type { TrackJobInput, TrackJobProgress, TrackJobResult } from './track-job.ts';

/**
 * Runs tracking jobs in worker threads, one per job, each cancellable by its id. The worker module sits next to
 * this one: main/tracking/track-worker.ts from source (CLI, browser mode), out/main/track-worker.js in the built app
 * (a separate entry in electron.vite.config.ts).
 */
export function createTrackingJobs() {
  const running = new Map<string, () => void>();
  const workerUrl = () =>
    import.meta.url.endsWith('.ts') ? new URL('./track-worker.ts', import.meta.url) : new URL('./track-worker.js', import.meta.url);

  return {
    run(jobId: string, input: TrackJobInput, onProgress: (progress: TrackJobProgress) => void, signal?: AbortSignal): Promise<TrackJobResult> {
      if (running.has(jobId)) throw new MidstanceError('invalid-request', 'A tracking job with this id is already running.');
      return new Promise<TrackJobResult>((resolve, reject) => {
        const worker = new Worker(workerUrl(), { workerData: input });
        let settled = false;
        const cancel = () => worker.postMessage({ type: 'cancel' });
        running.set(jobId, cancel);
        signal?.addEventListener('abort', cancel, { once: true });
        const finish = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          running.delete(jobId);
          signal?.removeEventListener('abort', cancel);
          outcome();
        };
        worker.on('message', (message: { type: string; result?: TrackJobResult; error?: ApiErrorShape } & TrackJobProgress) => {
          if (message.type === 'progress') onProgress({ done: message.done, total: message.total });
          else if (message.type === 'done') finish(() => resolve(message.result!));
          else if (message.type === 'failed') finish(() => reject(MidstanceError.fromShape(message.error!)));
        });
        worker.on('error', (error) => finish(() => reject(error)));
        worker.on('exit', () => finish(() => reject(cancelledError())));
      });
    },
    cancel(jobId: string): boolean {
      const cancel = running.get(jobId);
      cancel?.();
      return cancel !== undefined;
    },
    cancelAll(): void {
      for (const cancel of running.values()) cancel();
    },
  };
}

export type TrackingJobs = ReturnType<typeof createTrackingJobs>;
