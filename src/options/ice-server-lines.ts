import { accepted, refused, type Parsed } from '../protocol/parsed.js';

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/;

/**
 * Reads the options page's ICE list: one server per line, `url [username credential]`.
 * Blank lines and lines starting with `#` are ignored.
 */
export function parseIceServerLines(text: string): Parsed<RTCIceServer[]> {
  const servers: RTCIceServer[] = [];
  const lines = text.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `Line ${index + 1}`;
    const [url, username, credential, ...rest] = line.split(/\s+/);
    if (!url || !ICE_URL.test(url)) {
      return refused(`${where}: "${url}" is not a stun:, stuns:, turn: or turns: URL.`);
    }
    if (rest.length > 0) return refused(`${where}: expected "url [username credential]".`);
    const isTurn = url.startsWith('turn');
    if (isTurn && (!username || !credential)) {
      return refused(`${where}: a TURN server needs a username and a credential.`);
    }
    if (!isTurn && username) return refused(`${where}: a STUN server takes no username.`);
    servers.push(isTurn ? { urls: url, username, credential } : { urls: url });
  }
  if (servers.length > 16) return refused('At most 16 ICE servers.');
  return accepted(servers);
}

export function formatIceServerLines(servers: RTCIceServer[]): string {
  return servers
    .flatMap((server) => {
      const urls = Array.isArray(server.urls) ? server.urls : [server.urls];
      return urls.map((url) =>
        server.username ? `${url} ${server.username} ${String(server.credential ?? '')}` : url,
      );
    })
    .join('\n');
}
