import type { Annotation } from '../../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../../common/contract/app.ts';
import { GaitBar } from './GaitBar.tsx';
import { GuideBar, MeasureAtEvents } from './MeasureAtEvents.tsx';
import { TimingPanel } from './TimingPanel.tsx';
import type { GaitMarking } from './use-gait-marking.ts';
import type { GuidedMeasure } from './use-guided-measure.ts';

/** Under the frame: the guided-measurement bar (while guiding) and the marking bar. */
export function GaitControls({ gait, guide, shownIndex }: { gait: GaitMarking; guide: GuidedMeasure; shownIndex: number }) {
  return (
    <>
      <GuideBar guide={guide} />
      <GaitBar gait={gait} shownIndex={shownIndex} />
    </>
  );
}

/** The side panel's timing tab: the timing of the marked events, then measuring at them. */
export function GaitPanel({
  gait,
  guide,
  annotations,
  convention,
  cmPerPx,
  treadmillSpeedKmh,
  onGoTo,
}: {
  gait: GaitMarking;
  guide: GuidedMeasure;
  annotations: readonly Annotation[];
  convention: AngleConvention;
  cmPerPx: number | null;
  treadmillSpeedKmh: number | null;
  onGoTo(frame: number): void;
}) {
  return (
    <TimingPanel
      timing={gait.timing}
      eventCount={gait.store.all.length}
      treadmillSpeedKmh={treadmillSpeedKmh}
      asymmetryThresholdPct={gait.asymmetryThresholdPct}
      onGoTo={onGoTo}
    >
      <MeasureAtEvents guide={guide} events={gait.store.all} annotations={annotations} convention={convention} cmPerPx={cmPerPx} />
    </TimingPanel>
  );
}
