/**
 * One Content-Security-Policy for both shells: no remote origins, no eval, no plugins.
 * Frames come from our own origin (browser mode) or our own scheme (Electron).
 */
export function contentSecurityPolicy(frameSource: string = "'self'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' blob: data: ${frameSource}`.trim(),
    "font-src 'self'",
    `connect-src 'self' ${frameSource}`.trim(),
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
