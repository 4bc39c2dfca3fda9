import { BrowserWindow, Menu, app, protocol, session } from 'electron';
import { createCore } from '../core/create-core.ts';
import type { Core } from '../core/types.ts';
import { appFiles } from './app-files.ts';
import { openablePathsFromArgv } from './argv.ts';
import { createDialogProvider } from './dialogs.ts';
import { registerIpc } from './ipc.ts';
import { bringToFront, createMainWindow } from './main-window.ts';
import { buildMenuTemplate } from './menu.ts';
import { registerAppProtocol, registerFrameProtocol } from './protocols.ts';
import { PRIVILEGED_SCHEMES } from './schemes.ts';
import { guardAllWebContents, hardenSession } from './security.ts';
import { useSharedDataDir } from './user-data.ts';

// Electron entry point: wiring only. Each piece lives in its own module.
protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
useSharedDataDir(app);
guardAllWebContents(app);

if (app.requestSingleInstanceLock()) {
  runApp();
} else {
  // Another Midstance owns the data folder; it received our argv via 'second-instance'.
  app.quit();
}

function runApp(): void {
  const devTools = !app.isPackaged;
  let core: Core | null = null;
  let window: BrowserWindow | null = null;
  // Files can arrive (argv, macOS open-file) before core exists; they wait here.
  const earlyOpens = openablePathsFromArgv(process.argv, process.cwd());

  const open = (path: string) => (core ? core.requestOpen(path) : earlyOpens.push(path));
  const showWindow = (ready: Core) => {
    if (window && !window.isDestroyed()) return bringToFront(window);
    window = createMainWindow(ready, appFiles(app.getAppPath()).preload, devTools);
    window.once('closed', () => {
      window = null;
      // A quit was held up while the window saved its last typed text (close-guard.ts): resume it.
      if (quitRequested) app.quit();
    });
  };
  let quitRequested = false;
  app.on('before-quit', () => (quitRequested = true));

  app.on('open-file', (event, path) => {
    event.preventDefault();
    open(path);
    bringToFront(window);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of openablePathsFromArgv(argv, workingDirectory)) open(path);
    bringToFront(window);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core) showWindow(core);
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !core) return;
    // Give core the chance to close projects cleanly before the process ends.
    event.preventDefault();
    disposed = true;
    core
      .dispose()
      .catch((error: unknown) => console.error('Midstance did not shut down cleanly:', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      const ready = createCore({
        shell: 'electron',
        dataDir: app.getPath('userData'),
        dialogs: createDialogProvider(() => window),
      });
      core = ready;
      const handed = earlyOpens.splice(0);
      for (const path of handed) ready.requestOpen(path);
      if (handed.length === 0) ready.resumeLastProject();
      hardenSession(session.defaultSession);
      registerAppProtocol(appFiles(app.getAppPath()).rendererRoot);
      registerFrameProtocol(ready.frames);
      registerIpc(ready, () => window);
      Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, devTools)));
      showWindow(ready);
    })
    .catch((error: unknown) => {
      console.error('Midstance could not start:', error);
      app.exit(1);
    });
}
