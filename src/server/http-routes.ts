import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { roomIdSchema } from '../protocol/signalling.js';
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

function createRouter(rooms: RoomStore, { extensionId, metrics, metricsToken }: HttpRouteOptions) {
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
