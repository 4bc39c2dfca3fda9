import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MidstanceError } from '../../common/contract/errors.ts';
import { dispatch, toMidstanceError } from '../core/dispatch.ts';
import type { Core } from '../core/types.ts';
import { contentSecurityPolicy } from '../platform/csp.ts';
import { parseFrameAddress } from '../platform/frame-address.ts';
import { httpStatusFor } from '../platform/http-status.ts';
import { TOKEN_COOKIE, isAllowedHost, isAllowedOrigin, presentedToken, tokensEqual } from './request-guard.ts';
import { readStaticFile } from './static-files.ts';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface BrowserServerOptions {
  core: Core;
  /** Folder with the built renderer (index.html and assets). */
  rendererRoot: string;
  port?: number;
  /** Fixed token for tests; a fresh random one per launch otherwise. */
  token?: string;
}

export interface BrowserServer {
  readonly port: number;
  readonly token: string;
  /** The address to open: carries the token once, which the server swaps for a cookie. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the same API as the Electron shell, over HTTP on loopback only, guarded by a
 * per-launch token and a Host/Origin check. No CORS headers are ever sent.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let port = options.port ?? 0;
  const sockets = new Set<import('node:net').Socket>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, toMidstanceError(error));
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setCommonHeaders(response);
    if (!isAllowedHost(request.headers.host, port) || !isAllowedOrigin(request.headers.origin, port)) {
      sendError(response, 403, new MidstanceError('unauthorized', 'Request from a foreign host or origin refused.'));
      return;
    }
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);

    const queryToken = url.searchParams.get('token');
    if (request.method === 'GET' && queryToken !== null && tokensEqual(token, queryToken)) {
      // Swap the token in the address for a cookie, then drop it from the address bar and history.
      url.searchParams.delete('token');
      response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      response.writeHead(303, { Location: `${url.pathname}${url.search}` }).end();
      return;
    }
    if (!tokensEqual(token, presentedToken(request.headers))) {
      sendUnauthorized(response, url.pathname);
      return;
    }

    if (url.pathname.startsWith('/api/')) return handleApi(request, response, url.pathname.slice('/api/'.length));
    if (url.pathname === '/events') return handleEvents(request, response);
    if (url.pathname.startsWith('/frames/')) return handleFrame(request, response, url);
    return handleStatic(request, response, url.pathname);
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') {
      sendError(response, 405, new MidstanceError('invalid-request', 'API calls use POST.'));
      return;
    }
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      // Also blocks "simple" cross-site form posts, which cannot set this content type.
      sendError(response, 415, new MidstanceError('invalid-request', 'API calls send JSON.'));
      return;
    }
    let callName: string;
    try {
      callName = decodeURIComponent(name);
    } catch {
      // Answered like any other unknown call.
      sendError(
        response,
        httpStatusFor('unknown-call'),
        new MidstanceError('unknown-call', 'Unknown request: the call name is not valid percent-encoding.', { call: name }),
      );
      return;
    }
    const declaredLength = Number(request.headers['content-length'] ?? 0);
    let input: unknown;
    try {
      if (declaredLength > MAX_BODY_BYTES) throw new BodyTooLarge();
      const body = await readBody(request, MAX_BODY_BYTES);
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        response.setHeader('Connection', 'close');
        sendError(
          response,
          413,
          new MidstanceError('too-large', `The request is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MB and was not read.`, {
            limitBytes: MAX_BODY_BYTES,
          }),
        );
        return;
      }
      sendError(response, 400, new MidstanceError('invalid-request', 'The request body is not valid JSON.'));
      return;
    }
    const abort = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    const envelope = await dispatch(options.core.handlers, callName, input, { signal: abort.signal });
    const status = envelope.ok ? 200 : httpStatusFor(envelope.error.code);
    sendJson(response, status, envelope);
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = options.core.events.subscribe((name, payload) => {
      response.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    response.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function handleFrame(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const address = parseFrameAddress(url.pathname.slice('/frames'.length), url.searchParams.get('w'));
    if (request.method !== 'GET') {
      sendError(response, 405, new MidstanceError('invalid-request', 'Frames are read with GET.'));
      return;
    }
    if (!address.ok) {
      sendError(response, address.status, new MidstanceError(address.status === 400 ? 'invalid-request' : 'not-found', address.message));
      return;
    }
    const abort = new AbortController();
    // The response, not the request, closes when the client goes away (the request closes once read).
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
    });
    try {
      const frame = await options.core.frames.getFrame(address.request, abort.signal);
      response.writeHead(200, {
        'Content-Type': frame.contentType,
        'Content-Length': frame.data.byteLength,
        // A clip id + index + width names immutable pixels for the life of this launch.
        'Cache-Control': 'private, max-age=3600, immutable',
      });
      response.end(frame.data);
    } catch (error) {
      const midstanceError = toMidstanceError(error);
      // Refused while the clip's decoders catch up: worth asking again in a moment.
      if (midstanceError.code === 'busy') response.setHeader('Retry-After', '1');
      sendError(response, httpStatusFor(midstanceError.code), midstanceError);
    }
  }

  async function handleStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendError(response, 405, new MidstanceError('invalid-request', 'Method not allowed.'));
      return;
    }
    const file = await readStaticFile(options.rendererRoot, pathname);
    if (!file) {
      sendError(response, 404, new MidstanceError('not-found', 'The app has not been built. Run "npm run build".'));
      return;
    }
    response.writeHead(200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function setCommonHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', contentSecurityPolicy());
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendUnauthorized(response: ServerResponse, pathname: string): void {
  const error = new MidstanceError(
    'unauthorized',
    'Open Midstance with the address printed in the terminal; it carries this launch\'s access token.',
  );
  if (pathname.startsWith('/api/') || pathname.startsWith('/frames/') || pathname === '/events') {
    sendError(response, 401, error);
    return;
  }
  response.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`Midstance: ${error.message}\n`);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, error: MidstanceError): void {
  sendJson(response, status, { ok: false, error: error.toShape() });
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but keep the socket, so the client reads the 413 instead of a reset.
        request.removeAllListeners('data');
        request.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
