import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomPeek } from '../protocol/room-peek.js';
import { roomIdSchema } from '../protocol/signalling.js';
import { addressKey } from './abuse-guard.js';
import { INVITE_SCRIPT, renderInvitePage } from './landing-page.js';
import { pageText } from './page-text.js';
import type { ServerMetrics } from './metrics.js';
import {
  BASE_HEADERS,
  INVITE_PAGE_CSP,
  NOTHING_RUNS_CSP,
  WORKER_CSP,
  callPageCsp,
  widgetPageCsp,
} from './page-policies.js';
import { isAllowedOrigin } from './request-origin.js';
import type { RoomStore } from './room-store.js';
import type { WebClientFiles, WebFile } from './web-client-files.js';

function reply(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': `${contentType}; charset=utf-8`,
    'cache-control': 'no-store',
    'content-security-policy': NOTHING_RUNS_CSP,
    ...BASE_HEADERS,
    ...extraHeaders,
  });
  response.end(body);
}

// Malformed percent-encoding makes decodeURIComponent throw; a link is just not a room then.
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

export interface HttpRouteOptions {
  extensionId: string;
  /** The pages that may read a room before joining (the extension, configured web origins). */
  allowedOrigins: string[];
  /** Whether this address may look at one more room now. */
  admitPeek: (ip: string) => boolean;
  capacity: number;
  metrics: ServerMetrics;
  /** Without it /metrics is not served at all: it tells anyone how busy the server is. */
  metricsToken: string | undefined;
  /** The web client's files; without them invite pages offer the extension alone. */
  webClient: WebClientFiles | undefined;
  /** The sites that may frame the web client (the embed); empty: none may. */
  embedOrigins: string[];
  /** The privacy policy's text, served at /privacy; undefined when the file is unreadable. */
  privacyPolicy: string | undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function bearerMatches(request: IncomingMessage, token: string): boolean {
  const offered = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(offered), digest(token));
}

/** Plain HTTP routes that live beside socket.io on the same port. */
export function createHttpHandler(rooms: RoomStore, options: HttpRouteOptions) {
  const route = createRouter(rooms, options);
  // A throw inside a request listener would take the whole process down: answer 400 instead.
  return (request: IncomingMessage, response: ServerResponse): void => {
    try {
      route(request, response);
    } catch {
      if (!response.headersSent) reply(response, 400, 'text/plain', 'Bad request\n');
      else response.destroy();
    }
  };
}

function createRouter(rooms: RoomStore, options: HttpRouteOptions) {
  const { extensionId, metrics, metricsToken, webClient } = options;
  return (request: IncomingMessage, response: ServerResponse): void => {
    // socket.io answers its own path; everything else is ours.
    if (request.url?.startsWith('/socket.io/')) return;
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return reply(response, 405, 'text/plain', 'Method not allowed\n', { allow: 'GET, HEAD' });
    }
    if (pathname === '/healthz') {
      return reply(
        response,
        200,
        'application/json',
        JSON.stringify({ ok: true, ...rooms.counts() }),
      );
    }
    if (pathname === '/metrics') {
      if (!metricsToken) return reply(response, 404, 'text/plain', 'Not found\n');
      if (!bearerMatches(request, metricsToken)) {
        return reply(response, 401, 'text/plain', 'A bearer token is needed\n', {
          'www-authenticate': 'Bearer',
        });
      }
      metrics.render().then(
        ({ contentType, body }) => {
          response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          response.end(body);
        },
        () => reply(response, 500, 'text/plain', 'Metrics are unavailable\n'),
      );
      return;
    }
    const peek = /^\/rooms\/([^/]+)$/.exec(pathname);
    if (peek) return peekRoom(request, response, safeDecode(peek[1] ?? ''), rooms, options);
    if (pathname === '/privacy') {
      // The link the store listing and the welcome page give: the policy of this service.
      return options.privacyPolicy === undefined
        ? reply(response, 404, 'text/plain', 'No privacy policy is published here.\n')
        : reply(response, 200, 'text/plain', options.privacyPolicy);
    }
    if (pathname === '/invite.js') {
      return reply(response, 200, 'text/javascript', INVITE_SCRIPT);
    }
    const invite = /^\/r\/([^/]+)$/.exec(pathname);
    if (invite) {
      const room = roomIdSchema.safeParse(safeDecode(invite[1] ?? ''));
      if (!room.success) return reply(response, 404, 'text/plain', 'No such room link.\n');
      const text = pageText(request.headers['accept-language']);
      const page = renderInvitePage(room.data, extensionId, webClient !== undefined, text);
      return reply(response, 200, 'text/html', page, {
        'content-security-policy': INVITE_PAGE_CSP,
        // The page's language follows the reader's: caches must keep one per language.
        vary: 'Accept-Language',
      });
    }

    if (pathname === '/') {
      return reply(
        response,
        200,
        'text/plain',
        'TFX Sessions signalling server. Invite links look like /r/<room>.\n',
      );
    }
    if (!webClient) return reply(response, 404, 'text/plain', 'Not found\n');
    webClient.read(safeDecode(pathname)).then(
      (file) =>
        file
          ? sendWebFile(response, file, options.embedOrigins)
          : reply(response, 404, 'text/plain', 'Not found\n'),
      () => reply(response, 500, 'text/plain', 'Could not read the file\n'),
    );
  };
}

/**
 * `GET /rooms/<room>`: the room as the pre-join step shows it. Only the extension's pages and
 * the configured web origins may read it (a page of another site is refused), at a budget per
 * address of its own; a room with a password reveals how many are in it, not who.
 */
function peekRoom(
  request: IncomingMessage,
  response: ServerResponse,
  roomText: string,
  rooms: RoomStore,
  { allowedOrigins, admitPeek, capacity }: HttpRouteOptions,
): void {
  const { origin } = request.headers;
  if (!isAllowedOrigin(request, allowedOrigins))
    return reply(response, 403, 'text/plain', 'This page may not look into rooms.\n');
  const cors: Record<string, string> = origin
    ? { 'access-control-allow-origin': origin, vary: 'origin' }
    : {};
  const room = roomIdSchema.safeParse(roomText);
  if (!room.success) return reply(response, 404, 'text/plain', 'No such room.\n', cors);
  if (!admitPeek(addressKey(request.socket.remoteAddress)))
    return reply(response, 429, 'text/plain', 'Too many requests; wait a minute.\n', cors);
  rooms.peek(room.data).then(
    (found) => {
      const settings = found?.settings ?? { locked: false, passwordProtected: false };
      const names = found?.names ?? [];
      const peek: RoomPeek = {
        people: names.length,
        ...(settings.passwordProtected ? {} : { names }),
        capacity,
        locked: settings.locked,
        passwordProtected: settings.passwordProtected,
      };
      reply(response, 200, 'application/json', JSON.stringify(peek), cors);
    },
    () => reply(response, 503, 'text/plain', 'The room store is unavailable.\n', cors),
  );
}

/** A web client file, under the policy its kind needs (see page-policies.ts). */
function sendWebFile(response: ServerResponse, file: WebFile, embedOrigins: string[]): void {
  const policy =
    file.kind === 'call-page'
      ? callPageCsp(embedOrigins)
      : file.kind === 'widget-page'
        ? widgetPageCsp(embedOrigins)
        : file.kind === 'worker'
          ? WORKER_CSP
          : NOTHING_RUNS_CSP;
  response.writeHead(200, {
    'content-type': file.contentType,
    'content-length': file.body.length,
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'content-security-policy': policy,
    // Widget pages are opaque origins ("null"), and their module scripts and styles are
    // fetched in CORS mode: the build's public files say anyone may read them. Pages never do.
    ...(file.kind === 'asset' || file.kind === 'worker'
      ? { 'access-control-allow-origin': '*' }
      : {}),
    ...BASE_HEADERS,
  });
  response.end(file.body);
}
