import { protocol } from 'electron';
import { httpStatusFor } from '../platform/http-status.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import { FRAME_SCHEME } from '../../common/contract/bridge.ts';
import { toMidstanceError } from '../core/dispatch.ts';
import type { FrameSource } from '../core/types.ts';
import { contentSecurityPolicy } from '../platform/csp.ts';
import { readStaticFile } from '../server/static-files.ts';
import { parseFrameUrl } from './frame-url.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './schemes.ts';

export const ELECTRON_CSP = contentSecurityPolicy(`${FRAME_SCHEME}:`);

const SECURITY_HEADERS = {
  'Content-Security-Policy': ELECTRON_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Serves the built renderer on midstance-app://app/, and nothing outside its folder. */
export function registerAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return errorResponse(404, new MidstanceError('not-found', 'Not part of Midstance.'));
    }
    const file = await readStaticFile(rendererRoot, url.pathname);
    if (!file) return errorResponse(404, new MidstanceError('not-found', 'The app has not been built. Run "npm run build".'));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' },
    });
  });
}

/** Serves decoded frames from core on midstance-frame://frames/<clipId>/<index>?w=… */
export function registerFrameProtocol(frames: FrameSource): void {
  protocol.handle(FRAME_SCHEME, async (request) => {
    const address = parseFrameUrl(request.url);
    if (request.method !== 'GET') return errorResponse(405, new MidstanceError('invalid-request', 'Frames are read with GET.'));
    if (!address.ok) {
      const code = address.status === 400 ? 'invalid-request' : 'not-found';
      return errorResponse(address.status, new MidstanceError(code, address.message));
    }
    try {
      const frame = await frames.getFrame(address.request, request.signal);
      return new Response(new Uint8Array(frame.data), {
        status: 200,
        headers: {
          ...SECURITY_HEADERS,
          'Content-Type': frame.contentType,
          'Access-Control-Allow-Origin': APP_ORIGIN,
          // A clip id + index + width names immutable pixels for the life of this launch.
          'Cache-Control': 'private, max-age=3600, immutable',
        },
      });
    } catch (error) {
      const failure = toMidstanceError(error);
      return errorResponse(httpStatusFor(failure.code), failure);
    }
  });
}

function errorResponse(status: number, error: MidstanceError): Response {
  return new Response(JSON.stringify({ ok: false, error: error.toShape() }), {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Access-Control-Allow-Origin': APP_ORIGIN,
    },
  });
}
