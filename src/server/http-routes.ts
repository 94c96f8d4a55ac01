import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomPeek } from '../protocol/room-peek.js';
import { roomIdSchema } from '../protocol/signalling.js';
import { addressKey } from './abuse-guard.js';
import { INVITE_SCRIPT, renderInvitePage } from './landing-page.js';
import type { ServerMetrics } from './metrics.js';
import type { RoomStore } from './room-store.js';

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

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
    'x-content-type-options': 'nosniff',
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
  const { extensionId, metrics, metricsToken } = options;
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
    if (pathname === '/invite.js') {
      return reply(response, 200, 'text/javascript', INVITE_SCRIPT);
    }
    const invite = /^\/r\/([^/]+)$/.exec(pathname);
    if (invite) {
      const room = roomIdSchema.safeParse(safeDecode(invite[1] ?? ''));
      if (!room.success) return reply(response, 404, 'text/plain', 'No such room link.\n');
      return reply(response, 200, 'text/html', renderInvitePage(room.data, extensionId), {
        'content-security-policy': PAGE_CSP,
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
    return reply(response, 404, 'text/plain', 'Not found\n');
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
  if (origin !== undefined && !allowedOrigins.includes(origin))
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
