import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js's worker (report preview) is an ES module with this extension.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * Serves the built renderer. Unknown paths fall back to index.html (client-side routes);
 * anything escaping the root is refused before the file system is touched.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  const decoded = safeDecode(urlPath);
  if (decoded === null || decoded.includes('\0')) return null;
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative.split(sep).includes('..')) return null;
  const candidate = relative === '' ? 'index.html' : relative;
  for (const path of [join(root, candidate), join(root, 'index.html')]) {
    try {
      const body = await readFile(path);
      return { body, contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
    } catch {
      // try the SPA fallback next
    }
  }
  return null;
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
