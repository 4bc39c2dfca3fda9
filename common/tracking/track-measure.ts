import type { Annotation, AnnotationGeometry, ImagePoint } from '../contract/annotation.ts';
import type { BodySide, GaitEvent } from '../contract/project.ts';
import type { TrackPoint } from '../contract/track.ts';
import { framesForPreset } from '../gait/guided.ts';
import { describe, type Stat } from '../gait/stats.ts';
import { measureAnnotation } from '../measurements/measure.ts';
import type { MeasurementPreset } from '../measurements/presets.ts';

/**
 * Measurements bound to tracks (pure): an annotation whose points follow tracks has a geometry, and so a value,
 * on every frame where its tracks have a confident position. The value is computed by measureAnnotation, the
 * same code that gives the annotation its value when drawn by hand, so the series, the label on the frame,
 * the checklist and the report never disagree.
 */

/** Below this confidence a tracked position is not trusted for a measurement (the tracker's "uncertain"). */
export const MIN_BOUND_CONFIDENCE = 0.5;

type BindablePoint = Pick<TrackPoint, 'frameIndex' | 'x' | 'y' | 'confidence'>;
type Bound = Pick<Annotation, 'geometry' | 'label' | 'trackBindings'>;
type EventLike = Pick<GaitEvent, 'frameIndex' | 'kind' | 'side'>;

/** A track's points by frame, for lookups. Build once per track (tracks can hold 100,000+ points). */
export type TrackPointIndex = ReadonlyMap<number, BindablePoint>;
/** Bound tracks by id. A binding whose id is absent here is a missing (deleted) track. */
export type TrackPointsById = ReadonlyMap<string, TrackPointIndex>;

export function indexTrackPoints(points: readonly BindablePoint[]): TrackPointIndex {
  return new Map(points.map((point) => [point.frameIndex, point]));
}

export function isBound(annotation: Pick<Annotation, 'trackBindings'>): boolean {
  return (annotation.trackBindings ?? []).some((trackId) => trackId !== null);
}

/** Track ids an annotation is bound to that are not in `tracks` (deleted): shown as "track missing". */
export function missingTracks(annotation: Pick<Annotation, 'trackBindings'>, tracks: TrackPointsById): string[] {
  return (annotation.trackBindings ?? []).filter((id): id is string => id !== null && !tracks.has(id));
}

/**
 * The annotation's geometry on a frame: bound points at their track's position there, unbound points where they
 * were drawn. Null when a bound track is missing, has no position on that frame or one below `minConfidence`.
 */
export function geometryOnFrame(
  annotation: Bound,
  tracks: TrackPointsById,
  frameIndex: number,
  minConfidence = MIN_BOUND_CONFIDENCE,
): AnnotationGeometry | null {
  const bindings = annotation.trackBindings;
  if (!bindings || bindings.length !== annotation.geometry.points.length) return annotation.geometry;
  const points: ImagePoint[] = [];
  for (let i = 0; i < bindings.length; i++) {
    const trackId = bindings[i];
    if (trackId === null || trackId === undefined) {
      points.push(annotation.geometry.points[i]!);
      continue;
    }
    const point = tracks.get(trackId)?.get(frameIndex);
    if (!point || point.confidence < minConfidence) return null;
    points.push({ x: point.x, y: point.y });
  }
  return { ...annotation.geometry, points } as AnnotationGeometry;
}

export interface SeriesSample {
  readonly frameIndex: number;
  /** Interior convention (as stored and as norms are stated), or cm/px for lengths; null where not measurable. */
  readonly value: number | null;
  /** Clinical convention (equal to value for lengths and single-reference angles). */
  readonly clinical: number | null;
}

export interface MeasurementSeries {
  readonly unit: '°' | 'cm' | 'px' | null;
  /** The preset the label names when it fits the tool, else null. */
  readonly preset: MeasurementPreset | null;
  /** One sample per frame of the range, in frame order. */
  readonly samples: readonly SeriesSample[];
}

/** The frames any bound track has a position on: the natural range of a series. Null when there is none. */
export function boundFrameRange(annotation: Bound, tracks: TrackPointsById): { fromFrame: number; toFrame: number } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const trackId of annotation.trackBindings ?? []) {
    const track = trackId === null ? undefined : tracks.get(trackId);
    if (!track) continue;
    for (const frame of track.keys()) {
      if (frame < from) from = frame;
      if (frame > to) to = frame;
    }
  }
  return from <= to ? { fromFrame: from, toFrame: to } : null;
}

/**
 * The value of a bound annotation on every frame of a range (default: every frame a bound track covers):
 * `{ frameIndex, value | null }`, null where a bound track has no position or too low a confidence.
 */
export function measurementSeries(
  annotation: Bound,
  tracks: TrackPointsById,
  options: { cmPerPx?: number | null; minConfidence?: number; fromFrame?: number; toFrame?: number } = {},
): MeasurementSeries {
  const cmPerPx = options.cmPerPx ?? null;
  const own = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
  const natural = boundFrameRange(annotation, tracks);
  const fromFrame = options.fromFrame ?? natural?.fromFrame;
  const toFrame = options.toFrame ?? natural?.toFrame;
  const samples: SeriesSample[] = [];
  if (fromFrame !== undefined && toFrame !== undefined) {
    for (let frameIndex = fromFrame; frameIndex <= toFrame; frameIndex++) {
      const geometry = geometryOnFrame(annotation, tracks, frameIndex, options.minConfidence);
      const measured = geometry ? measureAnnotation(geometry, annotation.label, cmPerPx) : null;
      samples.push({
        frameIndex,
        value: measured ? measured.measurement.interior : null,
        clinical: measured ? measured.measurement.clinical : null,
      });
    }
  }
  return { unit: own?.measurement.unit ?? null, preset: own?.preset ?? null, samples };
}

function sampleAt(series: MeasurementSeries, frameIndex: number): SeriesSample | null {
  const first = series.samples[0];
  if (!first) return null;
  return series.samples[frameIndex - first.frameIndex] ?? null;
}

export interface StepExtremes {
  readonly side: BodySide;
  /** The initial contact that starts the stride and the next one of the same foot (its last frame is toFrame − 1). */
  readonly fromFrame: number;
  readonly toFrame: number;
  readonly min: { frameIndex: number; value: number } | null;
  readonly max: { frameIndex: number; value: number } | null;
  /** Frames of the stride with a value. */
  readonly n: number;
}

/**
 * Minimum and maximum per stride: from one initial contact of a foot to the next initial contact of the same
 * foot (marked events), over the frames the series has a value on. Values in the interior convention.
 */
export function perStepExtremes(series: MeasurementSeries, events: readonly EventLike[], side: BodySide): StepExtremes[] {
  const contacts = [...new Set(events.filter((e) => e.kind === 'initial-contact' && e.side === side).map((e) => e.frameIndex))].sort(
    (a, b) => a - b,
  );
  const steps: StepExtremes[] = [];
  for (let i = 0; i + 1 < contacts.length; i++) {
    const fromFrame = contacts[i]!;
    const toFrame = contacts[i + 1]!;
    let min: StepExtremes['min'] = null;
    let max: StepExtremes['max'] = null;
    let n = 0;
    for (let frameIndex = fromFrame; frameIndex < toFrame; frameIndex++) {
      const value = sampleAt(series, frameIndex)?.value;
      if (value === null || value === undefined) continue;
      n++;
      if (!min || value < min.value) min = { frameIndex, value };
      if (!max || value > max.value) max = { frameIndex, value };
    }
    steps.push({ side, fromFrame, toFrame, min, max, n });
  }
  return steps;
}

export interface ValuesAtEvents {
  readonly presetKey: string;
  /** Every marked event frame of the preset's kind and foot, with the value there (null: not measurable). */
  readonly frames: readonly { frameIndex: number; value: number | null }[];
  /** Mean ± SD, n over the frames with a value (interior convention); null when none has one. */
  readonly stat: Stat | null;
}

/**
 * The value at each marked event that the annotation's preset label belongs to (e.g. knee-midstance-left →
 * every left midstance), averaged. Null when the label names no preset fitting the tool.
 */
export function valuesAtEvents(
  annotation: Bound,
  tracks: TrackPointsById,
  events: readonly EventLike[],
  options: { cmPerPx?: number | null; minConfidence?: number } = {},
): ValuesAtEvents | null {
  const own = measureAnnotation(annotation.geometry, annotation.label, options.cmPerPx ?? null);
  const preset = own?.preset;
  if (!preset) return null;
  const frames = framesForPreset(preset, events).map((frameIndex) => {
    const geometry = geometryOnFrame(annotation, tracks, frameIndex, options.minConfidence);
    const measured = geometry ? measureAnnotation(geometry, annotation.label, options.cmPerPx ?? null) : null;
    return { frameIndex, value: measured ? measured.measurement.interior : null };
  });
  const values = frames.flatMap((frame) => (frame.value === null ? [] : [frame.value]));
  return { presetKey: preset.key, frames, stat: describe(values) };
}

/**
 * What the checklist, report, measurement table and summaries count: the annotations as drawn, except that a
 * bound annotation whose label is a preset and whose tracks are all present counts once per matching marked
 * event, with its geometry at the tracks' positions on that frame (frames where it cannot be measured are left
 * out). Until such events are marked — or when a bound track was deleted — it counts as drawn on its own frame.
 */
export function annotationsAtEvents<T extends Bound & { frameIndex?: number }>(
  annotations: readonly T[],
  tracks: TrackPointsById,
  events: readonly EventLike[],
  options: { minConfidence?: number } = {},
): T[] {
  const out: T[] = [];
  for (const annotation of annotations) {
    if (!isBound(annotation) || missingTracks(annotation, tracks).length > 0) {
      out.push(annotation);
      continue;
    }
    const preset = measureAnnotation(annotation.geometry, annotation.label)?.preset;
    const frames = preset ? framesForPreset(preset, events) : [];
    if (frames.length === 0) {
      out.push(annotation);
      continue;
    }
    for (const frameIndex of frames) {
      const geometry = geometryOnFrame(annotation, tracks, frameIndex, options.minConfidence);
      if (geometry) out.push({ ...annotation, frameIndex, geometry });
    }
  }
  return out;
}

/** Every track id the annotations are bound to, once each. */
export function boundTrackIds(annotations: readonly Pick<Annotation, 'trackBindings'>[]): string[] {
  return [...new Set(annotations.flatMap((annotation) => (annotation.trackBindings ?? []).filter((id): id is string => id !== null)))];
}

/**
 * The bound tracks' points, indexed, loaded through `pointsOf` (which answers null for a track that no longer
 * exists: it stays absent, i.e. missing).
 */
export function loadBoundTracks(
  annotations: readonly Pick<Annotation, 'trackBindings'>[],
  pointsOf: (trackId: string) => readonly BindablePoint[] | null,
): TrackPointsById {
  const tracks = new Map<string, TrackPointIndex>();
  for (const id of boundTrackIds(annotations)) {
    const points = pointsOf(id);
    if (points) tracks.set(id, indexTrackPoints(points));
  }
  return tracks;
}

/** What a clip's measurements are counted from: its annotations, and for bound ones its tracks and marked events. */
export interface ClipMeasurements<T> {
  readonly annotations: readonly T[];
  readonly tracks?: TrackPointsById;
  readonly events?: readonly EventLike[];
}

/** annotationsAtEvents for a clip given as ClipMeasurements (without tracks: the annotations as drawn). */
export function countedAnnotations<T extends Bound & { frameIndex?: number }>(clip: ClipMeasurements<T>): readonly T[] {
  return clip.tracks ? annotationsAtEvents(clip.annotations, clip.tracks, clip.events ?? []) : clip.annotations;
}

/**
 * The annotations as shown on a frame: unbound ones on their own frame; a bound one on every frame where its
 * tracks have a confident position, drawn there (so its label shows that frame's value); a bound one whose track
 * was deleted on its own frame, as stored.
 */
export function annotationsOnFrame<T extends Bound & { frameIndex: number }>(
  annotations: readonly T[],
  tracks: TrackPointsById,
  frameIndex: number,
  options: { minConfidence?: number } = {},
): T[] {
  const out: T[] = [];
  for (const annotation of annotations) {
    if (!isBound(annotation) || missingTracks(annotation, tracks).length > 0) {
      if (annotation.frameIndex === frameIndex) out.push(annotation);
      continue;
    }
    const geometry = geometryOnFrame(annotation, tracks, frameIndex, options.minConfidence);
    if (geometry) out.push(geometry === annotation.geometry ? annotation : { ...annotation, geometry });
  }
  return out;
}

/**
 * Snapping while drawing: each point within `radius` (image pixels) of a track's position on the frame moves onto
 * it and is bound to that track (the nearest one wins; a track binds at most one point of a drawing).
 */
export function snapToTracks(
  points: readonly ImagePoint[],
  positions: readonly { trackId: string; x: number; y: number }[],
  radius: number,
): { points: ImagePoint[]; bindings: (string | null)[] } {
  const used = new Set<string>();
  const snapped: ImagePoint[] = [];
  const bindings: (string | null)[] = [];
  for (const point of points) {
    let best: { trackId: string; x: number; y: number } | null = null;
    let bestDistance = radius;
    for (const position of positions) {
      if (used.has(position.trackId)) continue;
      const distance = Math.hypot(position.x - point.x, position.y - point.y);
      if (distance <= bestDistance) {
        best = position;
        bestDistance = distance;
      }
    }
    if (best) used.add(best.trackId);
    snapped.push(best ? { x: best.x, y: best.y } : point);
    bindings.push(best ? best.trackId : null);
  }
  return { points: snapped, bindings };
}

/** Positions of the tracks on a frame (any confidence: the user sees and chooses them). */
export function trackPositionsOnFrame(tracks: TrackPointsById, frameIndex: number): { trackId: string; x: number; y: number }[] {
  const positions: { trackId: string; x: number; y: number }[] = [];
  for (const [trackId, points] of tracks) {
    const point = points.get(frameIndex);
    if (point) positions.push({ trackId, x: point.x, y: point.y });
  }
  return positions;
}
