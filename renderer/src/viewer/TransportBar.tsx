import { useTranslation } from 'react-i18next';
import { PLAYBACK_SPEEDS, type PlaybackSpeed, speedLabel } from './playback.ts';

export interface TransportBarProps {
  playing: boolean;
  speed: PlaybackSpeed;
  loop: boolean;
  range: { in: number | null; out: number | null };
  fadeNeighbours: boolean;
  canUndo: boolean;
  canRedo: boolean;
  zoomPercent: number;
  bigStep: number;
  onStep(delta: number): void;
  onTogglePlay(): void;
  onSpeed(speed: PlaybackSpeed): void;
  onToggleLoop(): void;
  onMarkIn(): void;
  onMarkOut(): void;
  onClearRange(): void;
  onToggleFade(): void;
  onUndo(): void;
  onRedo(): void;
  onFit(): void;
  onActualSize(): void;
  onZoom(factor: number): void;
  onShortcuts(): void;
}

export function TransportBar(props: TransportBarProps) {
  const { t } = useTranslation();
  return (
    <div className="transport" role="toolbar" aria-label={t('viewer.transport')}>
      <div className="transport-group">
        <button type="button" onClick={() => props.onStep(-props.bigStep)} aria-label={t('viewer.backN', { n: props.bigStep })} title="Shift+←">
          «
        </button>
        <button type="button" onClick={() => props.onStep(-1)} aria-label={t('commands.step-back')} title="←">
          ‹
        </button>
        <button type="button" className="play" onClick={props.onTogglePlay} aria-label={props.playing ? t('viewer.pause') : t('viewer.play')} title={t('keys.space')}>
          {props.playing ? '❚❚' : '▶'}
        </button>
        <button type="button" onClick={() => props.onStep(1)} aria-label={t('commands.step-forward')} title="→">
          ›
        </button>
        <button type="button" onClick={() => props.onStep(props.bigStep)} aria-label={t('viewer.forwardN', { n: props.bigStep })} title="Shift+→">
          »
        </button>
        <select aria-label={t('viewer.speed')} value={String(props.speed)} onChange={(event) => props.onSpeed(parseSpeed(event.target.value))}>
          {PLAYBACK_SPEEDS.map((speed) => (
            <option key={String(speed)} value={String(speed)}>
              {speed === 'file' ? t('viewer.fileSpeed') : t('viewer.realSpeed', { speed: speedLabel(speed) })}
            </option>
          ))}
        </select>
      </div>
      <div className="transport-group">
        <button type="button" onClick={props.onMarkIn} title="I" aria-label={t('commands.mark-in')}>
          [{props.range.in ?? '–'}
        </button>
        <button type="button" onClick={props.onMarkOut} title="O" aria-label={t('commands.mark-out')}>
          {props.range.out ?? '–'}]
        </button>
        <button type="button" onClick={props.onClearRange} aria-label={t('commands.clear-range')} title="X" disabled={props.range.in === null && props.range.out === null}>
          ⨯
        </button>
        <button type="button" aria-pressed={props.loop} onClick={props.onToggleLoop} title="L">
          {t('viewer.loop')}
        </button>
        <button type="button" aria-pressed={props.fadeNeighbours} onClick={props.onToggleFade}>
          {t('viewer.fade')}
        </button>
      </div>
      <div className="transport-group">
        <button type="button" onClick={props.onUndo} disabled={!props.canUndo} aria-label={t('commands.undo')} title="Ctrl+Z">
          ↶
        </button>
        <button type="button" onClick={props.onRedo} disabled={!props.canRedo} aria-label={t('commands.redo')} title="Ctrl+Shift+Z">
          ↷
        </button>
        <button type="button" onClick={() => props.onZoom(1 / 1.25)} aria-label={t('viewer.zoomOut')}>
          −
        </button>
        <button type="button" onClick={props.onFit} title="F">
          {t('viewer.fit')}
        </button>
        <button type="button" onClick={props.onActualSize} title="1">
          100 %
        </button>
        <button type="button" onClick={() => props.onZoom(1.25)} aria-label={t('viewer.zoomIn')}>
          +
        </button>
        <button type="button" onClick={props.onShortcuts} aria-label={t('commands.show-shortcuts')} title="?">
          ?
        </button>
      </div>
    </div>
  );
}

function parseSpeed(value: string): PlaybackSpeed {
  return value === 'file' ? 'file' : ((PLAYBACK_SPEEDS.find((speed) => String(speed) === value) ?? 1) as PlaybackSpeed);
}
