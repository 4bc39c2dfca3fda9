import type { Annotation } from '../contract/annotation.ts';
import type { BodySide, GaitEvent, GaitEventKind } from '../contract/project.ts';
import { normInForce, type ProjectNorms } from '../checklist/norms.ts';
import {
  CONVENTION_LABELS,
  conventionLabelKey,
  convertValue,
  defaultRuleForKind,
  type AngleConvention,
  type UiLanguage,
} from '../geometry/conventions.ts';
import { labelText, normIn } from '../measurements/presets.ts';
import type { Stat } from '../gait/stats.ts';
import {
  isBound,
  measurementSeries,
  missingTracks,
  perStepExtremes,
  valuesAtEvents,
  type TrackPointsById,
} from '../tracking/track-measure.ts';
import type { PlotSeries, ValueRange } from './angle-plot.ts';

/**
 * What the angle-over-time plot draws for each bound angle measurement, in the convention the user chose: the
 * series (from track-measure.ts, the same values the checklist counts), the norm band, per-stride extremes and
 * the values at the marked events of the preset's kind. Nothing is measured here; values are only converted.
 */

export interface PlotPoint {
  readonly frameIndex: number;
  readonly value: number;
}

export interface PlotStep {
  readonly side: BodySide;
  /** 1-based, per foot. */
  readonly number: number;
  readonly fromFrame: number;
  readonly toFrame: number;
  /** Lowest and highest value shown (in the shown convention: interior minimum = flexion maximum). */
  readonly min: PlotPoint | null;
  readonly max: PlotPoint | null;
}

export interface PlotLine {
  /** The annotation's id. */
  readonly id: string;
  readonly color: string;
  /** The preset's name in the UI language, the free label, or the tool's name (given by the caller). */
  readonly name: string;
  /** What the value is in the shown convention: "flexion", "interior angle", "to vertical"… */
  readonly conventionText: string;
  readonly unit: '°';
  readonly series: PlotSeries;
  /** The norm in force as a range in the shown convention; null when the preset has none (or there is no preset). */
  readonly band: ValueRange | null;
  readonly steps: readonly PlotStep[];
  /** The marked events the preset is measured at (e.g. every left midstance), with the value there. */
  readonly atEvents: { readonly kind: GaitEventKind; readonly side: BodySide | null; readonly points: readonly PlotPoint[]; readonly stat: Stat | null } | null;
  /** Track ids the binding names that no longer exist. */
  readonly missing: readonly string[];
}

type Bound = Pick<Annotation, 'id' | 'geometry' | 'label' | 'trackBindings' | 'style'>;
type EventLike = Pick<GaitEvent, 'frameIndex' | 'kind' | 'side'>;

export interface PlotLineOptions {
  readonly convention: AngleConvention;
  readonly language: UiLanguage;
  readonly norms: ProjectNorms;
  /** What to call an annotation without a label (the tool's name). */
  readonly unnamed: (annotation: Bound) => string;
}

function contactsOf(events: readonly EventLike[], side: BodySide): number {
  return events.filter((e) => e.kind === 'initial-contact' && e.side === side).length;
}

/** The plot's lines: one per annotation bound to tracks that measures an angle, in the order given. */
export function plotLines(
  annotations: readonly Bound[],
  tracks: TrackPointsById,
  events: readonly EventLike[],
  options: PlotLineOptions,
): PlotLine[] {
  const lines: PlotLine[] = [];
  for (const annotation of annotations) {
    if (!isBound(annotation)) continue;
    const series = measurementSeries(annotation, tracks);
    if (series.unit !== '°') continue;
    const rule = series.preset?.rule ?? defaultRuleForKind(annotation.geometry.kind);
    if (!rule) continue;
    const { convention } = options;
    const show = (interior: number) => convertValue(rule, interior, 'interior', convention);
    const first = series.samples[0];
    const values = series.samples.map((sample) => (convention === 'interior' ? sample.value : sample.clinical));
    const preset = series.preset;
    const norm = preset ? normInForce(preset.key, options.norms) : null;
    const band = preset && norm ? normIn(preset, norm, convention) : null;

    // Strides of the preset's foot; without one, of the foot with the most marked contacts.
    const side: BodySide = preset?.side ?? (contactsOf(events, 'right') > contactsOf(events, 'left') ? 'right' : 'left');
    const steps = perStepExtremes(series, events, side).map((step, i): PlotStep => {
      const a = step.min && { frameIndex: step.min.frameIndex, value: show(step.min.value) };
      const b = step.max && { frameIndex: step.max.frameIndex, value: show(step.max.value) };
      const swap = a && b && a.value > b.value;
      return { side, number: i + 1, fromFrame: step.fromFrame, toFrame: step.toFrame, min: swap ? b : a, max: swap ? a : b };
    });

    const at = valuesAtEvents(annotation, tracks, events);
    const atEvents =
      preset && at
        ? {
            kind: preset.phase,
            side: preset.side,
            points: at.frames.flatMap((f) => (f.value === null ? [] : [{ frameIndex: f.frameIndex, value: show(f.value) }])),
            stat: at.stat ? { ...at.stat, mean: show(at.stat.mean) } : null,
          }
        : null;

    lines.push({
      id: annotation.id,
      color: annotation.style.color,
      name: labelText(annotation.label, options.language) ?? options.unnamed(annotation),
      conventionText: CONVENTION_LABELS[conventionLabelKey(rule, convention)][options.language].long,
      unit: '°',
      series: { fromFrame: first?.frameIndex ?? 0, values },
      band: band ? { min: band.min, max: band.max } : null,
      steps,
      atEvents,
      missing: missingTracks(annotation, tracks),
    });
  }
  return lines;
}
