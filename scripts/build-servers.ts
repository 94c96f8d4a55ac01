/**
 * The signalling servers an extension build is made for. The extension only ever uses these
 * and the one the person enters in Options; only their invite pages may ask it to open a call.
 *
 *   TFX_SERVER_URL      the default server (a local development server unless set)
 *   TFX_INVITE_ORIGINS  more servers whose invite links may open calls, comma-separated
 */
export const DEVELOPMENT_SERVER_URL = 'http://127.0.0.1:8084';

function originOf(text: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(`${variable}: "${text}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${variable}: "${text}" is not an http(s) address.`);
  }
  return url.origin;
}

/** The build's servers, its default first; duplicates removed. */
export function buildServers(env: Record<string, string | undefined>): string[] {
  const defaultServer = originOf(env.TFX_SERVER_URL ?? DEVELOPMENT_SERVER_URL, 'TFX_SERVER_URL');
  const invites = (env.TFX_INVITE_ORIGINS ?? '')
    .split(',')
    .filter((origin) => origin.trim() !== '')
    .map((origin) => originOf(origin, 'TFX_INVITE_ORIGINS'));
  return [...new Set([defaultServer, ...invites])];
}

/**
 * `externally_connectable` patterns for exactly these servers, port included: a pattern without
 * a port matches every port, which would let any program on the person's computer that serves
 * a page on localhost talk to the extension.
 */
export function externallyConnectableMatches(servers: string[]): string[] {
  return servers.map((origin) => `${origin}/*`);
}
