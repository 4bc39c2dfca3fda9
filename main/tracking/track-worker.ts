import { parentPort, workerData } from 'node:worker_threads';
import { MidstanceError } from '../../common/contract/errors.ts';
import { killAllProcesses } from '../media/processes.ts';
import { type TrackJobInput, runTrackJob } from './track-job.ts';

/**
 * A tracking job in its own thread, so tracking never holds up the app's main loop (IPC, frames, saves). The job's
 * ffmpeg runs from here; a 'cancel' message aborts it (killing ffmpeg) and the thread answers 'cancelled'.
 */
const controller = new AbortController();
parentPort!.on('message', (message: { type: string }) => {
  if (message.type === 'cancel') controller.abort();
});
try {
  const result = await runTrackJob(workerData as TrackJobInput, controller.signal, (progress) =>
    parentPort!.postMessage({ type: 'progress', ...progress }),
  );
  parentPort!.postMessage({ type: 'done', result });
} catch (error) {
  const shaped = error instanceof MidstanceError ? error.toShape() : new MidstanceError('internal', 'Tracking stopped with an error inside Midstance.').toShape();
  parentPort!.postMessage({ type: 'failed', error: shaped });
} finally {
  await killAllProcesses();
  parentPort!.close();
}
