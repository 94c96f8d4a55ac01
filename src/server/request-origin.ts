import type { IncomingMessage } from 'node:http';

/**
 * Whether the page that sent a request may use this server: clients that are not browsers
 * send no Origin; browsers' pages must be the extension, a configured web origin, or this
 * server's own web client (its Origin names the host the request went to).
 */
export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: readonly string[]) {
  const { origin, host } = request.headers;
  if (origin === undefined || allowedOrigins.includes(origin)) return true;
  try {
    const { protocol, host: originHost } = new URL(origin);
    return (
      (protocol === 'http:' || protocol === 'https:') && host !== undefined && originHost === host
    );
  } catch {
    return false; // "null" (an opaque origin, such as a widget frame) and anything malformed
  }
}
