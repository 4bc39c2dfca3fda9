import { type BrowserWindow, dialog } from 'electron';
import type { DialogProvider } from '../core/app-handlers.ts';
import { PROJECT_EXTENSION } from '../platform/paths.ts';
import { dialogFilters, withExtensionOf, withProjectExtension } from './dialog-filters.ts';

/** Native open/save dialogs, modal to the main window when there is one. */
export function createDialogProvider(currentWindow: () => BrowserWindow | null): DialogProvider {
  return {
    async pickFile(purpose, defaultName) {
      const parent = currentWindow();
      const filters = dialogFilters(purpose, defaultName);
      if (purpose === 'save-export') {
        const options = { filters, defaultPath: defaultName ?? 'export' };
        const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : withExtensionOf(result.filePath, defaultName);
      }
      if (purpose === 'save-project') {
        const options = { filters, defaultPath: `Untitled${PROJECT_EXTENSION}` };
        const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : withProjectExtension(result.filePath);
      }
      const options = { properties: ['openFile' as const], filters };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickReportPath(suggestedName) {
      const parent = currentWindow();
      const options = { filters: [{ name: 'PDF', extensions: ['pdf'] }], defaultPath: suggestedName };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return result.filePath.toLowerCase().endsWith('.pdf') ? result.filePath : `${result.filePath}.pdf`;
    },
    async pickImagePath() {
      const parent = currentWindow();
      const options = { properties: ['openFile' as const], filters: [{ name: 'PNG / JPEG', extensions: ['png', 'jpg', 'jpeg'] }] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
