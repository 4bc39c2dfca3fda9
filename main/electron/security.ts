import type { App, Session } from 'electron';
import { ELECTRON_CSP } from './protocols.ts';

/**
 * Session-wide rules: every response carries our CSP (the protocol handlers set it too; this
 * also covers anything else the session loads), and no web permission is ever granted —
 * Midstance needs no camera, microphone, location, notifications or MIDI.
 */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development builds only) brings its own policy; ours would break it.
    if (details.url.startsWith('devtools:')) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [ELECTRON_CSP] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * For every web contents the app ever creates: no navigation away from the loaded page, no new
 * windows (not even to the system browser: the app is offline), no <webview>.
 */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

