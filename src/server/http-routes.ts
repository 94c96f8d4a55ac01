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

/** Plain HTTP routes that live beside socket.io on the same port. */
export function createHttpHandler(rooms: RoomStore, extensionId: string, metrics: ServerMetrics) {
  const route = createRouter(rooms, extensionId, metrics);
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

function createRouter(rooms: RoomStore, extensionId: string, metrics: ServerMetrics) {
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
