import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { type ClipPlace, ClipViewer, type ViewerClip } from '../viewer/ClipViewer.tsx';
import { EmptyViewer, type PaneRole } from '../viewer/ViewerPane.tsx';
import { CompareBar } from '../viewer/compare/CompareBar.tsx';
import type { PaneId } from '../viewer/compare/compare-link.ts';
import { useCompare } from '../viewer/compare/use-compare.ts';
import { ViewerLinkContext, createViewerStateStore } from '../checklist/viewer-link.tsx';
import { PanelSlotsProvider, usePanelSlotHost } from './panel-slots.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { SidePanel, SidePanelControl, type SidePanelTab } from './SidePanel.tsx';
import { Logo } from './StartScreen.tsx';
import { ExportMenu } from '../export/ExportMenu.tsx';

const PLACE_SAVE_DELAY_MS = 300;

/** The analysis layout: header, tool bar, frame with its controls, side panel. */
export function Workspace({
  title,
  clip,
  headerExtra,
  sideTabs = [],
  onClose,
}: {
  title: string;
  clip: ViewerClip | null;
  headerExtra?: ReactNode;
  /** Tabs beside the measurements (clips, session …). */
  sideTabs?: SidePanelTab[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  // Each clip remembers where the user was, for switching between side and rear view — and, kept by the core,
  // across a reload or a relaunch. The viewer opens only once the remembered places are known.
  const places = useRef(new Map<string, ClipPlace>());
  const [placesLoaded, setPlacesLoaded] = useState(false);
  const pendingPlaces = useRef(new Map<string, ClipPlace>());
  const placeTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [activeTab, setActiveTab] = useState<string>('measurements');
  const sidePanelControl = useMemo(() => ({ show: setActiveTab }), []);
  const placeFrame = useCallback((clipId: string, frame: number) => {
    places.current.set(clipId, { frame, view: places.current.get(clipId)?.view ?? null });
  }, []);
  // The viewer publishes what it shows through a store, not through this component's state: stepping must not
  // render the workspace and its side panel again, only what reads the viewer (the checklist).
  const viewerStore = useMemo(createViewerStateStore, []);
  const viewerLink = useMemo(
    () => ({ store: viewerStore, convention: settings.angleConvention, placeFrame }),
    [viewerStore, settings.angleConvention, placeFrame],
  );
  const slotHost = usePanelSlotHost();
  const tabs: SidePanelTab[] = [
    ...(slotHost.viewerPresent
      ? [
          { id: 'measurements', label: t('measure.heading'), content: <div ref={slotHost.slotRef('measurements')} className="panel-slot" /> },
          { id: 'timing', label: t('gait.tab'), content: <div ref={slotHost.slotRef('timing')} className="panel-slot" /> },
        ]
      : []),
    ...sideTabs,
  ];
  useEffect(() => {
    api.call('settings.get', {}).then(setSettings).catch(() => {});
  }, [api]);

  useEffect(() => {
    let alive = true;
    api
      .call('place.get', {})
      .then((place) => {
        if (!alive) return;
        for (const [clipId, clipPlace] of Object.entries(place.clips)) if (!places.current.has(clipId)) places.current.set(clipId, clipPlace);
      })
      .catch(() => {})
      .finally(() => alive && setPlacesLoaded(true));
    return () => {
      alive = false;
    };
  }, [api]);

  // Places are sent in a batch shortly after they stop changing (stepping and playing change them often),
  // and at once when the page goes away.
  const sendPlaces = useCallback(() => {
    clearTimeout(placeTimer.current);
    for (const [clipId, place] of pendingPlaces.current) api.call('place.remember', { clip: { clipId, place } }).catch(() => {});
    pendingPlaces.current.clear();
  }, [api]);
  useEffect(() => {
    window.addEventListener('pagehide', sendPlaces);
    return () => {
      window.removeEventListener('pagehide', sendPlaces);
      sendPlaces();
    };
  }, [sendPlaces]);

  const rememberPlace = useCallback(
    (clipId: string, place: ClipPlace) => {
      places.current.set(clipId, place);
      pendingPlaces.current.set(clipId, place);
      clearTimeout(placeTimer.current);
      placeTimer.current = setTimeout(sendPlaces, PLACE_SAVE_DELAY_MS);
    },
    [sendPlaces],
  );
  const firstId = clip?.id ?? null;
  const rememberFirst = useCallback((place: ClipPlace) => firstId && rememberPlace(firstId, place), [firstId, rememberPlace]);

  // Comparing: a second clip of the project beside the one chosen in the clip list. It lasts while the project
  // is open (another clip chosen in the list takes the first place; the second stays).
  const compare = useCompare(clip);
  const secondId = compare.second?.id ?? null;
  const rememberSecond = useCallback((place: ClipPlace) => secondId && rememberPlace(secondId, place), [secondId, rememberPlace]);
  const [focused, setFocused] = useState<PaneId>('first');
  const comparing = compare.open && clip !== null;
  const paneFocus = comparing ? focused : 'first';
  const firstRole: PaneRole = { focused: paneFocus === 'first', compared: comparing, name: compare.names.first, onFocus: () => setFocused('first') };
  const secondRole: PaneRole = { focused: paneFocus === 'second', compared: true, name: compare.names.second, onFocus: () => setFocused('second') };
  const preferences = { convention: settings.angleConvention, bigStepFrames: settings.bigStepFrames };

  return (
    <SidePanelControl.Provider value={sidePanelControl}>
    <div className="workspace">
      <header className="workspace-header">
        <button type="button" className="ghost logo-button" onClick={onClose} aria-label={t('workspace.back')} title={t('workspace.back')}>
          <Logo />
        </button>
        <span className="document-name" title={title}>
          {title}
        </span>
        {headerExtra}
        <span className="spacer" />
        {clip && <ExportMenu readViewer={viewerStore.get} />}
        <button
          type="button"
          aria-pressed={comparing}
          disabled={!clip}
          title={t('compare.openHint')}
          onClick={() => (comparing ? compare.close() : compare.start())}
          data-testid="compare-toggle"
        >
          {t('compare.open')}
        </button>
        <ConventionSwitch
          value={settings.angleConvention}
          onChange={(angleConvention) => {
            setSettings((current) => ({ ...current, angleConvention }));
            api.call('settings.update', { angleConvention }).then(setSettings).catch(() => {});
          }}
        />
        <LanguageSwitch />
      </header>
      <PanelSlotsProvider value={slotHost.value}>
        <ViewerLinkContext.Provider value={viewerLink}>
          <div className="viewers">
            {comparing && (
              <CompareBar
                link={compare.link}
                candidates={compare.candidates}
                secondId={compare.secondId ?? ''}
                onSecond={compare.choose}
                layout={compare.layout}
                onLayout={compare.setLayout}
                names={compare.names}
                focused={paneFocus}
                onClose={() => {
                  compare.close();
                  setFocused('first');
                }}
              />
            )}
            <div className={`viewer-panes${comparing ? ` ${compare.layout}` : ''}`}>
              {clip && placesLoaded ? (
                <ClipViewer
                  key={clip.id}
                  clip={clip}
                  preferences={preferences}
                  place={places.current.get(clip.id)}
                  onPlaceChange={rememberFirst}
                  role={firstRole}
                  sync={comparing ? compare.link.port('first') : undefined}
                />
              ) : (
                <EmptyViewer hint={clip ? null : t('viewer.noClipHint')} role={firstRole} />
              )}
              {comparing &&
                (compare.second && placesLoaded ? (
                  <ClipViewer
                    key={`second-${compare.second.id}`}
                    clip={compare.second}
                    preferences={preferences}
                    place={places.current.get(compare.second.id)}
                    onPlaceChange={rememberSecond}
                    role={secondRole}
                    sync={compare.link.port('second')}
                  />
                ) : (
                  <EmptyViewer role={secondRole} hint={compare.missing ? t('compare.missingMedia') : compare.candidates.length === 0 && compare.loaded ? t('compare.noOther') : null} />
                ))}
            </div>
          </div>
          {/* Rendered once, here: its tabs keep their state whatever the viewer does. */}
          <SidePanel tabs={tabs} active={activeTab} onActive={setActiveTab} />
        </ViewerLinkContext.Provider>
      </PanelSlotsProvider>
    </div>
    </SidePanelControl.Provider>
  );
}

function ConventionSwitch({ value, onChange }: { value: Settings['angleConvention']; onChange(value: Settings['angleConvention']): void }) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('workspace.convention')}>
      {(['interior', 'clinical'] as const).map((convention) => (
        <button key={convention} type="button" aria-pressed={value === convention} onClick={() => onChange(convention)} title={t(`workspace.conventionHint.${convention}`)}>
          {t(`workspace.conventions.${convention}`)}
        </button>
      ))}
    </div>
  );
}
