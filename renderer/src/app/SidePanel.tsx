import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface SidePanelTab {
  id: string;
  label: string;
  content: ReactNode;
}

/** Lets what happens in the viewer bring a tab forward (e.g. the measurements, right after one is drawn). */
export const SidePanelControl = createContext<{ show(tabId: string): void }>({ show: () => {} });

export function useSidePanelControl(): { show(tabId: string): void } {
  return useContext(SidePanelControl);
}

/** The right-hand panel: one tab at a time, so measurements are never pushed below the fold. */
export function SidePanel({ tabs, active, onActive }: { tabs: SidePanelTab[]; active: string; onActive(id: string): void }) {
  const { t } = useTranslation();
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  return (
    <aside className="side-panel" aria-label={t('workspace.sidePanel')}>
      <div className="side-tabs" role="tablist" aria-label={t('workspace.sidePanel')}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`side-tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={`side-tabpanel-${tab.id}`}
            onClick={() => onActive(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`side-tabpanel-${current.id}`} aria-labelledby={`side-tab-${current.id}`} className="side-tabpanel">
          {current.content}
        </div>
      )}
    </aside>
  );
}
