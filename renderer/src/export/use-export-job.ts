import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExportProgress } from '../../../common/contract/export.ts';
import { isMidstanceError } from '../../../common/contract/errors.ts';
import { useApi } from '../api/ApiProvider.tsx';

export type JobState =
  | { state: 'idle' }
  | { state: 'running'; kind: 'csv' | 'png' | 'video'; progress: ExportProgress | null }
  | { state: 'done'; message: string }
  | { state: 'cancelled' }
  | { state: 'failed'; error: unknown };

/**
 * One export at a time: runs it under a fresh job id, follows its export.progress events and cancels it on
 * request or when the dialog goes away (the core then leaves no file behind).
 */
export function useExportJob() {
  const api = useApi();
  const [job, setJob] = useState<JobState>({ state: 'idle' });
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('export.progress', (progress) => {
        if (progress.jobId !== current.current) return;
        setJob((state) => (state.state === 'running' ? { ...state, progress } : state));
      }),
    [api],
  );

  const cancel = useCallback(() => {
    const id = current.current;
    if (id) api.call('export.cancel', { jobId: id }).catch(() => {});
  }, [api]);

  // Closing the dialog (or the app view) mid-export stops the export.
  useEffect(() => cancel, [cancel]);

  const run = useCallback(async <T,>(kind: 'csv' | 'png' | 'video', start: (jobId: string) => Promise<T>, describe: (result: T) => string) => {
    const jobId = `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    current.current = jobId;
    setJob({ state: 'running', kind, progress: null });
    try {
      const result = await start(jobId);
      setJob({ state: 'done', message: describe(result) });
    } catch (error) {
      setJob(isMidstanceError(error) && error.code === 'cancelled' ? { state: 'cancelled' } : { state: 'failed', error });
    } finally {
      if (current.current === jobId) current.current = null;
    }
  }, []);

  return { job, run, cancel };
}
