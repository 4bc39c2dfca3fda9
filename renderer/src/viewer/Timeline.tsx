import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { frameAtClientX, framePercent, innerBox } from '../../../common/plot/frame-scale.ts';
import { timelineTicks } from './timeline-ticks.ts';
import { useElementSize } from './use-element-size.ts';

export interface TimelineMark {
  frame: number;
  kind: 'annotation' | 'event';
  label: string;
}

export interface TimelineProps {
  frameCount: number;
  current: number;
  range: { in: number | null; out: number | null };
  marks: TimelineMark[];
  onSeek(frame: number): void;
  /** Real (capture) time of a frame for the ruler's numbers, e.g. "1,250 s". */
  timeLabel?(frame: number): string;
  /** A lane above the track over the same width (gait events). */
  lane?: ReactNode;
  /** Below the ruler over the same width (the angle-over-time plot). */
  below?: ReactNode;
}

/** A scrub bar over the whole clip: drag to scrub, with in/out range and marks for annotated frames. */
export function Timeline({ frameCount, current, range, marks, onSeek, timeLabel, lane, below }: TimelineProps) {
  const { t } = useTranslation();
  const trackRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(trackRef);
  const ticks = size ? timelineTicks(frameCount, size.width) : [];
  const last = Math.max(frameCount - 1, 1);
  const percent = (frame: number) => framePercent(frame, frameCount);

  const frameAtPointer = (clientX: number) => {
    const element = trackRef.current;
    return (element && frameAtClientX(clientX, innerBox(element), frameCount)) ?? current;
  };

  return (
    <div className="timeline-bar">
      {lane}
      <div
        ref={trackRef}
        className="timeline-track"
        role="slider"
        tabIndex={0}
        aria-label={t('viewer.timeline')}
        aria-valuemin={0}
        aria-valuemax={last}
        aria-valuenow={current}
        aria-valuetext={t('viewer.frameOf', { frame: current, count: frameCount })}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          onSeek(frameAtPointer(event.clientX));
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) onSeek(frameAtPointer(event.clientX));
        }}
      >
        {range.in !== null && (
          <div
            className="timeline-range"
            style={{ left: percent(range.in), width: `calc(${percent((range.out ?? last) - range.in)})` }}
          />
        )}
        {marks.map((mark) => (
          <span
            key={`${mark.kind}-${mark.frame}-${mark.label}`}
            className={`timeline-mark ${mark.kind}`}
            style={{ left: percent(mark.frame) }}
            title={mark.label}
          />
        ))}
        <div className="timeline-playhead" style={{ left: percent(current) }} />
      </div>
      <div className="timeline-ruler" aria-hidden="true" data-testid="timeline-ruler">
        {ticks.map((tick) => (
          <span key={tick.frame} className={`timeline-tick${tick.labelled ? ' labelled' : ''}`} style={{ left: percent(tick.frame) }}>
            {tick.labelled && (
              <span className="timeline-tick-label">
                <span className="timeline-tick-frame">{tick.frame}</span>
                {timeLabel && <span className="timeline-tick-time">{timeLabel(tick.frame)}</span>}
              </span>
            )}
          </span>
        ))}
      </div>
      {below}
    </div>
  );
}
