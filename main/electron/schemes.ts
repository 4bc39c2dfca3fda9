import type { CustomScheme } from 'electron';
import { FRAME_SCHEME } from '../../common/contract/bridge.ts';

/**
 * The renderer is served from its own standard scheme instead of file://, so it has a real
 * origin ('self' in the CSP means our bundle only, not the whole disk) and the IPC sender check
 * has one exact origin to compare against.
 */
export const APP_SCHEME = 'midstance-app';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Both schemes must be registered before the app is ready, in one call. */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    // Same-origin loads only, so no corsEnabled; codeCache lets V8 cache our bundle between launches.
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
  {
    scheme: FRAME_SCHEME,
    // Frames are read cross-origin from APP_ORIGIN (img + canvas export), which needs corsEnabled.
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
  },
];
