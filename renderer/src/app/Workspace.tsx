import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { type ClipPlace, ClipViewer, type ViewerClip } from '../viewer/ClipViewer.tsx';
import { ToolBar } from '../viewer/ToolBar.tsx';
import { ViewerLinkContext, type ViewerState } from '../checklist/viewer-link.tsx';
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
  // The Export menu reads what the viewer shows when it is opened.
  const exportViewer = useRef<ViewerState | null>(null);
  const renderSidePanel = (measurements: ReactNode | null, timing?: ReactNode, viewer?: ViewerState) => {
    exportViewer.current = viewer ?? null;
    return (
    <ViewerLinkContext.Provider value={{ viewer: viewer ?? null, convention: settings.angleConvention, placeFrame }}>
      <SidePanel
        tabs={[
          ...(measurements ? [{ id: 'measurements', label: t('measure.heading'), content: measurements }] : []),
          ...(timing ? [{ id: 'timing', label: t('gait.tab'), content: timing }] : []),
          ...sideTabs,
        ]}
        active={activeTab}
        onActive={setActiveTab}
      />
    </ViewerLinkContext.Provider>
    );
  };

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
    (place: ClipPlace) => {
      if (!clip) return;
      places.current.set(clip.id, place);
      pendingPlaces.current.set(clip.id, place);
      clearTimeout(placeTimer.current);
      placeTimer.current = setTimeout(sendPlaces, PLACE_SAVE_DELAY_MS);
    },
    [clip, sendPlaces],
  );

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
        {clip && <ExportMenu viewer={exportViewer} />}
        <ConventionSwitch
          value={settings.angleConvention}
          onChange={(angleConvention) => {
            setSettings((current) => ({ ...current, angleConvention }));
            api.call('settings.update', { angleConvention }).then(setSettings).catch(() => {});
          }}
        />
        <LanguageSwitch />
      </header>
      {clip && placesLoaded ? (
        <ClipViewer
          key={clip.id}
          clip={clip}
          preferences={{ convention: settings.angleConvention, bigStepFrames: settings.bigStepFrames }}
          place={places.current.get(clip.id)}
          onPlaceChange={rememberPlace}
          renderSidePanel={renderSidePanel}
        />
      ) : (
        <>
          <ToolBar tool="select" onTool={() => {}} disabled />
          <main className="viewer-main" aria-label={t('workspace.frameArea')}>
            <div className="viewer-stage placeholder">
              {!clip && <p className="muted">{t('viewer.noClipHint')}</p>}
            </div>
          </main>
          {renderSidePanel(null)}
        </>
      )}
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
