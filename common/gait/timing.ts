import type { BodySide, GaitEventKind } from '../contract/project.ts';
import { captureTimeAt, frameDurationMs, type RateInfo, type TimedFrames } from '../media-time.ts';
import { asymmetryPercent, describe, type Stat } from './stats.ts';

/**
 * Running timing from marked gait events. Pure: the UI, the CLI and the report all call this.
 *
 * Phases (each attributed to one foot):
 * - contact: IC → TO of the same foot (the foot's own);
 * - flight: TO → the next IC, which must be the other foot's (the foot that took off);
 * - step: IC → the next IC, which must be the other foot's (the foot that lands, as "left step" is the step
 *   that ends on the left foot);
 * - stride: IC → the next IC of the same foot, with one complete contact in between (the foot's own).
 * Times are real (capture) time between the frames' own timestamps, via common/media-time.ts.
 * Marks that do not fit (two ICs in a row on one foot, a TO without its IC, the other foot landing before
 * this one took off, …) are reported as problems with their frame and never paired into a figure.
 */

export interface GaitMark {
  id?: string;
  frameIndex: number;
  kind: GaitEventKind;
  side: BodySide;
}

export interface GaitTimingInput {
  events: readonly GaitMark[];
  frames: TimedFrames;
  rates: RateInfo;
  /** The file's frame intervals vary (variable frame rate or drops): MediaInfo.timing.irregular. */
  irregularTiming: boolean;
  /** Belt speed, for step length; null when not set. */
  treadmillSpeedKmh: number | null;
  /** Asymmetry above this is flagged (project setting). */
  asymmetryThresholdPct: number;
}

export interface Phase {
  side: BodySide;
  fromFrame: number;
  toFrame: number;
  ms: number;
}

export interface Stride extends Phase {
  /** Contact time of the contact that starts the stride. */
  contactMs: number;
}

export interface PerSide<T> {
  left: T;
  right: T;
  all: T;
}

export type GaitProblemCode =
  | 'repeated-contact'
  | 'toe-off-without-contact'
  | 'zero-contact'
  | 'overlapping-contact'
  | 'midstance-outside-contact';

export interface GaitProblem {
  code: GaitProblemCode;
  frameIndex: number;
  side: BodySide;
  /** The event the problem is about (to select it). */
  eventId?: string;
}

export type GaitWarning =
  | { code: 'few-steps'; side: BodySide; count: number; needed: number }
  | { code: 'low-capture-rate'; captureFps: number; resolutionMs: number }
  | { code: 'irregular-timing' }
  | { code: 'asymmetry'; figure: AsymmetryFigure; percent: number; threshold: number };

export type AsymmetryFigure = 'contactTimeMs' | 'flightTimeMs' | 'stepTimeMs';

export interface GaitTiming {
  captureFps: number;
  /** ±1 frame at the capture rate, ms. */
  resolutionMs: number;
  /** Complete contacts (IC → TO) per foot. */
  steps: { left: number; right: number };
  contacts: Phase[];
  flights: Phase[];
  stepPhases: Phase[];
  strides: Stride[];
  contactTimeMs: PerSide<Stat | null>;
  flightTimeMs: PerSide<Stat | null>;
  stepTimeMs: PerSide<Stat | null>;
  strideTimeMs: PerSide<Stat | null>;
  cadenceSpm: PerSide<Stat | null>;
  /** Contact time / stride time, a fraction (0.37 = 37 %). */
  dutyFactor: PerSide<Stat | null>;
  /** Belt speed × step time, cm; null without a treadmill speed. */
  stepLengthCm: PerSide<Stat | null> | null;
  asymmetryPct: Record<AsymmetryFigure, number | null>;
  warnings: GaitWarning[];
  problems: GaitProblem[];
}

/** Fewer complete steps per side than this gives a warning (the literature averages ≥ 6–7 steps). */
export const MIN_STEPS_PER_SIDE = 7;
/** Below this capture rate timing is too coarse to trust. */
export const MIN_TIMING_FPS = 120;
export const DEFAULT_ASYMMETRY_THRESHOLD_PCT = 8;
/** Project norm key holding the asymmetry threshold (as the tolerance around 0 %). */
export const ASYMMETRY_NORM_KEY = 'gait.asymmetry';

const KIND_ORDER: Record<GaitEventKind, number> = { 'initial-contact': 0, midstance: 1, 'toe-off': 2 };
const SIDES: readonly BodySide[] = ['left', 'right'];

/** Events in time order; on one frame IC before MS before TO, left before right. */
export function sortGaitEvents<T extends GaitMark>(events: readonly T[]): T[] {
  return [...events].sort(
    (a, b) => a.frameIndex - b.frameIndex || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.side === b.side ? 0 : a.side === 'left' ? -1 : 1),
  );
}

export function otherSide(side: BodySide): BodySide {
  return side === 'left' ? 'right' : 'left';
}

export function computeGaitTiming(input: GaitTimingInput): GaitTiming {
  const { frames, rates } = input;
  const events = sortGaitEvents(input.events);
  const msAt = (frame: number) => captureTimeAt(frames, rates, frame) * 1000;
  const between = (from: number, to: number) => msAt(to) - msAt(from);
  const problems: GaitProblem[] = [];
  const problem = (code: GaitProblemCode, event: GaitMark) =>
    problems.push({ code, frameIndex: event.frameIndex, side: event.side, ...(event.id ? { eventId: event.id } : {}) });

  // Contacts per foot, walking each foot's own sequence.
  const contacts: Phase[] = [];
  /** ICs that start a complete contact, with the contact, by frame. */
  const contactByIc = new Map<string, Phase>();
  const key = (side: BodySide, frame: number) => `${side}:${frame}`;
  for (const side of SIDES) {
    let open: GaitMark | null = null;
    let sinceToeOff = false;
    for (const event of events) {
      if (event.side !== side) continue;
      if (event.kind === 'initial-contact') {
        if (open) problem('repeated-contact', event);
        open = event;
        sinceToeOff = false;
      } else if (event.kind === 'midstance') {
        if (!open && sinceToeOff) problem('midstance-outside-contact', event);
      } else if (!open) {
        problem('toe-off-without-contact', event);
        sinceToeOff = true;
      } else if (event.frameIndex === open.frameIndex) {
        problem('zero-contact', event);
        open = null;
        sinceToeOff = true;
      } else {
        const contact = { side, fromFrame: open.frameIndex, toFrame: event.frameIndex, ms: between(open.frameIndex, event.frameIndex) };
        contacts.push(contact);
        contactByIc.set(key(side, open.frameIndex), contact);
        open = null;
        sinceToeOff = true;
      }
    }
  }

  const contactsICs = events.filter((event) => event.kind === 'initial-contact');

  // The other foot landing while this one is still on the belt: no flight phase between them (walking, or a
  // mark on the wrong foot). Reported at the landing.
  const overlapped = new Set<Phase>();
  for (const contact of contacts) {
    const landing = contactsICs.find(
      (ic) => ic.side !== contact.side && ic.frameIndex > contact.fromFrame && ic.frameIndex < contact.toFrame,
    );
    if (landing) {
      overlapped.add(contact);
      problem('overlapping-contact', landing);
    }
  }

  const flights: Phase[] = [];
  for (const contact of contacts) {
    if (overlapped.has(contact)) continue;
    const next = contactsICs.find((ic) => ic.frameIndex >= contact.toFrame && !(ic.frameIndex === contact.toFrame && ic.side === contact.side));
    if (next && next.side !== contact.side) {
      flights.push({ side: contact.side, fromFrame: contact.toFrame, toFrame: next.frameIndex, ms: between(contact.toFrame, next.frameIndex) });
    }
  }

  const stepPhases: Phase[] = [];
  for (let i = 1; i < contactsICs.length; i++) {
    const from = contactsICs[i - 1]!;
    const to = contactsICs[i]!;
    if (from.side === to.side || to.frameIndex === from.frameIndex) continue;
    stepPhases.push({ side: to.side, fromFrame: from.frameIndex, toFrame: to.frameIndex, ms: between(from.frameIndex, to.frameIndex) });
  }

  const strides: Stride[] = [];
  for (const side of SIDES) {
    const ics = contactsICs.filter((ic) => ic.side === side);
    for (let i = 1; i < ics.length; i++) {
      const contact = contactByIc.get(key(side, ics[i - 1]!.frameIndex));
      // Only a stride whose first contact is complete and ends before the next landing of the same foot.
      if (!contact || contact.toFrame > ics[i]!.frameIndex) continue;
      strides.push({ side, fromFrame: contact.fromFrame, toFrame: ics[i]!.frameIndex, ms: between(contact.fromFrame, ics[i]!.frameIndex), contactMs: contact.ms });
    }
  }

  const perSide = <T extends { side: BodySide }>(items: readonly T[], value: (item: T) => number): PerSide<Stat | null> => ({
    left: describe(items.filter((item) => item.side === 'left').map(value)),
    right: describe(items.filter((item) => item.side === 'right').map(value)),
    all: describe(items.map(value)),
  });

  const contactTimeMs = perSide(contacts, (c) => c.ms);
  const flightTimeMs = perSide(flights, (f) => f.ms);
  const stepTimeMs = perSide(stepPhases, (s) => s.ms);
  const strideTimeMs = perSide(strides, (s) => s.ms);
  const dutyFactor = perSide(strides, (s) => s.contactMs / s.ms);
  const cadenceSpm = {
    left: cadence(stepPhases.filter((s) => s.side === 'left')),
    right: cadence(stepPhases.filter((s) => s.side === 'right')),
    all: cadence(stepPhases),
  };
  const speed = input.treadmillSpeedKmh;
  const stepLengthCm = speed !== null && speed > 0 ? perSide(stepPhases, (s) => (speed / 3.6) * (s.ms / 1000) * 100) : null;

  const asymmetryPct: Record<AsymmetryFigure, number | null> = {
    contactTimeMs: asymmetryPercent(contactTimeMs.left?.mean, contactTimeMs.right?.mean),
    flightTimeMs: asymmetryPercent(flightTimeMs.left?.mean, flightTimeMs.right?.mean),
    stepTimeMs: asymmetryPercent(stepTimeMs.left?.mean, stepTimeMs.right?.mean),
  };

  const captureFps = rates.captureFps > 0 ? rates.captureFps : rates.fileFps;
  const resolutionMs = frameDurationMs(rates);
  const steps = {
    left: contacts.filter((c) => c.side === 'left').length,
    right: contacts.filter((c) => c.side === 'right').length,
  };

  const warnings: GaitWarning[] = [];
  if (events.length > 0) {
    for (const side of SIDES) {
      if (steps[side] < MIN_STEPS_PER_SIDE) warnings.push({ code: 'few-steps', side, count: steps[side], needed: MIN_STEPS_PER_SIDE });
    }
  }
  if (captureFps < MIN_TIMING_FPS) warnings.push({ code: 'low-capture-rate', captureFps, resolutionMs });
  if (input.irregularTiming) warnings.push({ code: 'irregular-timing' });
  for (const figure of Object.keys(asymmetryPct) as AsymmetryFigure[]) {
    const percent = asymmetryPct[figure];
    if (percent !== null && percent > input.asymmetryThresholdPct) {
      warnings.push({ code: 'asymmetry', figure, percent, threshold: input.asymmetryThresholdPct });
    }
  }

  problems.sort((a, b) => a.frameIndex - b.frameIndex);
  return {
    captureFps,
    resolutionMs,
    steps,
    contacts,
    flights,
    stepPhases,
    strides,
    contactTimeMs,
    flightTimeMs,
    stepTimeMs,
    strideTimeMs,
    cadenceSpm,
    dutyFactor,
    stepLengthCm,
    asymmetryPct,
    warnings,
    problems,
  };
}

/**
 * Cadence = 60 / mean step time (steps per minute), as the literature defines it; the SD is that of the
 * per-step cadences (60 / each step time), so it shows how much the rhythm varies.
 */
function cadence(steps: readonly Phase[]): Stat | null {
  const times = describe(steps.map((s) => s.ms));
  if (!times || times.mean <= 0) return null;
  const perStep = describe(steps.filter((s) => s.ms > 0).map((s) => 60_000 / s.ms));
  return { mean: 60_000 / times.mean, sd: perStep?.sd ?? null, n: times.n };
}

/** The asymmetry threshold in force: the project's norm override, else the default. */
export function asymmetryThreshold(norms: Readonly<Record<string, { tolerance: number }>>): number {
  return norms[ASYMMETRY_NORM_KEY]?.tolerance ?? DEFAULT_ASYMMETRY_THRESHOLD_PCT;
}
