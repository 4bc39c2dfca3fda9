import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PoseDetectResult } from '../../../../common/contract/pose.ts';
import { isMidstanceError } from '../../../../common/contract/errors.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { ErrorMessage } from '../../app/errors.tsx';
import '../../styles/pose.css';

type State =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; done: number; total: number }
  | { status: 'done'; result: PoseDetectResult }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

const newJobId = () => `pose-${crypto.randomUUID()}`;

/**
 * "Detect landmarks" for the open clip: runs the pose model in the core (progress, Cancel) and
 * reports what was proposed. The proposals are pose tracks; they are checked and accepted where
 * tracks are shown.
 */
export function LandmarkDetection({ clipId, mediaId }: { clipId: string; mediaId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<State>({ status: 'idle' });
  const running = useRef<string | null>(null);

  useEffect(
    () =>
      api.on('pose.progress', (progress) => {
        if (progress.jobId !== running.current) return;
        setState({ status: 'running', jobId: progress.jobId, done: progress.done, total: progress.total });
      }),
    [api],
  );
  // Leaving the clip stops its detection: nothing half-done is stored.
  useEffect(
    () => () => {
      if (running.current) void api.call('pose.cancel', { jobId: running.current }).catch(() => undefined);
    },
    [api],
  );

  const detect = useCallback(
    async (redo: boolean) => {
      const jobId = newJobId();
      running.current = jobId;
      setState({ status: 'running', jobId, done: 0, total: 0 });
      try {
        const result = await api.call('pose.detect', { clipId, mediaId, jobId, redo });
        setState({ status: 'done', result });
      } catch (error) {
        setState(isMidstanceError(error) && error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error });
      } finally {
        if (running.current === jobId) running.current = null;
      }
    },
    [api, clipId, mediaId],
  );

  const cancel = () => {
    if (running.current) void api.call('pose.cancel', { jobId: running.current });
  };

  return (
    <div className="pose-bar" role="group" aria-label={t('pose.bar')}>
      <span className="pose-bar-label">{t('pose.bar')}</span>
      {state.status === 'running' ? (
        <>
          <progress className="pose-progress" max={Math.max(1, state.total)} value={state.done} aria-label={t('pose.bar')} />
          <span role="status" className="pose-status">
            {state.total === 0 || state.done === 0
              ? t('pose.loading')
              : t('pose.progress', { done: state.done, total: state.total, percent: Math.floor((state.done * 100) / state.total) })}
          </span>
          <button type="button" onClick={cancel}>
            {t('pose.cancel')}
          </button>
        </>
      ) : (
        <>
          <button type="button" title={state.status === 'done' ? t('pose.againHint') : t('pose.detectHint')} onClick={() => void detect(state.status === 'done')}>
            {state.status === 'done' ? t('pose.again') : state.status === 'failed' ? t('pose.tryAgain') : t('pose.detect')}
          </button>
          <span role="status" className="pose-status">
            {state.status === 'idle' && <span className="muted">{t('pose.detectHint')}</span>}
            {state.status === 'cancelled' && t('pose.cancelled')}
            {state.status === 'failed' && (
              <span className="pose-error">
                <ErrorMessage error={state.error} />
              </span>
            )}
            {state.status === 'done' && <DoneText result={state.result} />}
          </span>
        </>
      )}
    </div>
  );
}

function DoneText({ result }: { result: PoseDetectResult }) {
  const { t } = useTranslation();
  if (result.cached) return <>{t('pose.doneCached')}</>;
  return (
    <>
      {t('pose.done', { count: result.trackIds.length, frames: result.frames })}
      {result.missed > 0 && <> {t('pose.missed', { count: result.missed })}</>}
      {result.coincidentFrames > 0 && <> {t('pose.uncertain', { count: result.coincidentFrames })}</>}
    </>
  );
}
