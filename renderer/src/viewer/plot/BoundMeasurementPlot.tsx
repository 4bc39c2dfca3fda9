import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../../common/contract/annotation.ts';
import type { GaitEvent } from '../../../../common/contract/project.ts';
import type { AngleConvention, UiLanguage } from '../../../../common/geometry/conventions.ts';
import { plotLines, type PlotLine, type PlotLineOptions } from '../../../../common/plot/plot-lines.ts';
import { isBound, type TrackPointsById } from '../../../../common/tracking/track-measure.ts';
import { useProject } from '../../project/ProjectProvider.tsx';
import { toolInfo } from '../../../tools/registry.ts';
import { AngleTimePlot } from './AngleTimePlot.tsx';

const EMPTY_NORMS = {};

/**
 * The angle plot for a clip: its annotations bound to tracks, measured on every frame (track-measure.ts) with
 * the project's norms. Its own component, so a change to the project re-renders the plot, not the viewer.
 */
export function BoundMeasurementPlot({
  annotations,
  tracks,
  events,
  convention,
  language,
  frameCount,
  current,
  onSeek,
}: {
  annotations: readonly Annotation[];
  /** The clip's track points; a new map once they are (re)loaded. */
  tracks: TrackPointsById;
  events: readonly GaitEvent[];
  convention: AngleConvention;
  language: UiLanguage;
  frameCount: number;
  current: number;
  onSeek(frame: number): void;
}) {
  const { project } = useProject();
  const norms = project?.settings.norms ?? EMPTY_NORMS;
  useTranslation();
  // The clip's tracks arrive after its drawings: until then every binding would look like a deleted track.
  const before = useRef(tracks);
  const loading = tracks === before.current;
  // A 10,000-frame series takes tens of ms to measure: each annotation's line is kept while the annotation, the
  // tracks, the events and the options stay the same objects, so dragging another drawing measures nothing again.
  const cache = useRef(new WeakMap<Annotation, { inputs: readonly unknown[]; lines: PlotLine[] }>());
  const previous = useRef<PlotLine[]>([]);
  const lines = useMemo(() => {
    if (loading) return [];
    const options: PlotLineOptions = {
      convention,
      language,
      norms,
      unnamed: (annotation) => toolInfo(annotation.geometry.kind).name[language],
    };
    const inputs = [tracks, events, convention, language, norms];
    const next = annotations.filter(isBound).flatMap((annotation) => {
      const kept = cache.current.get(annotation);
      if (kept && kept.inputs.every((input, i) => input === inputs[i])) return kept.lines;
      const made = plotLines([annotation], tracks, events, options);
      cache.current.set(annotation, { inputs, lines: made });
      return made;
    });
    // The same lines as before stay the same array, so the drawing is not redone.
    const same = next.length === previous.current.length && next.every((line, i) => line === previous.current[i]);
    if (!same) previous.current = next;
    return previous.current;
  }, [loading, annotations, tracks, events, convention, language, norms]);
  return <AngleTimePlot loading={loading} lines={lines} events={events} frameCount={frameCount} current={current} language={language} onSeek={onSeek} />;
}
