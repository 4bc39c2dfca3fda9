import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationGeometry, AnnotationStyle } from '../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../common/contract/app.ts';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { calibrationFromAnnotations } from '../../../common/geometry/calibration.ts';
import type { ViewTransform } from '../../../common/geometry/view-transform.ts';
import { captureTimeAt, fileTimeAt } from '../../../common/media-time.ts';
import { AnnotationStage, type AnnotationStageHandle, DEFAULT_ANNOTATION_STYLE, fadedNeighbours, useViewTransform } from '../../canvas/index.tsx';
import type { CreateFollowUp } from '../../tools/types.ts';
import { ErrorMessage } from '../app/errors.tsx';
import { FrameCanvas } from './FrameCanvas.tsx';
import { FrameReadout } from './FrameReadout.tsx';
import { MeasurementsPanel } from './MeasurementsPanel.tsx';
import { ShortcutOverlay } from './ShortcutOverlay.tsx';
import { Timeline } from './Timeline.tsx';
import { ToolBar } from './ToolBar.tsx';
import { TransportBar } from './TransportBar.tsx';
import { useEditHistory } from './edit-history.ts';
import { GaitEventLane } from './gait/GaitEventLane.tsx';
import { GaitControls, GaitPanel } from './gait/GaitViews.tsx';
import { ProposalBar } from './gait/ProposalBar.tsx';
import { useGaitProposals } from './gait/use-gait-proposals.ts';
import { useGuidedMeasure } from './gait/use-guided-measure.ts';
import { BoundMeasurementPlot } from './plot/BoundMeasurementPlot.tsx';
import { TrackBars } from './tracks/TrackBars.tsx';
import { TrackOverlay } from './tracks/TrackOverlay.tsx';
import { TrackPointButton } from './tracks/TrackPointButton.tsx';
import { useClipTracks } from './tracks/use-tracks.ts';
import { BoundMeasurementDetail } from './tracks/BoundMeasurementDetail.tsx';
import { SnapIndicator } from './tracks/SnapIndicator.tsx';
import { isBindableKind, useBoundMeasurements } from './tracks/use-bound-measurements.ts';
import { countedAnnotations, geometryOnFrame } from '../../../common/tracking/track-measure.ts';
import { useViewerStateStore } from '../checklist/viewer-link.tsx';
import { useAnnounceViewerPanels, ViewerPanelPortal } from '../app/panel-slots.tsx';
import { type PaneRole, SOLO_PANE, ViewerPane } from './ViewerPane.tsx';
import { ViewerPlaceholder } from './ViewerPlaceholder.tsx';
import type { SyncPort } from './compare/compare-link.ts';
import { type GaitContext, useGaitMarking } from './gait/use-gait-marking.ts';
import { adjacentSpeed } from './playback.ts';
import { RulerLengthPrompt } from './RulerLengthPrompt.tsx';
import { useAnnotations } from './use-annotations.ts';
import { useDrawingFlow, withPendingRuler } from './use-drawing-flow.ts';
import { useClipMedia } from './use-clip-media.ts';
import { useElementSize } from './use-element-size.ts';
import { PREVIEW_WIDTH, useFrameDisplay } from './use-frame-display.ts';
import { usePlayback } from './use-playback.ts';
import { useViewerKeys } from './use-viewer-keys.ts';
import { type FrameRange, type ViewerActions, runViewerCommand, withIn, withOut } from './viewer-commands.ts';

export interface ViewerClip {
  /** The clip's id in the project (annotations belong to it). */
  id: string;
  /** Where its video was found (clips.locate). */
  path: string;
  captureFps: number | null;
  /** The clip's view, the session's belt speed and the asymmetry threshold, for marking and timing gait events. */
  gait?: GaitContext;
}

export interface ViewerPreferences {
  convention: AngleConvention;
  bigStepFrames: number;
}

/** Per-clip position and view, so switching clips and back returns to the same place. */
export interface ClipPlace {
  frame: number;
  view: { transform: ViewTransform; fitted: boolean } | null;
}

export function ClipViewer({
  clip,
  preferences,
  place,
  onPlaceChange,
  role = SOLO_PANE,
  sync,
}: {
  clip: ViewerClip;
  preferences: ViewerPreferences;
  place: ClipPlace | undefined;
  onPlaceChange(place: ClipPlace): void;
  /** Alone or one of two compared viewers; only the focused one takes keys and fills the side panel. */
  role?: PaneRole;
  /** Links this viewer to a compared one in capture time. */
  sync?: SyncPort;
}) {
  const media = useClipMedia(clip.path, clip.captureFps);
  const { state } = media;
  if (state.status !== 'ready') return <ViewerPlaceholder media={media} role={role} />;
  return (
    <ReadyViewer
      key={state.media.mediaId}
      clipId={clip.id}
      gaitContext={clip.gait ?? {}}
      media={state.media}
      preferences={preferences}
      initialFrame={Math.min(place?.frame ?? 0, state.media.info.frameCount - 1)}
      initialView={place?.view ?? null}
      onPlaceChange={onPlaceChange}
      role={role}
      sync={sync}
    />
  );
}

function ReadyViewer({
  clipId,
  gaitContext,
  media,
  preferences,
  initialFrame,
  initialView,
  onPlaceChange,
  role,
  sync,
}: {
  clipId: string;
  gaitContext: GaitContext;
  media: OpenedMedia;
  preferences: ViewerPreferences;
  initialFrame: number;
  initialView: ClipPlace['view'];
  onPlaceChange(place: ClipPlace): void;
  role: PaneRole;
  sync?: SyncPort;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const { info, frames } = media;
  const last = info.frameCount - 1;
  const rates = { fileFps: info.fileFps, captureFps: info.captureFps };

  const [requested, setRequested] = useState(initialFrame);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [range, setRange] = useState<FrameRange>({ in: null, out: null });
  const [loop, setLoop] = useState(true);
  const [fadeNeighbours, setFadeNeighbours] = useState(false);
  const [style, setStyle] = useState<AnnotationStyle>(DEFAULT_ANNOTATION_STYLE);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [followUp, setFollowUp] = useState<{ id: string; kind: CreateFollowUp } | null>(null);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [trackArmed, setTrackArmed] = useState(false);

  const stageRef = useRef<AnnotationStageHandle>(null);
  const paneRef = useRef<HTMLElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const viewport = useElementSize(viewportRef);
  const sourceSize = useMemo(() => ({ width: info.width, height: info.height }), [info.width, info.height]);
  const view = useViewTransform({ imageSize: sourceSize, viewportSize: viewport, initial: initialView });

  // The link to a compared viewer asks for the frame wanted now, before React has rendered it.
  const requestedRef = useRef(requested);
  requestedRef.current = requested;
  const goTo = useCallback(
    (index: number) => {
      requestedRef.current = Math.min(last, Math.max(0, Math.round(index)));
      setRequested(requestedRef.current);
    },
    [last],
  );
  const playback = usePlayback({ times: frames.times, fileFps: info.fileFps, captureFps: info.captureFps, current: requested, range, loop, onFrame: goTo });

  const wantFull = info.width > PREVIEW_WIDTH && view.transform.scale * (window.devicePixelRatio || 1) > (PREVIEW_WIDTH / info.width) * 1.25;
  const { shown, error } = useFrameDisplay(media, requested, wantFull, playback.hint);
  const shownIndex = shown?.index ?? requested;

  useEffect(
    () => onPlaceChange({ frame: shownIndex, view: { transform: view.transform, fitted: view.fitted } }),
    [shownIndex, view.transform, view.fitted, onPlaceChange],
  );

  const history = useEditHistory(clipId);
  const annotations = useAnnotations(clipId, history);
  // Tracks a measurement is bound to are held whole (plot, values at every event); the rest around this frame.
  const boundTrackIds = useMemo(() => new Set(annotations.all.flatMap((a) => a.trackBindings ?? []).filter((id): id is string => id !== null)), [annotations.all]);
  const clipTracks = useClipTracks(clipId, media.mediaId, history, shownIndex, boundTrackIds);
  const dropDrawingSelection = useCallback(() => setSelectedId(null), []);
  const gait = useGaitMarking({
    clipId,
    history,
    media,
    shownIndex,
    goTo,
    busy: () => stageRef.current?.isBusy() ?? false,
    onSelected: dropDrawingSelection,
    context: gaitContext,
  });
  // A measurement bound to tracks is drawn on every frame its tracks cover, at their positions there.
  const bound = useBoundMeasurements({
    annotations: annotations.all,
    points: clipTracks.points,
    frame: shownIndex,
    scale: view.transform.scale,
    update: (id, geometry) => void annotations.update(id, { geometry }),
    correct: (trackId, x, y) => void clipTracks.correct(trackId, shownIndex, x, y),
  });
  const onFrame = bound.onFrame;
  const proposals = useGaitProposals({
    clipId,
    history,
    events: gait.store,
    tracksVersion: clipTracks.version,
    frameTime: useCallback((frame: number) => fileTimeAt(frames, frame), [frames]),
  });
  const faded = useMemo(
    () => (fadeNeighbours ? fadedNeighbours(annotations.all, shownIndex, 3) : []),
    [annotations.all, shownIndex, fadeNeighbours],
  );
  const cmPerPx = useMemo(() => calibrationFromAnnotations(annotations.all)?.cmPerPx ?? null, [annotations.all]);

  const drawing = useDrawingFlow({
    store: (drawn: AnnotationGeometry) => {
      const { geometry, trackBindings } = bound.snap(drawn);
      return annotations.create({ frameIndex: shownIndex, frameTime: fileTimeAt(frames, shownIndex), geometry, label: guide.label, style, trackBindings });
    },
    onStored: useCallback((record: { id: string }, follow: CreateFollowUp) => {
      setSelectedId(record.id);
      setFollowUp(follow === 'none' ? null : { id: record.id, kind: follow });
    }, []),
  });
  const { tool, setTool } = drawing;
  const guide = useGuidedMeasure({ events: gait.store.all, goTo, arm: setTool });

  const copyToFrame = async (id: string, target: number) => {
    const source = annotations.all.find((a) => a.id === id);
    if (!source || target < 0 || target > last) return;
    const record = await annotations.create({
      frameIndex: target,
      frameTime: fileTimeAt(frames, target),
      geometry: source.geometry,
      label: source.label,
      style: source.style,
    });
    if (record) {
      goTo(target);
      setSelectedId(record.id);
    }
  };

  const actions: ViewerActions = {
    stepBy: (frames) => goTo(requested + frames),
    goToStart: () => goTo(range.in ?? 0),
    goToEnd: () => goTo(range.out ?? last),
    togglePlay: playback.toggle,
    changeSpeed: (direction) => playback.setSpeed(adjacentSpeed(playback.speed, direction)),
    markIn: () => setRange((r) => withIn(r, shownIndex)),
    markOut: () => setRange((r) => withOut(r, shownIndex)),
    clearRange: () => setRange({ in: null, out: null }),
    toggleLoop: () => setLoop((value) => !value),
    fit: view.fit,
    actualSize: () => view.actualSize(),
    undo: () => void history.undo(),
    redo: () => void history.redo(),
    deleteSelection: () => {
      if (!selectedId) return void gait.deleteSelected();
      void annotations.remove(selectedId);
      setSelectedId(null);
    },
    duplicateSelection: () => {
      if (selectedId) void copyToFrame(selectedId, shownIndex);
    },
    cancel: () => {
      if (trackArmed) return setTrackArmed(false);
      if (stageRef.current?.cancel()) return;
      if (tool !== 'select') setTool('select');
      else setSelectedId(null);
    },
    focusGoTo: () => paneRef.current?.querySelector<HTMLInputElement>('[data-go-to]')?.focus(),
    showShortcuts: () => setShowShortcuts(true),
    chooseTool: setTool,
    toggleKeepTool: drawing.toggleKeepTool,
    trackPoint: () => setTrackArmed((armed) => !armed),
  };

  useViewerKeys({
    enabled: role.focused,
    onSpace: setSpaceHeld,
    run: (command) =>
      runViewerCommand(command, actions, { busy: stageRef.current?.isBusy() ?? false, bigStep: preferences.bigStepFrames }),
  });

  const eventsRef = useRef(gait.store.all);
  eventsRef.current = gait.store.all;
  useEffect(() => {
    if (!sync) return;
    return sync.attach({
      timing: { frames, rates: { fileFps: info.fileFps, captureFps: info.captureFps } },
      current: () => requestedRef.current,
      events: () => eventsRef.current,
      follow: goTo,
    });
  }, [sync, frames, info.fileFps, info.captureFps, goTo]);
  useEffect(() => sync?.moved(requested), [sync, requested]);

  // The focused viewer fills the side panel: its measurements and timing tabs, and what the checklist reads.
  const owner = useRef({}).current;
  useAnnounceViewerPanels(owner, role.focused);
  const viewerStore = useViewerStateStore();
  const timingOrNull = gait.store.all.length > 0 ? gait.timing : null;
  useEffect(() => {
    if (!viewerStore) return;
    viewerStore.set(
      owner,
      role.focused
        ? { clipId, frameIndex: shownIndex, annotations: annotations.all, timing: timingOrNull, goTo, frameCount: info.frameCount, captureFps: info.captureFps, range, tracks: clipTracks.points, events: gait.store.all }
        : null,
    );
  }, [viewerStore, owner, role.focused, clipId, shownIndex, annotations.all, timingOrNull, goTo, info.frameCount, info.captureFps, range, clipTracks.points, gait.store.all]);
  useEffect(() => () => viewerStore?.set(owner, null), [viewerStore, owner]);

  const selectedAnnotation = annotations.all.find((a) => a.id === selectedId) ?? null;
  // What the timing tab's summary counts: a bound measurement once per marked event, as the checklist does.
  const counted = useMemo(
    () => countedAnnotations({ annotations: annotations.all, tracks: clipTracks.points, events: gait.store.all }),
    [annotations.all, clipTracks.points, gait.store.all],
  );
  // The panel shows a bound measurement's value on the frame on screen.
  const shownAnnotations = useMemo(() => {
    const here = new Map(onFrame.map((a) => [a.id, a]));
    return annotations.all.map((a) => here.get(a.id) ?? a);
  }, [annotations.all, onFrame]);

  const marks = useMemo(() => {
    const seen = new Set<number>();
    return annotations.all
      .filter((a) => (seen.has(a.frameIndex) ? false : (seen.add(a.frameIndex), true)))
      .map((a) => ({ frame: a.frameIndex, kind: 'annotation' as const, label: String(a.frameIndex) }));
  }, [annotations.all]);

  return (
    <ViewerPane ref={paneRef} role={role}>
      <ToolBar
        tool={tool}
        onTool={(next) => {
          setTrackArmed(false);
          setTool(next);
        }}
        keepTool={drawing.keepTool}
        onToggleKeepTool={drawing.toggleKeepTool}
        extra={<TrackPointButton armed={trackArmed} onToggle={actions.trackPoint!} />}
      />
      <main className="viewer-main" aria-label={t('workspace.frameArea')}>
        <FrameReadout
          index={shownIndex}
          frameCount={info.frameCount}
          captureMs={captureTimeAt(frames, rates, shownIndex) * 1000}
          fileSeconds={fileTimeAt(frames, shownIndex)}
          info={info}
          warnings={media.warnings}
          loading={shown?.index !== requested}
          fullResolution={shown?.fullResolution ?? false}
          zoomPercent={view.zoomPercent}
          onGoTo={goTo}
          frames={frames}
        />
        <div
          ref={viewportRef}
          className="viewer-stage"
          data-testid="viewer-stage"
          // The image→screen mapping, for end-to-end tests that click on known image points.
          data-transform={JSON.stringify(view.transform)}
        >
          {viewport && (
            <>
              <FrameCanvas bitmap={shown?.bitmap ?? null} sourceSize={sourceSize} transform={view.transform} width={viewport.width} height={viewport.height} />
              <AnnotationStage
                className="annotation-stage"
                handleRef={stageRef}
                width={viewport.width}
                height={viewport.height}
                transform={view.transform}
                onTransformChange={view.setTransform}
                annotations={withPendingRuler(onFrame, drawing.pendingRuler, style)}
                faded={faded}
                selectedId={selectedId}
                activeTool={tool}
                convention={preferences.convention}
                language={language}
                cmPerPx={cmPerPx}
                newStyle={style}
                image={shown?.bitmap ?? null}
                sourceSize={sourceSize}
                panKeyHeld={spaceHeld}
                onCreate={drawing.onCreate}
                onChange={bound.change}
                onSelect={setSelectedId}
              />
              <TrackOverlay
                tracks={clipTracks.tracks}
                points={clipTracks.points}
                frame={shownIndex}
                transform={view.transform}
                width={viewport.width}
                height={viewport.height}
                armed={trackArmed}
                busy={clipTracks.job.status === 'running'}
                editable={tool === 'select'}
                onPick={(x, y) => {
                  setTrackArmed(false);
                  void clipTracks.pick(shownIndex, x, y);
                }}
                onCorrect={(id, x, y) => void clipTracks.correct(id, shownIndex, x, y)}
              />
              {isBindableKind(tool) && clipTracks.tracks.length > 0 && (
                <SnapIndicator points={clipTracks.points} frame={shownIndex} transform={view.transform} width={viewport.width} height={viewport.height} />
              )}
            </>
          )}
          {error != null && (
            <p className="viewer-error floating" role="alert">
              <ErrorMessage error={error} />
            </p>
          )}
        </div>
        <TransportBar
          playing={playback.playing}
          speed={playback.speed}
          loop={loop}
          range={range}
          fadeNeighbours={fadeNeighbours}
          canUndo={history.canUndo}
          canRedo={history.canRedo}
          zoomPercent={view.zoomPercent}
          onStep={actions.stepBy}
          bigStep={preferences.bigStepFrames}
          onTogglePlay={actions.togglePlay}
          onSpeed={playback.setSpeed}
          onToggleLoop={actions.toggleLoop}
          onMarkIn={actions.markIn}
          onMarkOut={actions.markOut}
          onClearRange={actions.clearRange}
          onToggleFade={() => setFadeNeighbours((v) => !v)}
          onUndo={actions.undo}
          onRedo={actions.redo}
          onFit={actions.fit}
          onActualSize={actions.actualSize}
          onZoom={(factor) => view.zoomBy(factor)}
          onShortcuts={actions.showShortcuts}
        />
        {/* The bars under the frame scroll on their own, so they never squeeze the frame away. */}
        <div className="viewer-panels">
        <GaitControls gait={gait} guide={guide} shownIndex={shownIndex} />
        <ProposalBar proposals={proposals} shownIndex={shownIndex} focused={role.focused} goTo={goTo} />
        <TrackBars
          clipId={clipId}
          mediaId={media.mediaId}
          tracks={clipTracks}
          armed={trackArmed}
          frame={shownIndex}
          frameTime={fileTimeAt(frames, shownIndex)}
          style={style}
          onGoTo={goTo}
          createAnnotation={annotations.create}
          onCreated={(record) => setSelectedId(record.id)}
        />
        </div>
        <Timeline
          frameCount={info.frameCount}
          current={shownIndex}
          range={range}
          marks={marks}
          onSeek={goTo}
          timeLabel={(frame) => `${captureTimeAt(frames, rates, frame).toLocaleString(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} s`}
          lane={<GaitEventLane events={gait.store.all} frameCount={info.frameCount} selectedId={gait.selectedId} onPick={gait.pick} onMove={gait.move} proposals={proposals.shown} onAcceptProposal={(p) => void proposals.accept([p])} />}
          below={
            <BoundMeasurementPlot
              annotations={annotations.all}
              tracks={clipTracks.points}
              events={gait.store.all}
              convention={preferences.convention}
              language={language}
              frameCount={info.frameCount}
              current={shownIndex}
              onSeek={goTo}
            />
          }
        />
      </main>
      {role.focused && (
        <ViewerPanelPortal id="measurements">
        <MeasurementsPanel
          annotations={shownAnnotations}
          currentFrame={shownIndex}
          selectedId={selectedId}
          convention={preferences.convention}
          language={language}
          cmPerPx={cmPerPx}
          followUp={followUp}
          style={style}
          onStyle={setStyle}
          onSelect={(id) => {
            const target = annotations.all.find((a) => a.id === id);
            if (target) goTo(target.frameIndex);
            setSelectedId(id);
          }}
          onUpdate={(id, patch) => void annotations.update(id, patch)}
          onPreview={annotations.preview}
          onSaveTyped={annotations.saveTyped}
          onDelete={(id) => {
            void annotations.remove(id);
            setSelectedId(null);
          }}
          onCopyToFrame={(id, delta) => void copyToFrame(id, shownIndex + delta)}
          onFollowUpDone={() => setFollowUp(null)}
        />
        {selectedAnnotation && (
          <BoundMeasurementDetail
            annotation={selectedAnnotation}
            shown={onFrame.find((a) => a.id === selectedAnnotation.id) ?? null}
            tracks={clipTracks.tracks}
            points={clipTracks.points}
            events={gait.store.all}
            convention={preferences.convention}
            language={language}
            cmPerPx={cmPerPx}
            onUnbind={() => {
              // It stays on its own frame where its tracks were there last (one edit, one undo).
              const geometry = geometryOnFrame(selectedAnnotation, clipTracks.points, selectedAnnotation.frameIndex, 0) ?? selectedAnnotation.geometry;
              void annotations.update(selectedAnnotation.id, { trackBindings: null, geometry });
            }}
          />
        )}
        </ViewerPanelPortal>
      )}
      {role.focused && (
        <ViewerPanelPortal id="timing">
        <GaitPanel gait={gait} guide={guide} annotations={counted} convention={preferences.convention} cmPerPx={cmPerPx} treadmillSpeedKmh={gaitContext.treadmillSpeedKmh ?? null} onGoTo={goTo} />
        </ViewerPanelPortal>
      )}
      {showShortcuts && <ShortcutOverlay onClose={() => setShowShortcuts(false)} />}
      {drawing.pendingRuler && <RulerLengthPrompt onConfirm={drawing.confirmRuler} onCancel={drawing.cancelRuler} />}
    </ViewerPane>
  );
}
