import type { ErrorCode } from '../../common/contract/errors.ts';

/** The HTTP status for a typed error, shared by the browser-mode server and Electron's protocols. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid-request':
    case 'unknown-call':
      return 400;
    case 'unauthorized':
      return 401;
    case 'not-found':
    case 'media-missing':
      return 404;
    case 'too-large':
      return 413;
    case 'internal':
      return 500;
    // A frame request refused while the decoders catch up: a temporary condition (Retry-After is sent).
    case 'busy':
      return 503;
    default:
      // Expected user-facing failures (bad file, locked project …) are answers, not server faults.
      return 422;
  }
}
