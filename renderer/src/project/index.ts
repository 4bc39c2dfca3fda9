/**
 * The project UI: provider + hook, and the pieces the app places.
 * - Workspace header: <SaveStatus/> (saved/saving/failed, read-only and untitled badges, Save as).
 * - Side panel: <ClipList/> and <SessionPanel/> (which shows <ProjectNotice/> at its top).
 * - Start screen: <NewProjectDialog/>, <UntitledProjectsList/>; anywhere: <SaveAsDialog/>, <SaveAsButton/>.
 */
import '../styles/project.css';

export { ClipList } from './ClipList.tsx';
export { ProjectNotice } from './ProjectNotice.tsx';
export {
  ProjectProvider,
  useAutosaver,
  useProject,
  useSaveStatus,
  type ActiveMedia,
  type ProjectContextValue,
  type ProjectEdits,
  type RelinkOutcome,
} from './ProjectProvider.tsx';
export { SaveAsButton, SaveAsDialog, SaveStatus } from './SaveStatus.tsx';
export { SavedTextField } from './fields.tsx';
export { SessionPanel } from './SessionPanel.tsx';
export { NewProjectDialog, UntitledProjectsList } from './StartPieces.tsx';
export type { SaveStatus as SaveStatusValue, SavedAnswer } from './autosaver.ts';
