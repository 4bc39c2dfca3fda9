import { forwardRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ToolBar } from './ToolBar.tsx';

/** How a viewer sits in the workspace: alone, or as one of two compared clips. */
export interface PaneRole {
  /** Keys and the side panel belong to the focused viewer. */
  focused: boolean;
  /** Shown beside another viewer: the focused one gets a visible ring, and the pane names its clip. */
  compared: boolean;
  /** The clip's name, for the pane's accessible label when compared. */
  name?: string;
  /** The user points at or tabs into this viewer. */
  onFocus?(): void;
}

export const SOLO_PANE: PaneRole = { focused: true, compared: false };

/** One viewer's box: its tool bar beside its frame area. Pointing at it or tabbing into it makes it the focused one. */
export const ViewerPane = forwardRef<HTMLElement, { role: PaneRole; testId?: string; children: ReactNode }>(function ViewerPane({ role, testId, children }, ref) {
  const { t } = useTranslation();
  return (
    <section
      ref={ref}
      className={`viewer-pane${role.compared ? ' compared' : ''}${role.focused ? ' focused' : ''}`}
      aria-label={role.compared ? t('compare.paneLabel', { name: role.name ?? '' }) : undefined}
      data-testid={testId}
      data-focused={role.focused}
      onPointerDownCapture={role.focused ? undefined : role.onFocus}
      onFocusCapture={role.focused ? undefined : role.onFocus}
    >
      {role.compared && (
        <div className="pane-title" data-testid="pane-title">
          {role.name}
        </div>
      )}
      {children}
    </section>
  );
});

/** The workspace with no clip to show (yet): a disabled tool bar and an empty frame area. */
export function EmptyViewer({ hint, role = SOLO_PANE, children }: { hint?: string | null; role?: PaneRole; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <ViewerPane role={role}>
      <ToolBar tool="select" onTool={() => {}} disabled />
      <main className="viewer-main" aria-label={t('workspace.frameArea')}>
        <div className="viewer-stage placeholder">
          {hint && <p className="muted">{hint}</p>}
          {children}
        </div>
      </main>
    </ViewerPane>
  );
}
