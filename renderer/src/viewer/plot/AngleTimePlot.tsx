import { memo, useCallback, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GaitEvent } from '../../../../common/contract/project.ts';
import type { UiLanguage } from '../../../../common/geometry/conventions.ts';
import { axisTicks, formatDegrees, gaps, seriesPath, valueAt, valueExtent, valueToY } from '../../../../common/plot/angle-plot.ts';
import { frameAtClientX, framePercent, innerBox, frameX } from '../../../../common/plot/frame-scale.ts';
import type { PlotLine, PlotPoint } from '../../../../common/plot/plot-lines.ts';
import { KIND_GLYPH } from '../gait/gait-labels.ts';
import { useElementSize } from '../use-element-size.ts';
import '../../styles/plot.css';
import { clampPlotHeight, PLOT_HEIGHT, usePlotPanel } from './use-plot-panel.ts';

export interface AngleTimePlotProps {
  /** One per measurement bound to tracks (common/plot/plot-lines.ts), values in the convention shown. */
  lines: readonly PlotLine[];
  events: readonly GaitEvent[];
  frameCount: number;
  current: number;
  language: UiLanguage;
  onSeek(frame: number): void;
  /** The tracks are still loading: say nothing yet rather than "nothing bound". */
  loading?: boolean;
}

/** Pixels kept free above and below the highest and lowest tick, so a line on the edge is not cut in half. */
const INSET = 7;

/**
 * The value of each measurement bound to tracks on every frame, under the timeline and over the same width
 * (common/plot/frame-scale.ts), with the current frame, the gait events, per-stride extremes and the norm band.
 * Stepping and playback re-render only the cursor and the values in the header: the drawing is memoised on the
 * series, so a 10,000-frame path is built once, not per frame.
 */
export function AngleTimePlot({ lines, events, frameCount, current, language, onSeek, loading = false }: AngleTimePlotProps) {
  const { t } = useTranslation();
  const panel = usePlotPanel();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const shown = useMemo(() => lines.filter((line) => !hidden.has(line.id)), [lines, hidden]);
  const bodyId = useId();

  const valuesText = shown
    .map((line) => {
      const value = valueAt(line.series, current);
      return `${line.name}: ${value === null ? t('plot.noValue') : `${formatDegrees(value, language)} ${line.conventionText}`}`;
    })
    .join('; ');

  return (
    <section className={`angle-plot${panel.collapsed ? ' collapsed' : ''}`} data-testid="angle-plot" aria-label={t('plot.title')}>
      <div className="angle-plot-head">
        <button type="button" className="angle-plot-toggle" aria-expanded={!panel.collapsed} aria-controls={bodyId} onClick={panel.toggle} title={panel.collapsed ? t('plot.expand') : t('plot.collapse')}>
          <svg className="pj-chevron" viewBox="0 0 10 10" aria-hidden="true">
            <path d="M3.5 2 L7 5 L3.5 8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t('plot.title')}
        </button>
        {!loading && lines.length === 0 && !panel.collapsed && (
          // On the title's line: under two stacked viewers every line of height is taken from the frames.
          <span className="angle-plot-empty" data-testid="plot-empty">
            {t('plot.empty')}
          </span>
        )}
        {lines.length > 0 && (
          <ul className="angle-plot-legend" aria-label={t('plot.lines')}>
            {lines.map((line) => {
              const value = valueAt(line.series, current);
              const on = !hidden.has(line.id);
              return (
                <li key={line.id}>
                  <label className="angle-plot-line-toggle" data-testid="plot-line" data-line={line.id}>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() =>
                        setHidden((was) => {
                          const next = new Set(was);
                          if (on) next.add(line.id);
                          else next.delete(line.id);
                          return next;
                        })
                      }
                    />
                    <span className="angle-plot-swatch" style={{ background: line.color }} aria-hidden="true" />
                    <span className="angle-plot-name">{line.name}</span>
                    <span className="angle-plot-convention">{line.conventionText}</span>
                    <span className="angle-plot-value" data-testid="plot-value">
                      {value === null ? '—' : formatDegrees(value, language)}
                    </span>
                    {line.atEvents?.stat && (
                      <span className="angle-plot-at-events" data-testid="plot-at-events">
                        {line.atEvents.stat.n > 1 && line.atEvents.stat.sd !== null
                          ? t('plot.atEvents', {
                              kind: `${KIND_GLYPH[line.atEvents.kind]} ${t(`gait.kind.${line.atEvents.kind}`)}`,
                              mean: formatDegrees(line.atEvents.stat.mean, language),
                              sd: formatDegrees(line.atEvents.stat.sd, language),
                              n: line.atEvents.stat.n,
                            })
                          : t('plot.atEventsOne', { kind: `${KIND_GLYPH[line.atEvents.kind]} ${t(`gait.kind.${line.atEvents.kind}`)}`, mean: formatDegrees(line.atEvents.stat.mean, language) })}
                      </span>
                    )}
                    {line.missing.length > 0 && <span className="angle-plot-missing">{t('plot.missing')}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <div id={bodyId} hidden={panel.collapsed}>
        {loading || lines.length === 0 ? null : (
          <PlotArea
            lines={shown}
            events={events}
            frameCount={frameCount}
            current={current}
            language={language}
            height={panel.height}
            onHeight={panel.setHeight}
            valueText={t('plot.valueText', { frame: current, values: valuesText })}
            onSeek={onSeek}
          />
        )}
      </div>
    </section>
  );
}

/** The plot itself (mounted once there is a line, so its size is measured from the start) and its resize handle. */
function PlotArea({
  lines,
  events,
  frameCount,
  current,
  language,
  height,
  onHeight,
  valueText,
  onSeek,
}: Omit<AngleTimePlotProps, 'lines' | 'loading'> & { lines: readonly PlotLine[]; height: number; onHeight(height: number): void; valueText: string }) {
  const { t } = useTranslation();
  const areaRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(areaRef);
  // The frame under a resting pointer, with the values there: reading a curve without moving the clip.
  const [hover, setHover] = useState<number | null>(null);
  const frameAtPointer = (clientX: number) => {
    const element = areaRef.current;
    return element ? frameAtClientX(clientX, innerBox(element), frameCount) : null;
  };
  return (
    <>
      <div
        ref={areaRef}
        className="angle-plot-area"
        data-testid="plot-area"
        style={{ height }}
        role="slider"
        tabIndex={0}
        aria-label={t('plot.area')}
        aria-valuemin={0}
        aria-valuemax={Math.max(frameCount - 1, 1)}
        aria-valuenow={current}
        aria-valuetext={valueText}
        onPointerDown={(event) => {
          if (event.button !== 0) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          const frame = frameAtPointer(event.clientX);
          if (frame !== null) onSeek(frame);
        }}
        onPointerMove={(event) => {
          const frame = frameAtPointer(event.clientX);
          if (!event.currentTarget.hasPointerCapture(event.pointerId)) return setHover(frame);
          setHover(null);
          if (frame !== null) onSeek(frame);
        }}
        onPointerLeave={() => setHover(null)}
      >
        {size && size.width > 0 && (
          <PlotDrawing lines={lines} events={events} frameCount={frameCount} width={size.width} height={size.height} language={language} onSeek={onSeek} />
        )}
        {hover !== null && hover !== current && (
          <div className="angle-plot-hover" data-testid="plot-hover" style={{ left: framePercent(hover, frameCount) }}>
            <span className={`angle-plot-hover-label${hover > frameCount / 2 ? ' from-right' : ''}`}>
              {t('plot.hover', { frame: hover })}
              {lines.map((line) => {
                const value = valueAt(line.series, hover);
                return (
                  <span key={line.id} className="angle-plot-hover-value" style={{ color: line.color }}>
                    {value === null ? '—' : formatDegrees(value, language)}
                  </span>
                );
              })}
            </span>
          </div>
        )}
        <div className="angle-plot-cursor" data-testid="plot-cursor" data-frame={current} style={{ left: framePercent(current, frameCount) }} />
      </div>
      <PlotResizer height={height} onHeight={onHeight} />
    </>
  );
}

interface DrawingProps {
  lines: readonly PlotLine[];
  events: readonly GaitEvent[];
  frameCount: number;
  width: number;
  height: number;
  language: UiLanguage;
  onSeek(frame: number): void;
}

interface Dot {
  key: string;
  line: PlotLine;
  point: PlotPoint;
  label: string;
  kind: 'min' | 'max' | 'event';
}

/** Everything but the cursor: memoised, so it is drawn again only when the series, the events or the size change. */
const PlotDrawing = memo(function PlotDrawing({ lines, events, frameCount, width, height, language, onSeek }: DrawingProps) {
  const { t } = useTranslation();
  const [tip, setTip] = useState<{ x: number; y: number; text: string; name: string } | null>(null);
  const [active, setActive] = useState(0);
  const dotRefs = useRef<(SVGCircleElement | null)[]>([]);

  const band = lines.length === 1 ? (lines[0]!.band ?? null) : null;
  const extent = useMemo(() => valueExtent(lines.map((line) => line.series), band), [lines, band]);
  const axis = useMemo(() => (extent ? axisTicks(extent, height - 2 * INSET) : null), [extent, height]);
  const y = useCallback((value: number) => (axis ? valueToY(value, axis.domain, height, INSET) : height / 2), [axis, height]);
  const paths = useMemo(() => lines.map((line) => seriesPath(line.series, frameCount, width, y)), [lines, frameCount, width, y]);
  const lineGaps = useMemo(() => lines.map((line) => gaps(line.series)), [lines]);

  const sideText = (side: string) => t(`gait.side.${side}`);
  const dots = useMemo(() => {
    const out: Dot[] = [];
    for (const line of lines) {
      for (const step of line.steps) {
        for (const which of ['min', 'max'] as const) {
          const point = step[which];
          if (!point) continue;
          out.push({
            key: `${line.id}-${step.side}-${step.number}-${which}`,
            line,
            point,
            kind: which,
            label: t('plot.extreme', {
              which: t(`plot.${which}`),
              number: step.number,
              side: sideText(step.side),
              value: `${formatDegrees(point.value, language)} ${line.conventionText}`,
              frame: point.frameIndex,
            }),
          });
        }
      }
      for (const point of line.atEvents?.points ?? []) {
        out.push({
          key: `${line.id}-event-${point.frameIndex}`,
          line,
          point,
          kind: 'event',
          label: t('plot.atEvent', {
            kind: t(`gait.kind.${line.atEvents!.kind}`),
            side: line.atEvents!.side ? sideText(line.atEvents!.side) : '',
            frame: point.frameIndex,
            value: `${formatDegrees(point.value, language)} ${line.conventionText}`,
          }),
        });
      }
    }
    return out.sort((a, b) => a.point.frameIndex - b.point.frameIndex);
  }, [lines, language, t]);

  const showTip = (dot: Dot) => setTip({ x: frameX(dot.point.frameIndex, frameCount, width), y: y(dot.point.value), text: dot.label, name: dot.line.name });
  const focusDot = (index: number) => {
    const next = Math.min(dots.length - 1, Math.max(0, index));
    setActive(next);
    dotRefs.current[next]?.focus();
  };
  const onDotKey = (event: ReactKeyboardEvent, index: number) => {
    const dot = dots[index]!;
    const keys: Record<string, () => void> = {
      ArrowLeft: () => focusDot(index - 1),
      ArrowRight: () => focusDot(index + 1),
      Home: () => focusDot(0),
      End: () => focusDot(dots.length - 1),
      Enter: () => onSeek(dot.point.frameIndex),
      ' ': () => onSeek(dot.point.frameIndex),
    };
    const run = keys[event.key];
    if (!run || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
    // These keys step or play the clip elsewhere; on a dot they move between dots or go to its frame.
    event.preventDefault();
    event.stopPropagation();
    run();
  };

  if (!axis) return null;
  const decimals = axis.step < 1 ? 1 : 0;
  return (
    <>
      <svg className="angle-plot-svg" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden={dots.length === 0}>
        {band && (
          <rect className="angle-plot-band" data-testid="plot-band" x={0} width={width} y={y(band.max)} height={Math.max(1, y(band.min) - y(band.max))}>
            <title>{t('plot.band', { min: formatDegrees(band.min, language, 0), max: formatDegrees(band.max, language, 0) })}</title>
          </rect>
        )}
        {axis.ticks.map((tick) => (
          <line key={tick} className="angle-plot-grid" x1={0} x2={width} y1={y(tick)} y2={y(tick)} />
        ))}
        {events.map((event) => (
          <line
            key={event.id}
            className={`angle-plot-event ${event.side} ${event.kind}`}
            data-testid="plot-event"
            x1={frameX(event.frameIndex, frameCount, width)}
            x2={frameX(event.frameIndex, frameCount, width)}
            y1={0}
            y2={height}
          />
        ))}
        {lines.map((line, i) =>
          lineGaps[i]!.map((gap) => (
            <rect
              key={`${line.id}-gap-${gap.fromFrame}`}
              className="angle-plot-gap"
              data-testid="plot-gap"
              x={frameX(gap.fromFrame, frameCount, width)}
              width={Math.max(1, frameX(gap.toFrame, frameCount, width) - frameX(gap.fromFrame, frameCount, width))}
              y={height - 4}
              height={4}
              style={{ fill: line.color }}
            >
              <title>{t('plot.gap', { from: gap.fromFrame, to: gap.toFrame })}</title>
            </rect>
          )),
        )}
        {lines.map((line, i) => (
          <path key={line.id} className="angle-plot-line" data-testid="plot-path" data-line={line.id} d={paths[i]} style={{ stroke: line.color }} vectorEffect="non-scaling-stroke" />
        ))}
        <g role="group" aria-label={t('plot.extremes')}>
          {dots.map((dot, index) => (
            <circle
              key={dot.key}
              ref={(element) => {
                dotRefs.current[index] = element;
              }}
              className={`angle-plot-dot ${dot.kind}`}
              data-testid={`plot-${dot.kind === 'event' ? 'at-event' : dot.kind}`}
              data-frame={dot.point.frameIndex}
              cx={frameX(dot.point.frameIndex, frameCount, width)}
              cy={y(dot.point.value)}
              r={dot.kind === 'event' ? 2.5 : 3.5}
              style={{ stroke: dot.line.color, fill: dot.kind === 'max' ? dot.line.color : undefined }}
              role="button"
              tabIndex={index === Math.min(active, dots.length - 1) ? 0 : -1}
              aria-label={`${dot.line.name}: ${dot.label}`}
              onPointerDown={(event) => {
                event.stopPropagation();
                onSeek(dot.point.frameIndex);
              }}
              onPointerEnter={() => showTip(dot)}
              onPointerLeave={() => setTip(null)}
              onFocus={() => {
                setActive(index);
                showTip(dot);
              }}
              onBlur={() => setTip(null)}
              onKeyDown={(event) => onDotKey(event, index)}
            />
          ))}
        </g>
      </svg>
      <div className="angle-plot-axis" aria-hidden="true">
        {axis.ticks.map((tick) => (
          <span key={tick} className="angle-plot-tick" style={{ top: y(tick) }}>
            {formatDegrees(tick, language, decimals)}
          </span>
        ))}
      </div>
      {band && (
        <span className="angle-plot-band-label" aria-hidden="true" style={{ top: y(band.max) }}>
          {t('plot.band', { min: formatDegrees(band.min, language, 0), max: formatDegrees(band.max, language, 0) })}
        </span>
      )}
      <div className="angle-plot-glyphs" aria-hidden="true">
        {events.map((event) => (
          <span key={event.id} className={`angle-plot-glyph ${event.side}`} style={{ left: framePercent(event.frameIndex, frameCount) }}>
            {KIND_GLYPH[event.kind]}
          </span>
        ))}
      </div>
      {tip && (
        <div
          className={`angle-plot-tip${tip.y < 40 ? ' below' : ''}${tip.x < width * 0.35 ? ' from-left' : tip.x > width * 0.65 ? ' from-right' : ''}`}
          role="status" data-testid="plot-tip" style={{ left: tip.x, top: tip.y }}>
          <span className="angle-plot-tip-value">{tip.text}</span>
          <span className="angle-plot-tip-name">{tip.name}</span>
        </div>
      )}
    </>
  );
});

/** Drag (or ↑ ↓ when focused) to change the plot's height. */
function PlotResizer({ height, onHeight }: { height: number; onHeight(height: number): void }) {
  const { t } = useTranslation();
  const start = useRef<{ y: number; height: number } | null>(null);
  return (
    <div
      className="angle-plot-resizer"
      role="separator"
      aria-orientation="horizontal"
      aria-label={t('plot.resize')}
      aria-valuemin={PLOT_HEIGHT.min}
      aria-valuemax={PLOT_HEIGHT.max}
      aria-valuenow={height}
      tabIndex={0}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        start.current = { y: event.clientY, height };
      }}
      onPointerMove={(event) => {
        if (!start.current || !event.currentTarget.hasPointerCapture(event.pointerId)) return;
        onHeight(clampPlotHeight(start.current.height + event.clientY - start.current.y));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(event) => {
        const delta = event.key === 'ArrowDown' ? 10 : event.key === 'ArrowUp' ? -10 : 0;
        if (delta === 0) return;
        event.preventDefault();
        event.stopPropagation();
        onHeight(height + delta);
      }}
    />
  );
}
